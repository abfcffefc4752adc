package io.gladys.stack;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.Catalog;
import io.gladys.common.Durations;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.health.HealthProbe;
import io.gladys.health.HealthResult;
import io.gladys.health.ProbeOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stack operations every environment shares: starting in dependency order (independent
 * services in parallel) and waiting for readiness, stopping in reverse order, status and health.
 * What is specific to an environment is behind {@link StackBackend}; each service is run by its own
 * backend ({@link Backends}), so one stack may span environments.
 */
public final class StackManager {

    private static final Duration POLL = Duration.ofMillis(150);
    private static final Duration EXTERNAL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_LINES_IN_ERRORS = 15;

    private final Catalog catalog;
    private final Backends backends;
    private final HealthProbe health;
    private final StackAddresses addresses;
    private final Console console;
    private final ReadinessHook readinessHook;

    private StackManager(Builder b) {
        this.catalog = b.catalog;
        this.backends = b.backends;
        this.health = b.health;
        this.addresses = b.addresses;
        this.console = b.console == null ? Console.SILENT : b.console;
        this.readinessHook = b.readinessHook == null ? ReadinessHook.NONE : b.readinessHook;
    }

    /** A manager of the catalog's services, each run by its backend in {@code backends}. */
    public static Builder builder(Catalog catalog, Backends backends) {
        return new Builder(catalog, backends);
    }

    public Catalog catalog() {
        return catalog;
    }

    public StackAddresses addresses() {
        return addresses;
    }

    /** The backend that runs the service. */
    private StackBackend backend(ServiceDefinition s) {
        return backends.of(s);
    }

    // ---------------------------------------------------------------------------------------- start

    /** How one service came out of a start. */
    public enum StartOutcome { STARTED, ALREADY_RUNNING, EXTERNAL }

    /** One line of a start report. */
    public record Started(ServiceDefinition service, StartOutcome outcome, Duration took) {
    }

    /**
     * Starts the named services and what they depend on; waits until they are ready unless told not
     * to. On failure or interruption, stops what this start launched (unless keepRunning) and throws.
     */
    public List<Started> start(String names, StartOptions options) {
        List<ServiceDefinition> requested = catalog.resolve(names);
        List<ServiceDefinition> plan = catalog.withDependencies(requested);
        try (StackLock lock = backends.lock()) {
            backends.byBackend(plan).forEach(StackBackend::prepareStart);
            recoverInterruptedStarts();
            return new StartRun(plan, options).run();
        }
    }

    /** A start whose Maven run died (killed, machine lost power) left services it never confirmed. */
    private void recoverInterruptedStarts() {
        for (ServiceDefinition s : catalog.services()) {
            StackBackend backend = backend(s);
            ServiceStatus st = backend.inspect(s);
            if (st.state() == ServiceState.STARTING) {
                console.warn(s.name() + " was launched by a start that did not finish (" + backend.idName() + " "
                        + st.id() + "); stopping it.");
                backend.stop(s, Duration.ofSeconds(10));
            }
        }
    }

    private final class StartRun {
        private final List<ServiceDefinition> plan;
        private final StartOptions options;
        private final Map<String, CompletableFuture<Void>> launches = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Void>> started = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();
        private final List<ServiceDefinition> launched = Collections.synchronizedList(new ArrayList<>());
        private final Map<ServiceDefinition, Started> results = new ConcurrentHashMap<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        private final Instant deadline;

        StartRun(List<ServiceDefinition> plan, StartOptions options) {
            this.plan = plan;
            this.options = options;
            this.deadline = Instant.now().plus(options.overallTimeout());
        }

        List<Started> run() {
            Map<ServiceDefinition, ServiceStatus> before = new LinkedHashMap<>();
            for (ServiceDefinition s : plan) {
                before.put(s, backend(s).inspect(s));
            }
            checkPorts(before);
            // a missing program fails the start before anything is launched, not half way through
            backends.byBackend(plan.stream().filter(s -> !before.get(s).state().alive()).toList())
                    .forEach(StackBackend::checkLaunchable);
            Thread onInterrupt = new Thread(this::interrupted, "gladys-start-interrupted");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            // one thread: tasks run in start order, each after its dependencies, so one after another
            int threads = options.parallel() ? Math.max(1, plan.size()) : 1;
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "gladys-start");
                t.setDaemon(true);
                return t;
            });
            try {
                for (ServiceDefinition s : plan) {
                    launches.put(s.name(), new CompletableFuture<>());
                    started.put(s.name(), new CompletableFuture<>());
                    ready.put(s.name(), new CompletableFuture<>());
                }
                for (ServiceDefinition s : plan) {
                    CompletableFuture.runAsync(() -> guarded(s, before.get(s)), pool)
                            .whenComplete((v, e) -> {
                                if (e != null) {
                                    firstFailure.completeExceptionally(e);
                                    launches.get(s.name()).completeExceptionally(e);
                                    started.get(s.name()).completeExceptionally(e);
                                    ready.get(s.name()).completeExceptionally(e);
                                }
                            });
                }
                awaitAll();
                launched.forEach(s -> backend(s).confirmStarted(s));
                finished.set(true);
                List<Started> out = new ArrayList<>();
                plan.forEach(s -> out.add(results.get(s)));
                return out;
            } catch (RuntimeException e) {
                // let no task launch anything more, and wait until none is mid-launch, then clean up
                cancelled.set(true);
                pool.shutdownNow();
                awaitTermination(pool);
                finished.set(true);
                throw failed(e);
            } finally {
                pool.shutdownNow();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook does the clean-up
                }
            }
        }

        private void awaitAll() {
            CompletableFuture<?>[] all = plan.stream().map(s -> ready.get(s.name())).toArray(CompletableFuture[]::new);
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                // the first failure ends the wait: independent services need not run out their timeouts
                CompletableFuture.anyOf(CompletableFuture.allOf(all), firstFailure).get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new StackException("The start did not finish within " + Durations.seconds(options.overallTimeout())
                        + " (" + PropertyNames.OVERALL_TIMEOUT + ").");
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("The start was interrupted.");
            }
        }

        /** Unexpected errors still name the service and say what happened. */
        private void guarded(ServiceDefinition s, ServiceStatus before) {
            try {
                startOne(s, before);
            } catch (StackException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // the plugin's own exceptions carry a message for the user; anything else is named
                boolean ours = e.getClass().getName().startsWith("io.gladys.") && e.getMessage() != null;
                throw new StackException("Starting " + s.name() + " failed: " + (ours ? e.getMessage() : e), e);
            }
        }

        private void startOne(ServiceDefinition s, ServiceStatus before) {
            // a service is launched once what it depends on is ready (or merely started or launched, if it says so)
            for (Dependency dep : s.dependsOn()) {
                CompletableFuture<Void> f = switch (dep.condition()) {
                    case LAUNCHED -> launches.get(dep.service());
                    case STARTED -> started.get(dep.service());
                    case HEALTHY -> ready.get(dep.service());
                };
                if (f != null) {
                    try {
                        f.join();
                    } catch (CompletionException e) {
                        throw new StackException(s.name() + " was not started because " + dep.service()
                                + " did not start.", e.getCause());
                    }
                }
            }
            Instant t0 = Instant.now();
            if (before.state() == ServiceState.EXTERNAL) {
                awaitHealthy(s, false, t0, min(EXTERNAL_WAIT, timeout(s)));
                console.info(s.name() + " is external (" + addresses.address(s) + "): not started by the plugin.");
                done(s, StartOutcome.EXTERNAL, t0);
                return;
            }
            if (before.state().alive()) {
                console.info(s.name() + " is already running (" + backend(s).idName() + " " + before.id() + ").");
                launches.get(s.name()).complete(null);
                started.get(s.name()).complete(null);
                if (options.waitForHealthy()) {
                    awaitHealthy(s, false, t0, timeout(s));
                    readinessHook.serviceReady(s, false);
                }
                done(s, StartOutcome.ALREADY_RUNNING, t0);
                return;
            }
            synchronized (launched) {
                if (cancelled.get()) {
                    throw new StackException(s.name() + " was not started: the start is being cancelled.");
                }
                console.info("Starting " + s.name() + (addresses.address(s) == null ? "" : " on "
                        + addresses.address(s)) + " ...");
                launched.add(s); // before the launch: a launch cut short is still cleaned up
            }
            backend(s).launch(s, addresses.variablesFor(s));
            launches.get(s.name()).complete(null);
            if (!options.waitForHealthy()) {
                started.get(s.name()).complete(null);
                done(s, StartOutcome.STARTED, t0);
                return;
            }
            awaitHealthy(s, true, t0, timeout(s));
            console.info(s.name() + " is healthy (" + Durations.millis(Duration.between(t0, Instant.now())) + ").");
            done(s, StartOutcome.STARTED, t0);
        }

        private void done(ServiceDefinition s, StartOutcome outcome, Instant t0) {
            results.put(s, new Started(s, outcome, Duration.between(t0, Instant.now())));
            launches.get(s.name()).complete(null);
            started.get(s.name()).complete(null);
            ready.get(s.name()).complete(null);
        }

        /**
         * Polls until healthy and (for a process launched now) up for the minimum time. A process launched
         * now gets its readiness work (migrations) as soon as it first answers, within that minimum time
         * rather than after it; the polls that follow still see it up and healthy before it counts as ready.
         */
        private void awaitHealthy(ServiceDefinition s, boolean launchedNow, Instant t0, Duration timeout) {
            Instant until = min(t0.plus(timeout), deadline);
            HealthResult last = null;
            boolean readinessDone = false;
            while (true) {
                if (launchedNow) {
                    ServiceStatus st = backend(s).inspect(s);
                    // an environment that knows the service is unhealthy (a container's own check) ends the wait too
                    if (!st.state().alive() || st.state() == ServiceState.UNHEALTHY) {
                        throw new StackException(crashMessage(s, st, t0));
                    }
                    boolean upLongEnough = Duration.between(t0, Instant.now()).compareTo(options.minUptime()) >= 0;
                    if (upLongEnough) {
                        started.get(s.name()).complete(null);
                    }
                    last = health.check(s, addresses.host(s), addresses.port(s), false);
                    if (ready(last) && st.notReady() == null) {
                        if (!readinessDone) {
                            readinessHook.serviceReady(s, true);
                            readinessDone = true;
                            continue; // the work took a while: look again before calling it ready
                        }
                        if (upLongEnough) {
                            return;
                        }
                    }
                    if (st.notReady() != null && ready(last)) {
                        last = new HealthResult(ProbeOutcome.NOT_HEALTHY, io.gladys.health.HealthState.UNKNOWN,
                                st.notReady(), -1, null, null);
                    }
                } else {
                    last = health.check(s, addresses.host(s), addresses.port(s), false);
                    if (ready(last)) {
                        return;
                    }
                }
                if (Instant.now().isAfter(until)) {
                    throw new StackException(timeoutMessage(s, last, timeout, launchedNow));
                }
                Pause.of(POLL);
            }
        }

        private void checkPorts(Map<ServiceDefinition, ServiceStatus> before) {
            for (var e : before.entrySet()) {
                if (e.getValue().state() == ServiceState.FOREIGN) {
                    throw new StackException("Cannot start " + e.getKey().name() + ": its port "
                            + e.getValue().port() + " is already in use by another process (" + e.getValue().detail()
                            + "). Stop that process, or give " + e.getKey().name()
                            + " another port in the pom. Nothing was started.");
                }
            }
        }

        private RuntimeException failed(RuntimeException cause) {
            // what already ended keeps its crash record (status shows the exit code); the rest is stopped
            List<ServiceDefinition> toStop = catalog.stopOrder(new ArrayList<>(launched)).stream()
                    .filter(s -> backend(s).inspect(s).state().alive()).toList();
            StringBuilder msg = new StringBuilder(cause.getMessage());
            if (toStop.isEmpty()) {
                return new StackException(msg.toString(), cause);
            }
            List<String> names = toStop.stream().map(ServiceDefinition::name).toList();
            if (options.keepRunning()) {
                msg.append("\nLeft running for inspection (" + PropertyNames.KEEP_RUNNING + "): ").append(String.join(", ", names))
                        .append(". Stop them with: mvn gladys:stop");
            } else {
                for (ServiceDefinition s : toStop) {
                    backend(s).stop(s, Duration.ofSeconds(10));
                }
                msg.append("\nStopped what this start had launched: ").append(String.join(", ", names)).append('.');
            }
            return new StackException(msg.toString(), cause);
        }

        /** Ctrl-C during a start: stop what it launched, unless asked to keep it. */
        private void interrupted() {
            if (finished.get() || options.keepRunning()) {
                return;
            }
            List<ServiceDefinition> toStop = catalog.stopOrder(new ArrayList<>(launched));
            for (ServiceDefinition s : toStop) {
                backend(s).stop(s, Duration.ofSeconds(5));
            }
            if (!toStop.isEmpty()) {
                System.err.println("gladys: start interrupted; stopped " + toStop);
            }
        }

        private void awaitTermination(ExecutorService pool) {
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Duration timeout(ServiceDefinition s) {
            return s.startTimeout() != null ? s.startTimeout() : options.serviceTimeout();
        }
    }

    private String crashMessage(ServiceDefinition s, ServiceStatus st, Instant t0) {
        if (st.state() == ServiceState.UNHEALTHY) {
            return s.name() + " turned unhealthy during start after " + Durations.millis(Duration.between(t0, Instant.now()))
                    + (st.detail() == null ? "" : " (" + st.detail() + ")") + "." + logTail(s);
        }
        String code = st.exitCode() == null ? "an unknown exit code" : "exit code " + st.exitCode()
                + signalName(st.exitCode());
        return s.name() + " exited during start with " + code + " after "
                + Durations.millis(Duration.between(t0, Instant.now())) + "." + logTail(s);
    }

    /** A probe that could not connect, with what the service's backend knows of why. */
    private HealthResult withUnreachableNote(ServiceDefinition s, HealthResult r) {
        if (r.outcome() != ProbeOutcome.CANNOT_CONNECT) {
            return r;
        }
        return backend(s).unreachableNote(s, addresses.host(s), addresses.port(s)).map(r::withNote).orElse(r);
    }

    private String timeoutMessage(ServiceDefinition s, HealthResult last, Duration timeout, boolean launched) {
        String seen = last == null ? "no health answer" : last.state() + (last.message().isEmpty() ? ""
                : " (" + last.message() + ")");
        String note = last == null || last.outcome() != ProbeOutcome.CANNOT_CONNECT ? ""
                : backend(s).unreachableNote(s, addresses.host(s), addresses.port(s)).map(n -> " " + n).orElse("");
        return s.name() + " did not become healthy within " + Durations.seconds(timeout) + "; last health check: " + seen + "."
                + note + (launched ? logTail(s) : "");
    }

    private String logTail(ServiceDefinition s) {
        List<String> lines = backend(s).lastLogLines(s, LOG_LINES_IN_ERRORS);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nLast lines of its log:");
        lines.forEach(l -> b.append("\n  | ").append(l));
        return b.toString();
    }

    private static boolean ready(HealthResult h) {
        return h.healthy() || h.outcome() == ProbeOutcome.NOT_CHECKED;
    }

    static String signalName(int exitCode) {
        return switch (exitCode) {
            case 130 -> " (SIGINT)";
            case 134 -> " (SIGABRT)";
            case 137 -> " (SIGKILL)";
            case 139 -> " (SIGSEGV)";
            case 143 -> " (SIGTERM)";
            case 127 -> " (command not found or not runnable)";
            default -> "";
        };
    }

    // ----------------------------------------------------------------------------------------- stop

    /** How one service came out of a stop. */
    public record Stopped(ServiceDefinition service, ServiceStatus before, StackBackend.StopResult result) {
    }

    /** Stops the named services, dependents first. */
    public List<Stopped> stop(String names, Duration timeout) {
        List<ServiceDefinition> selected = catalog.resolve(names);
        List<Stopped> out = new ArrayList<>();
        try (StackLock lock = backends.lock()) {
            // every service is looked at before any is stopped: a backend that cannot be reached (no engine)
            // fails the stop with nothing stopped, not half way through
            Map<ServiceDefinition, ServiceStatus> found = new LinkedHashMap<>();
            for (ServiceDefinition s : catalog.stopOrder(selected)) {
                found.put(s, backend(s).inspect(s));
            }
            for (ServiceDefinition s : catalog.stopOrder(selected)) {
                StackBackend backend = backend(s);
                ServiceStatus before = found.get(s);
                switch (before.state()) {
                    case EXTERNAL -> console.info(s.name() + " is external (" + addresses.address(s)
                            + "): not managed by the plugin, left alone.");
                    case FOREIGN -> console.warn(s.name() + " is not running, but its port " + before.port()
                            + " is used by a process the plugin did not start (" + before.detail() + "): left alone.");
                    case STOPPED -> console.info(s.name() + " is not running.");
                    default -> {
                        StackBackend.StopResult r = backend.stop(s, timeout);
                        out.add(new Stopped(s, before, r));
                        console.info(describeStop(s, before, r));
                    }
                }
            }
            backends.byBackend(catalog.stopOrder(selected)).forEach(StackBackend::afterStop);
        }
        return out;
    }

    private String describeStop(ServiceDefinition s, ServiceStatus before, StackBackend.StopResult r) {
        if (before.state() == ServiceState.CRASHED) {
            return s.name() + " had already ended (" + (before.exitCode() == null ? "exit code unknown"
                    : "exit code " + before.exitCode()) + "); its state was cleared.";
        }
        if (!r.wasRunning()) {
            return s.name() + " was not running" + (r.detail() == null ? "." : " (" + r.detail() + ").");
        }
        return "Stopped " + s.name() + " (" + backend(s).idName() + " " + before.id() + ") " + (r.forced()
                ? "forcibly after " + Durations.seconds(r.took()) + " (it did not stop gracefully)"
                : "in " + Durations.millis(r.took())) + ".";
    }

    // --------------------------------------------------------------------------------- status, health

    /** Every selected service's status; alive ones are probed, and reported unhealthy if they fail. */
    public List<ServiceStatus> status(String names) {
        List<ServiceDefinition> selected = catalog.resolve(names);
        ExecutorService pool = probePool(catalog.services().size());
        try {
            Map<ServiceDefinition, CompletableFuture<ServiceStatus>> inspected = new LinkedHashMap<>();
            for (ServiceDefinition s : catalog.services()) {
                inspected.put(s, CompletableFuture.supplyAsync(() -> backend(s).inspect(s), pool));
            }
            // with no goal at work on the stack, services left unconfirmed by a dead start are cleaned up
            // (looked at again under the lock: a start may be at work)
            boolean recovered = inspected.values().stream().map(StackManager::joined)
                    .anyMatch(st -> st.state() == ServiceState.STARTING)
                    && backends.tryLock().map(lock -> {
                        try (lock) {
                            recoverInterruptedStarts();
                            return true;
                        }
                    }).orElse(false);
            Map<ServiceDefinition, CompletableFuture<ServiceStatus>> futures = new LinkedHashMap<>();
            for (ServiceDefinition s : selected) {
                futures.put(s, CompletableFuture.supplyAsync(() -> {
                    ServiceStatus st = recovered || !inspected.containsKey(s) ? backend(s).inspect(s)
                            : joined(inspected.get(s));
                    if (st.state() == ServiceState.RUNNING) {
                        HealthResult h = health.check(s, addresses.host(s), addresses.port(s), false);
                        if (!ready(h)) {
                            return st.withState(ServiceState.UNHEALTHY, h.state() + ": " + h.message());
                        }
                    }
                    return st;
                }, pool));
            }
            List<ServiceStatus> out = new ArrayList<>();
            futures.values().forEach(f -> out.add(joined(f)));
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** A probe's result; what it threw is thrown as it was, not wrapped. */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Health of every selected service with its details, probed concurrently. */
    public Map<ServiceDefinition, HealthResult> health(String names) {
        List<ServiceDefinition> selected = catalog.resolve(names);
        Map<ServiceDefinition, CompletableFuture<HealthResult>> futures = new LinkedHashMap<>();
        ExecutorService pool = probePool(selected.size());
        for (ServiceDefinition s : selected) {
            futures.put(s, CompletableFuture.supplyAsync(() -> withUnreachableNote(s,
                    health.check(s, addresses.host(s), addresses.port(s), true)), pool));
        }
        Map<ServiceDefinition, HealthResult> out = new LinkedHashMap<>();
        try {
            futures.forEach((s, f) -> out.put(s, joined(f)));
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /**
     * A thread per service probed: probes wait on the network, so they all run at once (the common pool
     * has one thread on a two-core machine).
     */
    private static ExecutorService probePool(int services) {
        return Executors.newFixedThreadPool(Math.max(1, services), r -> {
            Thread t = new Thread(r, "gladys-probe");
            t.setDaemon(true);
            return t;
        });
    }

    // --------------------------------------------------------------------------------------- logs

    /** The last lines of the selected services' logs, then new ones as they come when following. */
    public void logs(String names, int tail, boolean follow, Duration followFor,
                     java.util.function.BiConsumer<String, String> sink) throws InterruptedException {
        if (tail < 0) {
            throw new StackException("tail must be 0 or more lines, got " + tail + ".");
        }
        long until = followFor.isZero() ? 0 : System.currentTimeMillis() + followFor.toMillis();
        Map<StackBackend, List<ServiceDefinition>> groups = backends.byBackend(catalog.resolve(names));
        if (groups.size() == 1 || !follow) {
            for (var g : groups.entrySet()) {
                g.getKey().logs(g.getValue(), tail, follow, until, sink);
            }
            return;
        }
        // several environments followed at once: each backend's lines as they come, one at a time
        java.util.function.BiConsumer<String, String> one = (name, line) -> {
            synchronized (sink) {
                sink.accept(name, line);
            }
        };
        List<CompletableFuture<Void>> readers = new ArrayList<>();
        for (var g : groups.entrySet()) {
            readers.add(CompletableFuture.runAsync(() -> {
                try {
                    g.getKey().logs(g.getValue(), tail, true, until, one);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } finally {
            readers.forEach(r -> r.cancel(true));
        }
    }

    // ------------------------------------------------------------------------------------- helpers

    /** Builder: the catalog and backends are required; the rest has quiet defaults. */
    public static final class Builder {
        private final Catalog catalog;
        private final Backends backends;
        private HealthProbe health;
        private StackAddresses addresses;
        private Console console;
        private ReadinessHook readinessHook;

        private Builder(Catalog catalog, Backends backends) {
            this.catalog = catalog;
            this.backends = backends;
        }

        /** How services' health is probed. */
        public Builder health(HealthProbe v) { health = v; return this; }
        /** Where each service answers, and what launched services are told. */
        public Builder addresses(StackAddresses v) { addresses = v; return this; }
        public Builder console(Console v) { console = v; return this; }
        /** Work to do once a service is healthy, before its dependents start. */
        public Builder readinessHook(ReadinessHook v) { readinessHook = v; return this; }

        public StackManager build() {
            return new StackManager(this);
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        // a dependent that was skipped carries its dependency's failure: report the root
        while (c instanceof StackException && c.getCause() instanceof StackException inner) {
            c = inner;
        }
        return c instanceof RuntimeException r ? r : new StackException(c.getMessage(), c);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
