package io.gladys.stack;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.ManagedPostgres;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between environments: how a service is launched, found, stopped and read, and the rules
 * of its environment ({@link #policy()}). The shared logic (order, readiness, reports) lives in
 * {@link StackManager}; one implementation of this interface per environment.
 */
public interface StackBackend extends AutoCloseable {

    /** The rules of this backend's environment. */
    EnvironmentPolicy policy();

    /** What {@link ServiceStatus#id()} is in this environment, as messages and reports name it ("pid"). */
    default String idName() {
        return "pid";
    }

    /**
     * The stack's catalog (its ports in place) as this environment runs it: where something else than
     * the catalog says where a service is (a project's own Compose file), its word counts. As it is by default.
     */
    default Catalog adapt(Catalog catalog) {
        return catalog;
    }

    /**
     * The PostgreSQL cluster this backend runs for the stack's database in the project's state directory
     * (what {@code gladys.db.recreate} may delete); empty when the database is not the plugin's own there.
     */
    default Optional<ManagedPostgres> managedCluster() {
        return Optional.empty();
    }

    /**
     * This machine's address as this environment's services reach it, for the services that run as local
     * processes and are called from here (docker: the bridge gateway host.docker.internal maps to); empty
     * where the services run on this machine itself.
     */
    default Optional<String> hostAddress() {
        return Optional.empty();
    }

    /** The service's current state, without probing its health. */
    ServiceStatus inspect(ServiceDefinition service);

    /**
     * Launches the service without waiting for it to be ready.
     *
     * @param environment the stack's addresses for the service (added to its own variables)
     */
    void launch(ServiceDefinition service, Map<String, String> environment);

    /**
     * Checks, before a start launches anything, that each of these services can be launched (its
     * program is there); throws with every problem found. Nothing to check by default.
     */
    default void checkLaunchable(List<ServiceDefinition> services) {
    }

    /** Records that the start which launched the service has confirmed it (it counts as started). */
    void confirmStarted(ServiceDefinition service);

    /** Stops the service gracefully, then forcibly after the timeout. */
    StopResult stop(ServiceDefinition service, Duration timeout);

    /**
     * Called once a stop has stopped the selected services (dependents first), under the lock: an
     * environment may release what they held (docker: remove their containers with gladys.docker.down).
     */
    default void afterStop(List<ServiceDefinition> stopped) {
    }

    /** The last lines of the service's output (empty when there is none). */
    List<String> lastLogLines(ServiceDefinition service, int lines);

    /**
     * Hands each service's last lines to the sink, then, when following, every new line as it is
     * written (several services interleaved as their lines come) until the deadline (0: until interrupted).
     *
     * @param sink receives (service name, line)
     */
    void logs(List<ServiceDefinition> services, int tail, boolean follow, long followUntilEpochMs,
              java.util.function.BiConsumer<String, String> sink) throws InterruptedException;

    /** Serialises the goals of one project that change the stack; waits for the current holder. */
    StackLock lock();

    /** The lock, only if nobody holds it now. */
    Optional<StackLock> tryLock();

    /**
     * What may keep a running service's port from answering this machine when the backend knows more than
     * "cannot connect" (a remote engine: a firewall or a tunnel); empty when it knows nothing more.
     */
    default Optional<String> unreachableNote(ServiceDefinition service, String host, Integer port) {
        return Optional.empty();
    }

    /**
     * How this environment makes the gateway's cache calls: {@code direct} (the goal's own channel) unless
     * the environment has a process that calls with warm clients.
     */
    default io.gladys.grpc.SalienceCache salienceCache(io.gladys.grpc.SalienceCache direct, String host, int port,
                                                       String label, Duration deadline) {
        return direct;
    }

    /**
     * What a start does first, under the stack's lock, whatever it then launches: the local environment
     * puts services whose supervisor is gone under a new one. Nothing by default.
     */
    default void prepareStart(List<ServiceDefinition> services) {
    }

    /** Releases what the backend opened (an engine's connection); nothing by default. */
    @Override
    default void close() {
    }

    /** The result of a stop. */
    record StopResult(boolean wasRunning, boolean forced, Integer exitCode, Duration took, String detail) {
    }

    /**
     * How this environment's health probes are made: {@code direct} (the goal's own clients) unless the
     * environment has a process that probes with warm clients.
     */
    default io.gladys.health.HealthProbe healthProbe(io.gladys.health.HealthProbe direct,
                                                     io.gladys.health.HealthTimeouts timeouts,
                                                     io.gladys.db.DatabaseTarget database) {
        return direct;
    }

    /** How the digest of a database's migration history is read: {@code direct} unless a process here has warm clients. */
    default io.gladys.db.SchemaHistory.Reader schemaHistory(io.gladys.db.SchemaHistory.Reader direct) {
        return direct;
    }
}
