package io.gladys.docker;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseSettings;
import io.gladys.stack.EnvironmentPolicy;

import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The rules of the docker environment: services are Compose services, reached on the ports they publish,
 * on the engine's host. The plugin moves the ports of the Compose project it writes itself, never those
 * of a project's own Compose file; the database is the Compose project's (the plugin's own when it wrote
 * the project). The default project name comes from the directory's name, which another checkout may
 * share: a stack on the default ports is not known to be this checkout's.
 */
public final class DockerPolicy implements EnvironmentPolicy {

    private final boolean projectComposeFile;
    private final String clientHost;
    private final DatabaseSettings database;
    private final IntSupplier freePorts;

    /**
     * @param projectComposeFile whether the project has a Compose file of its own (else the plugin writes one)
     * @param clientHost         the host published ports are reached on (the engine's)
     */
    public DockerPolicy(boolean projectComposeFile, String clientHost, DatabaseSettings database) {
        this(projectComposeFile, clientHost, database, null);
    }

    /** @param freePorts free ports on the engine's host when it is another machine; null: this machine's */
    public DockerPolicy(boolean projectComposeFile, String clientHost, DatabaseSettings database, IntSupplier freePorts) {
        this.projectComposeFile = projectComposeFile;
        this.clientHost = clientHost;
        this.database = database;
        this.freePorts = freePorts;
    }

    @Override
    public Optional<IntSupplier> freePorts() {
        return Optional.ofNullable(freePorts);
    }

    @Override
    public Environment environment() {
        return Environment.DOCKER;
    }

    @Override
    public boolean portMovable(ServiceDefinition s) {
        return true;
    }

    @Override
    public Optional<String> portsFixed() {
        return projectComposeFile ? Optional.of("the Compose project the plugin writes itself; this project has "
                + "its own Compose file, whose published ports are its own. Publish them from variables there (ports: "
                + "[\"127.0.0.1:${GATEWAY_PORT:-50061}:50051\"]) and set those instead.") : Optional.empty();
    }

    /** Inside its container a service listens on its {@code localPort}, whatever port is published. */
    @Override
    public Integer listeningPort(ServiceDefinition s, Integer assigned) {
        return s.localPort() != null ? s.localPort() : assigned;
    }

    @Override
    public boolean defaultPortsAreThisCheckouts() {
        return false;
    }

    @Override
    public String clientHost() {
        return clientHost;
    }

    @Override
    public DatabaseSettings.Provision databaseProvision() {
        return database.urlOverride() != null ? DatabaseSettings.Provision.EXTERNAL : DatabaseSettings.Provision.COMPOSE;
    }

    /** The plugin sets the database up itself in the Compose project it writes. */
    @Override
    public boolean providesDatabase() {
        return !projectComposeFile;
    }

    @Override
    public String selectionFlag() {
        return " -D" + PropertyNames.ENV + "=" + environment().id();
    }
}
