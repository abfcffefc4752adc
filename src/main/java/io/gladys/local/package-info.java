/**
 * The local environment: services as processes that outlive the Maven run, supervised by one stack
 * agent per project ({@link io.gladys.local.agent}); {@link io.gladys.local.LocalBackend} launches
 * through it, and inspects, stops and reads the services through the project's state directory
 * ({@link io.gladys.local.state.StateDirectory}) and a process control
 * ({@link io.gladys.local.ProcessControl}: process groups, or the JDK's process handles), so that every
 * goal works also while the agent is gone; {@link io.gladys.local.LocalPolicy} is what the environment
 * says of ports, hosts and the database.
 */
package io.gladys.local;
