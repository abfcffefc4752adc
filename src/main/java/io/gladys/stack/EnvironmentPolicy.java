package io.gladys.stack;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;

import java.util.Optional;

/**
 * What differs between environments besides running services, asked of an environment's backend before
 * and besides it runs anything: where a service's port is and whether the plugin may move it, the host
 * clients reach services on, how the database is provided. The core (stack, ports, db, the goals) never
 * decides these by looking at which environment it is.
 */
public interface EnvironmentPolicy {

    Environment environment();

    /** The service's port here, from its catalog entry; null when it has none. */
    default Integer port(ServiceDefinition s) {
        return s.port(environment());
    }

    /** Whether port offsets and dynamic ports may move the service's port: only what the plugin launches. */
    boolean portMovable(ServiceDefinition s);

    /**
     * Why no port of this environment can move (ports that something else than the plugin publishes), as
     * the end of a sentence "... move the ports of &lt;reason&gt;"; empty when they can.
     */
    default Optional<String> portsFixed() {
        return Optional.empty();
    }

    /** What {@code ${port}} stands for in the service's command: where it listens, given its assigned port. */
    default Integer listeningPort(ServiceDefinition s, Integer assigned) {
        return assigned;
    }

    /**
     * Whether a stack on the catalog's ports can only be this checkout's, so that it is found there
     * without a port record (a state directory of its own; not a name that another checkout shares).
     */
    boolean defaultPortsAreThisCheckouts();

    /** The host clients reach this environment's services on (probes, JDBC, exported addresses). */
    String clientHost();

    /** How the database is provided here, given the settings. */
    DatabaseSettings.Provision databaseProvision();

    /**
     * Where dynamic ports come from when they must be free somewhere other than this machine's loopback
     * (an engine on another host); empty: a port free on this machine's loopback.
     */
    default Optional<java.util.function.IntSupplier> freePorts() {
        return Optional.empty();
    }

    /** Whether the plugin provides the database here (it migrates it on start unless told otherwise). */
    boolean providesDatabase();

    /** What a command line adds to address this environment ("" for the default one). */
    String selectionFlag();
}
