/**
 * The stack agent: one process per local stack that supervises every local service (launch, stop
 * records, exit codes, restarts, log rotation) and answers the goals over a Unix domain socket in
 * the state directory with warm clients (status, health, cache statistics, logs). The goal side
 * ({@link io.gladys.local.agent.AgentClient}) uses the JDK alone.
 */
package io.gladys.local.agent;
