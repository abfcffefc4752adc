package io.gladys.local;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.stack.EnvironmentPolicy;

/**
 * The rules of the local environment: services are processes on this machine, reached on localhost;
 * the plugin moves the ports of what it launches (services with a command, the cluster it runs for the
 * database); the state directory is this checkout's own, so a stack on the default ports is this one.
 */
public final class LocalPolicy implements EnvironmentPolicy {

    private final DatabaseSettings database;

    public LocalPolicy(DatabaseSettings database) {
        this.database = database;
    }

    @Override
    public Environment environment() {
        return Environment.LOCAL;
    }

    @Override
    public boolean portMovable(ServiceDefinition s) {
        return s.isDatabase() ? database.managedCluster() : !s.command().isEmpty();
    }

    @Override
    public boolean defaultPortsAreThisCheckouts() {
        return true;
    }

    @Override
    public String clientHost() {
        return "localhost";
    }

    @Override
    public DatabaseSettings.Provision databaseProvision() {
        if (!database.managedCluster()) {
            return DatabaseSettings.Provision.EXTERNAL;
        }
        return database.installation() != null ? DatabaseSettings.Provision.INSTALLATION
                : DatabaseSettings.Provision.EMBEDDED;
    }

    @Override
    public boolean providesDatabase() {
        return database.managedCluster();
    }

    @Override
    public String selectionFlag() {
        return ""; // the default environment
    }
}
