/**
 * The composition root: one goal's stack. {@link io.gladys.session.ConfigurationProcessor} turns a goal's
 * raw parameters into a {@link io.gladys.session.StackConfig} (every rule of precedence, without Maven);
 * {@link io.gladys.session.StackSession} builds the backends ({@link io.gladys.session.BackendFactory}, the
 * one place that knows every environment), the catalog with its ports, the database, the addresses and the
 * clients, and is what every goal works through.
 */
package io.gladys.session;
