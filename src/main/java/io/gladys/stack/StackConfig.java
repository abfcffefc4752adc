package io.gladys.stack;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.docker.DockerSettings;
import io.gladys.health.HealthTimeouts;
import io.gladys.local.LocalBackend;
import io.gladys.ports.PortSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a stack session needs, as plain values (the plugin reads them from the pom and the
 * command line; tests build them directly).
 *
 * @param services            services given by the user, merged into the default catalog by name
 * @param useDefaultCatalog   start from GLADyS's catalog (false: from an empty one)
 * @param java                how to launch Java processes (reference services and runners)
 * @param postgresBinaries    gives the embedded PostgreSQL's binaries archive; asked only when needed
 * @param logPolicy           the local environment's log rotation
 * @param docker              the docker environment's settings
 * @param processControl      local environment: "groups", "portable", or null for the platform's choice
 * @param ports               how the goal's ports are chosen (io.gladys.ports)
 * @param classDataArchive    local environment: give services launched from {@code java}'s main classes a
 *                            class-data archive (io.gladys.local.ClassDataArchive)
 */
public record StackConfig(Environment environment, List<ServiceDefinition> services, boolean useDefaultCatalog,
                          Path baseDir, Path stateDir, JavaLaunch java, DatabaseSettings database,
                          Supplier<Path> postgresBinaries, HealthTimeouts timeouts,
                          LocalBackend.LogPolicy logPolicy, Console console, DockerSettings docker,
                          String processControl, PortSettings ports, boolean classDataArchive) {

    public StackConfig {
        docker = docker == null ? DockerSettings.DEFAULT : docker;
        ports = ports == null ? PortSettings.NONE : ports;
    }

    /** The same configuration with other port settings. */
    public StackConfig withPorts(PortSettings settings) {
        return new StackConfig(environment, services, useDefaultCatalog, baseDir, stateDir, java, database,
                postgresBinaries, timeouts, logPolicy, console, docker, processControl, settings, classDataArchive);
    }

    /** A configuration with docker settings, where the platform chooses the local process control. */
    public StackConfig(Environment environment, List<ServiceDefinition> services, boolean useDefaultCatalog,
                       Path baseDir, Path stateDir, JavaLaunch java, DatabaseSettings database,
                       Supplier<Path> postgresBinaries, HealthTimeouts timeouts, LocalBackend.LogPolicy logPolicy,
                       Console console, DockerSettings docker) {
        this(environment, services, useDefaultCatalog, baseDir, stateDir, java, database, postgresBinaries, timeouts,
                logPolicy, console, docker, null, PortSettings.NONE, true);
    }

    /** A configuration with the default docker settings, where the platform chooses the local process control. */
    public StackConfig(Environment environment, List<ServiceDefinition> services, boolean useDefaultCatalog,
                       Path baseDir, Path stateDir, JavaLaunch java, DatabaseSettings database,
                       Supplier<Path> postgresBinaries, HealthTimeouts timeouts, LocalBackend.LogPolicy logPolicy,
                       Console console) {
        this(environment, services, useDefaultCatalog, baseDir, stateDir, java, database, postgresBinaries, timeouts,
                logPolicy, console, DockerSettings.DEFAULT, null, PortSettings.NONE, true);
    }

    /** The same configuration for another environment. */
    public StackConfig withEnvironment(Environment env) {
        return new StackConfig(env, services, useDefaultCatalog, baseDir, stateDir, java, database, postgresBinaries,
                timeouts, logPolicy, console, docker, processControl, ports, classDataArchive);
    }

    /** The same configuration with other docker settings. */
    public StackConfig withDocker(DockerSettings settings) {
        return new StackConfig(environment, services, useDefaultCatalog, baseDir, stateDir, java, database,
                postgresBinaries, timeouts, logPolicy, console, settings, processControl, ports, classDataArchive);
    }

    /** The same configuration with another local process control ("groups", "portable", null: auto). */
    public StackConfig withProcessControl(String control) {
        return new StackConfig(environment, services, useDefaultCatalog, baseDir, stateDir, java, database,
                postgresBinaries, timeouts, logPolicy, console, docker, control, ports, classDataArchive);
    }

    /** The same configuration with class-data archives on or off. */
    public StackConfig withClassDataArchive(boolean on) {
        return new StackConfig(environment, services, useDefaultCatalog, baseDir, stateDir, java, database,
                postgresBinaries, timeouts, logPolicy, console, docker, processControl, ports, on);
    }

    /** The same configuration with another log rotation. */
    public StackConfig withLogPolicy(LocalBackend.LogPolicy policy) {
        return new StackConfig(environment, services, useDefaultCatalog, baseDir, stateDir, java, database,
                postgresBinaries, timeouts, policy, console, docker, processControl, ports, classDataArchive);
    }
}
