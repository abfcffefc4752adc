package io.gladys.testing;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.stack.EnvironmentPolicy;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackBackend;
import io.gladys.stack.StackLock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A backend whose services live in memory: for the stack's shared logic (order, waiting, rollback, locks)
 * without processes or containers. A launched service runs until stopped, unless a script says what each
 * inspect after its launch finds; every call is recorded in order ({@link #events()}).
 */
public final class InMemoryBackend implements StackBackend {

    private final Environment environment;
    private final String idName;
    private final Map<String, AtomicInteger> inspectsSinceLaunch = new ConcurrentHashMap<>();
    private final Map<String, IntFunction<ServiceStatus>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> launchFailures = new ConcurrentHashMap<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore lock = new Semaphore(1);

    /** Services in the given environment, known by what {@code idName} says ("pid", "container"). */
    public InMemoryBackend(Environment environment, String idName) {
        this.environment = environment;
        this.idName = idName;
    }

    /** What each inspect of the service finds after its launch, by how many inspects came before (0, 1, ...). */
    public InMemoryBackend script(String service, IntFunction<ServiceStatus> afterLaunch) {
        scripts.put(service, afterLaunch);
        return this;
    }

    /** The service's launch fails with this message. */
    public InMemoryBackend failLaunch(String service, String message) {
        launchFailures.put(service, message);
        return this;
    }

    /** Every call so far, in order: "launch a", "confirm a", "stop a", "checkLaunchable a,b", "afterStop b,a". */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events of one kind ("launch", "stop", ...), by the services they name. */
    public List<String> events(String kind) {
        return events().stream().filter(e -> e.startsWith(kind + " ")).map(e -> e.substring(kind.length() + 1))
                .toList();
    }

    /** How often the service was inspected since its launch; -1 when it is not running. */
    public int inspectsSinceLaunch(String service) {
        return inspectsSinceLaunch.getOrDefault(service, new AtomicInteger(-1)).get();
    }

    /** A service as a running one of this backend's looks, which the environment counts as ready or not yet. */
    public static ServiceStatus running(ServiceDefinition s, String notReady) {
        return new ServiceStatus(s, ServiceState.RUNNING, "abc123def456", null, Instant.now(), null, null, null,
                Map.of("health", notReady == null ? "healthy" : "starting"), notReady);
    }

    @Override
    public EnvironmentPolicy policy() {
        return new EnvironmentPolicy() {
            @Override
            public Environment environment() {
                return environment;
            }

            @Override
            public boolean portMovable(ServiceDefinition s) {
                return true;
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
                return DatabaseSettings.Provision.EXTERNAL;
            }

            @Override
            public boolean providesDatabase() {
                return false;
            }

            @Override
            public String selectionFlag() {
                return "";
            }
        };
    }

    @Override
    public String idName() {
        return idName;
    }

    @Override
    public ServiceStatus inspect(ServiceDefinition s) {
        AtomicInteger n = inspectsSinceLaunch.get(s.name());
        if (n == null || n.get() < 0) {
            return new ServiceStatus(s, ServiceState.STOPPED, null, null, null, null, null, null);
        }
        IntFunction<ServiceStatus> script = scripts.get(s.name());
        int count = n.getAndIncrement();
        return script != null ? script.apply(count)
                : new ServiceStatus(s, ServiceState.RUNNING, "mem-" + s.name(), null, Instant.now(), null, null, null);
    }

    @Override
    public void launch(ServiceDefinition s, Map<String, String> environment) {
        events.add("launch " + s.name());
        String failure = launchFailures.get(s.name());
        if (failure != null) {
            throw new io.gladys.stack.StackException(failure);
        }
        inspectsSinceLaunch.put(s.name(), new AtomicInteger(0));
    }

    @Override
    public void checkLaunchable(List<ServiceDefinition> services) {
        events.add("checkLaunchable " + names(services));
    }

    @Override
    public void confirmStarted(ServiceDefinition s) {
        events.add("confirm " + s.name());
    }

    @Override
    public StopResult stop(ServiceDefinition s, Duration timeout) {
        events.add("stop " + s.name());
        AtomicInteger n = inspectsSinceLaunch.get(s.name());
        boolean wasRunning = n != null && n.get() >= 0;
        inspectsSinceLaunch.put(s.name(), new AtomicInteger(-1));
        return new StopResult(wasRunning, false, 0, Duration.ZERO, null);
    }

    @Override
    public void afterStop(List<ServiceDefinition> stopped) {
        events.add("afterStop " + names(stopped));
    }

    @Override
    public List<String> lastLogLines(ServiceDefinition s, int lines) {
        return List.of("line one", "line two");
    }

    @Override
    public void logs(List<ServiceDefinition> services, int tail, boolean follow, long until,
                     BiConsumer<String, String> sink) {
        for (ServiceDefinition s : services) {
            lastLogLines(s, tail).forEach(l -> sink.accept(s.name(), l));
        }
    }

    @Override
    public StackLock lock() {
        lock.acquireUninterruptibly();
        return lock::release;
    }

    @Override
    public Optional<StackLock> tryLock() {
        return lock.tryAcquire() ? Optional.of(lock::release) : Optional.empty();
    }

    private static String names(List<ServiceDefinition> services) {
        return services.stream().map(ServiceDefinition::name).collect(Collectors.joining(","));
    }
}
