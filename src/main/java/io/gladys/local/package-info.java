/**
 * The local environment: services as processes that outlive the Maven run, each under a small runner
 * ({@link io.gladys.local.runner}); {@link io.gladys.local.LocalBackend} launches, inspects, stops and
 * reads them through the project's state directory ({@link io.gladys.local.state.StateDirectory}) and a process
 * control ({@link io.gladys.local.ProcessControl}: process groups, or the JDK's process handles);
 * {@link io.gladys.local.LocalPolicy} is what the environment says of ports, hosts and the database.
 */
package io.gladys.local;
