/**
 * The core every environment shares, knowing none of them: {@link io.gladys.stack.StackManager} starts in
 * dependency order and waits for readiness, stops in reverse order, reports status and health, over
 * {@link io.gladys.stack.StackBackend} (one implementation per environment, its rules in an
 * {@link io.gladys.stack.EnvironmentPolicy}) chosen per service by {@link io.gladys.stack.Backends}.
 */
package io.gladys.stack;
