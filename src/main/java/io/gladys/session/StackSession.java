package io.gladys.session;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.Catalog;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.DefaultCatalog;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.common.PluginBuild;
import io.gladys.contract.ContractTargets;
import io.gladys.db.DatabaseSettings;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.ManagedPostgres;
import io.gladys.db.MigrationRecord;
import io.gladys.db.Migrations;
import io.gladys.db.SchemaHistory;
import io.gladys.db.SqlProbe;
import io.gladys.db.TableCleaner;
import io.gladys.grpc.EventPublisher;
import io.gladys.grpc.GrpcChannels;
import io.gladys.grpc.SalienceCache;
import io.gladys.grpc.SalienceCacheClient;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthProbe;
import io.gladys.ports.NotStartedException;
import io.gladys.ports.PortException;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortPlan;
import io.gladys.ports.PortRecord;
import io.gladys.ports.PortSettings;
import io.gladys.report.StatusReport;
import io.gladys.stack.Backends;
import io.gladys.stack.EnvironmentPolicy;
import io.gladys.stack.StackAddresses;
import io.gladys.stack.StackBackend;
import io.gladys.stack.StackException;
import io.gladys.stack.StackLock;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackManager;
import io.gladys.stack.StartOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One goal's view of the stack: the resolved catalog, the environment's backend, the shared gRPC
 * channels and the database. Everything a goal does goes through it; closing it closes the channels.
 */
public final class StackSession implements AutoCloseable {

    private static final String REFERENCE_MEMORY_MAIN = "io.gladys.reference.memory.MemoryServer";

    private final StackConfig config;
    private final Catalog catalog;
    /** Opened at the first call that needs one: a goal the stack agent answers loads no gRPC at all. */
    private GrpcChannels channels;
    private final DatabaseTarget database;
    private final StackAddresses addresses;
    private final StackBackend backend;
    /** One backend per environment the stack's services run in (the stack's own environment's always). */
    private final Map<Environment, StackBackend> byEnvironment = new java.util.EnumMap<>(Environment.class);
    private final Backends backends;
    private final StackManager manager;
    private final PortMode portMode;
    private final Map<String, Integer> ports;

    private StackSession(StackConfig config, PortMode portMode, Map<String, Integer> recordedPorts) {
        this.config = config;
        this.portMode = portMode;
        Catalog base = config.useDefaultCatalog() ? DefaultCatalog.create(config.java()) : Catalog.of(List.of());
        Catalog placed = Placements.place(Catalog.merge(base, config.services()), config.environment(),
                config.placements());
        this.backend = BackendFactory.backend(config, portMode);
        byEnvironment.put(config.environment(), backend);
        for (ServiceDefinition s : placed.services()) {
            byEnvironment.computeIfAbsent(s.runsIn(),
                    env -> BackendFactory.backend(config.toBuilder().environment(env).build(), portMode));
        }
        // one lock for the stack: its own environment's
        this.backends = Backends.placed(this::backendOf, backend);
        java.util.function.Function<ServiceDefinition, EnvironmentPolicy> policies = s -> backends.of(s).policy();
        this.ports = recordedPorts != null ? recordedPorts : assignPorts(placed, policies);
        Catalog adapted = Catalog.of(PortPlan.apply(placed.services(), policies, ports));
        for (Map.Entry<Environment, StackBackend> e : byEnvironment.entrySet()) {
            // what an environment adds (a Compose file's other services) runs there
            adapted = placedIn(e.getValue().adapt(adapted), e.getKey());
        }
        this.catalog = adapted;
        this.database = catalog.find(ServiceDefinition.DATABASE).map(d -> databaseTarget(d, policies.apply(d)))
                .orElse(null);
        this.addresses = new StackAddresses(catalog, environmentId(), s -> policies.apply(s).clientHost(),
                s -> policies.apply(s).port(s), database).withOwnVariables(this::reachableFromElsewhere);
        HealthProbe health = directProbe();
        for (StackBackend b : byEnvironment.values()) {
            health = b.healthProbe(health, config.timeouts(), database);
        }
        this.manager = StackManager.builder(catalog, backends).health(health).addresses(addresses)
                .console(config.console()).readinessHook(this::afterReady).build();
    }

    /**
     * A session on the ports the stack runs on: the recorded ones when a start recorded them, else
     * those of the mode the build asks for (a starting goal picks and records them).
     */
    public static StackSession open(StackConfig config) {
        PortSettings asked = config.ports();
        Optional<PortRecord> record = PortRecord.read(config.stateDir(), config.environment());
        if (record.isPresent()) {
            PortMode runs = record.get().mode();
            boolean differs = asked.requested() != null && !asked.requested().equals(runs);
            StackSession recorded = new StackSession(config, runs, record.get().ports());
            if (!differs && !asked.starts() || asked.stops()) {
                if (differs) {
                    config.console().warn("The stack runs with " + runs.describe() + " ports (recorded in "
                            + PortRecord.file(config.stateDir(), config.environment()) + "): stopping it there.");
                }
                return recorded;
            }
            if (recorded.anyAlive()) {
                if (!differs) {
                    return recorded;
                }
                recorded.close();
                throw runsInAnotherMode(config, runs, asked.requested());
            }
            // nothing runs on the recorded ports: history, unless another goal holds the stack (a start
            // that recorded them and has not launched yet); then this start keeps them
            Optional<StackLock> lock = recorded.backend.tryLock();
            if (lock.isEmpty()) {
                if (!differs) {
                    return recorded;
                }
                recorded.close();
                throw runsInAnotherMode(config, runs, asked.requested());
            }
            try (StackLock held = lock.get()) {
                recorded.close();
                PortRecord.delete(config.stateDir(), config.environment());
            }
        }
        // without a record, what runs was started on the catalog's ports: a stop finds it there
        PortMode mode = asked.requested() == null || asked.stops() ? PortMode.DEFAULT : asked.requested();
        if (mode.kind() == PortMode.Kind.DYNAMIC && !asked.starts()) {
            throw new NotStartedException("The " + config.environment().id() + " stack of this project uses dynamic "
                    + "ports (" + PropertyNames.PORTS + "=dynamic), which gladys:start chooses and records in "
                    + PortRecord.file(config.stateDir(), config.environment()) + ", and it is not started: there "
                    + "are no ports to reach. Start it first: mvn gladys:start -D" + PropertyNames.PORTS + "=dynamic.");
        }
        if (asked.starts() && mode.kind() != PortMode.Kind.DEFAULT) {
            // a stack started in the default mode leaves no record: look for it on the catalog's ports, where
            // only this checkout's stack can be (in docker the default project name comes from the directory's
            // name, which another checkout of the same name shares)
            try (StackSession onDefault = new StackSession(config, PortMode.DEFAULT, null)) {
                if (onDefault.backend.policy().defaultPortsAreThisCheckouts() && onDefault.anyAlive()) {
                    throw runsInAnotherMode(config, PortMode.DEFAULT, mode);
                }
            }
        }
        StackSession session = new StackSession(config, mode, null);
        if (asked.starts() && mode.kind() != PortMode.Kind.DEFAULT) {
            PortRecord mine = new PortRecord(mode, session.ports);
            PortRecord holds = mine.writeIfAbsent(config.stateDir(), config.environment());
            if (!holds.equals(mine)) {
                // another start of this project recorded its ports first: this one joins that stack
                session.close();
                if (!holds.mode().equals(mode)) {
                    throw new PortException("Another start of this project's " + config.environment().id()
                            + " stack chose " + holds.mode().describe() + " ports at the same time, and this one asks for "
                            + mode.describe() + ". Stop it first with mvn gladys:stop, then start it again.");
                }
                return new StackSession(config, holds.mode(), holds.ports());
            }
        }
        return session;
    }

    private static PortException runsInAnotherMode(StackConfig config, PortMode runs, PortMode asked) {
        return new PortException("The " + config.environment().id() + " stack of this project runs with "
                + runs.describe() + " ports (" + runs.flags() + "), and this build asks for " + asked.describe()
                + " (" + asked.flags() + "). Stop it first with mvn gladys:stop (it stops the stack on the ports it "
                + "runs on), then start it again.");
    }

    /** Each service's port in this session's mode (the database's too, when the plugin runs it). */
    private Map<String, Integer> assignPorts(Catalog catalog,
                                             java.util.function.Function<ServiceDefinition, EnvironmentPolicy> policies) {
        if (portMode.kind() != PortMode.Kind.DEFAULT) {
            for (ServiceDefinition s : catalog.services()) {
                policies.apply(s).portsFixed().ifPresent(why -> {
                    throw new PortException(PropertyNames.PORTS + " / " + PropertyNames.PORT_OFFSET + " ("
                            + portMode.describe() + ") move the ports of " + why);
                });
            }
        }
        // what the plugin does not launch (an external database or service) stays where it is
        return PortPlan.assign(catalog.services(), policies, portMode, PortPlan::freeLoopbackPort);
    }

    /**
     * Where a service that runs on this machine listens, when services of another environment call it: on
     * 127.0.0.1 and on this machine's address as they reach it (docker: the bridge gateway, never every
     * interface), as {@code GLADYS_BIND_ADDRESS} (the plugin's own services, and the managed database, honour
     * it). Nothing for a stack in one environment, or when the other environment runs only the database.
     */
    private Map<String, String> reachableFromElsewhere(ServiceDefinition s) {
        StackBackend own = backends.of(s);
        List<String> addresses = new java.util.ArrayList<>();
        for (StackBackend other : byEnvironment.values()) {
            boolean callers = other != own && catalog.services().stream()
                    .anyMatch(c -> !c.isDatabase() && backends.of(c) == other);
            if (callers && own.hostAddress().isEmpty()) {
                other.hostAddress().filter(a -> !addresses.contains(a)).ifPresent(addresses::add);
            }
        }
        return addresses.isEmpty() ? Map.of() : Map.of(StackAddresses.BIND_ADDRESS, "127.0.0.1," + String.join(",", addresses));
    }

    /** The services an environment added (no environment of their own yet) run in it. */
    private static Catalog placedIn(Catalog catalog, Environment env) {
        return Catalog.of(catalog.services().stream()
                .map(s -> s.runsIn() != null ? s : s.toBuilder().runsIn(env).build()).toList());
    }

    /**
     * The stack's database, where its environment says. A database placed in docker by name (its
     * {@code <environment>} or gladys.environments) is the Compose project's: a host of its own or an
     * installation to run it with contradicts that, and is refused before anything starts.
     */
    private DatabaseTarget databaseTarget(ServiceDefinition db, EnvironmentPolicy policy) {
        boolean placedByName = config.services().stream().anyMatch(s -> s.isDatabase() && s.runsIn() != null)
                || config.placements().stream().anyMatch(p -> catalog.resolve(p.selection()).contains(db));
        if (placedByName && policy.databaseProvision() == DatabaseSettings.Provision.COMPOSE) {
            DatabaseSettings settings = config.database();
            if (settings.installation() != null) {
                throw new CatalogException("The database runs in " + policy.environment().id() + " (its <environment>"
                        + " or " + PropertyNames.ENVIRONMENTS + "), where it is the Compose project's, and an "
                        + "<installation> (" + settings.installation() + ") is given to run it with. Remove one: "
                        + "<installation> is for a database the plugin runs as a local process.");
            }
            if (settings.host() != null && !isLoopback(settings.host())) {
                throw new CatalogException("The database runs in " + policy.environment().id() + " (its <environment>"
                        + " or " + PropertyNames.ENVIRONMENTS + "), where it is the Compose project's, and <host> "
                        + settings.host() + " names another server. Remove one: a <host> is for a database someone "
                        + "else runs.");
            }
            return config.database().toBuilder().host(null).build()
                    .target(policy.environment(), policy.port(db), policy.clientHost());
        }
        if (policy.databaseProvision() == DatabaseSettings.Provision.COMPOSE && config.database().host() != null
                && isLoopback(config.database().host())) {
            // a catalog's "localhost" for the Compose project's database: it is where the engine publishes it
            return config.database().toBuilder().host(null).build()
                    .target(policy.environment(), policy.port(db), policy.clientHost());
        }
        return config.database().target(policy.environment(), policy.port(db), policy.clientHost());
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    /** The environments the stack's services run in. */
    public java.util.Set<Environment> environments() {
        java.util.Set<Environment> out = java.util.EnumSet.noneOf(Environment.class);
        catalog.services().forEach(s -> out.add(s.runsIn()));
        return out;
    }

    /** The stack's environment as reports name it: the one its services run in, or "hybrid". */
    public String environmentId() {
        java.util.Set<Environment> in = environments();
        return in.size() == 1 ? in.iterator().next().id() : in.isEmpty() ? config.environment().id() : "hybrid";
    }

    /** The status of the selected services as gladys:status reports it. */
    public StatusReport statusReport(String selection) {
        StatusReport report = new StatusReport(manager.status(selection), environmentId(), config.baseDir(),
                backend.idName()).ports(portMode);
        return hybrid() ? report.placed(s -> s.runsIn().id(), s -> backends.of(s).idName()) : report;
    }

    /** Whether the stack's services run in more than one environment. */
    public boolean hybrid() {
        return environments().size() > 1;
    }

    /** The backend of the environment a service runs in (the stack's own, for one not placed yet). */
    private StackBackend backendOf(ServiceDefinition s) {
        StackBackend b = s.runsIn() == null ? null : byEnvironment.get(s.runsIn());
        return b != null ? b : backend;
    }

    /** Whether any service of the stack is alive (a start of the stack is still in effect). */
    private boolean anyAlive() {
        return catalog.services().stream().anyMatch(s -> backends.of(s).inspect(s).state().alive());
    }

    /**
     * gladys:start: starts the selected services and what they depend on, and says what came of it (and the
     * ports, when they are not the catalog's).
     */
    public List<StackManager.Started> start(String selection, StartOptions options) {
        if (portMode.kind() != PortMode.Kind.DEFAULT) {
            config.console().info("Ports: " + portMode.describe() + " (recorded in the state directory; every "
                    + "later goal of this project uses them).");
        }
        List<StackManager.Started> started = startPlaced(selection, options);
        long launched = started.stream().filter(s -> s.outcome() == StackManager.StartOutcome.STARTED).count();
        config.console().info(launched == 0 ? "Nothing to start: " + started.size() + " service(s) already running."
                : "Started " + launched + " service(s)" + (options.waitForHealthy() ? ", all healthy." : " (not waiting)."));
        return started;
    }

    /**
     * Starts the selected services where they run now, after making sure none of them still runs where an
     * earlier start put it (another environment: refused, naming the way to stop it there), and records
     * where each service of a stack in several environments is.
     */
    private List<StackManager.Started> startPlaced(String selection, StartOptions options) {
        Map<String, Environment> recorded = PlacementRecord.read(config.stateDir());
        for (ServiceDefinition s : catalog.withDependencies(catalog.resolve(selection))) {
            Environment before = recorded.get(s.name());
            if (before != null && before != s.runsIn()) {
                refuseIfRunningIn(s, before);
            }
        }
        try {
            return manager.start(selection, options);
        } finally {
            if (hybrid()) {
                Map<String, Environment> now = new java.util.LinkedHashMap<>();
                catalog.services().forEach(s -> now.put(s.name(), s.runsIn()));
                PlacementRecord.write(config.stateDir(), now);
            } else if (!recorded.isEmpty()) {
                PlacementRecord.delete(config.stateDir());
            }
        }
    }

    private void refuseIfRunningIn(ServiceDefinition s, Environment before) {
        StackBackend there = byEnvironment.get(before);
        StackBackend opened = there != null ? null
                : BackendFactory.backend(config.toBuilder().environment(before).build(), portMode);
        try {
            StackBackend b = there != null ? there : opened;
            ServiceDefinition where = s.toBuilder().runsIn(before).build();
            ServiceStatus st = b.inspect(where);
            if (st.state().alive()) {
                throw new StackException("Cannot start " + s.name() + " in " + s.runsIn().id() + ": it still runs in "
                        + before.id() + " (" + b.idName() + " " + st.id() + "), where an earlier start put it. Stop it "
                        + "there first: mvn gladys:stop -D" + PropertyNames.SERVICE_SHORT + "=" + s.name() + " -D"
                        + PropertyNames.ENVIRONMENTS + "=" + s.name() + "=" + before.id() + ". Nothing was started.");
            }
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
    }

    /**
     * Runs work against the stack; with {@code ensureRunning}, starts the selected services that are not
     * running first, and afterwards stops only what it started (also when the work fails).
     */
    public void whileRunning(String selection, boolean ensureRunning, Runnable work) {
        List<String> startedHere = !ensureRunning ? List.of() : startPlaced(selection, StartOptions.DEFAULT).stream()
                .filter(s -> s.outcome() == StackManager.StartOutcome.STARTED)
                .map(s -> s.service().name()).toList();
        try {
            work.run();
        } finally {
            if (!startedHere.isEmpty()) {
                stop(String.join(",", startedHere), Duration.ofSeconds(10));
            }
        }
    }

    /** Stops the selected services; the recorded ports are dropped once nothing runs on them any more. */
    public List<StackManager.Stopped> stop(String selection, Duration timeout) {
        List<StackManager.Stopped> stopped = manager.stop(selection, timeout);
        forgetPortsWhenStopped();
        return stopped;
    }

    private void forgetPortsWhenStopped() {
        if (portMode.kind() != PortMode.Kind.DEFAULT && !anyAlive()) {
            PortRecord.delete(config.stateDir(), config.environment());
        }
    }

    /** How the ports of this stack were chosen. */
    public PortMode portMode() {
        return portMode;
    }

    /** Once the database is ready during a start, apply pending migrations when configured to. */
    private void afterReady(ServiceDefinition s, boolean launchedNow) {
        Boolean configured = config.database().migrateOnStart();
        if (!s.isDatabase() || !(configured != null ? configured : backends.of(s).policy().providesDatabase())) {
            return;
        }
        String location = migrationsLocation();
        if (location == null && config.database().baseline() == null) {
            return;
        }
        // nothing changed since the last migration on start (files, build, history): Flyway is not asked
        Optional<Migrations.Outcome> ran = new MigrationRecord(migrationRecordFile(s)).migrate(migrations(location),
                PluginBuild.hash(config.stateDir().resolve("lib")), backends.of(s).schemaHistory(SchemaHistory.DIRECT));
        if (ran.isEmpty()) {
            return;
        }
        Migrations.Outcome o = ran.get();
        o.notes().stream().filter(n -> n.contains("baseline")).forEach(config.console()::info);
        if (o.applied() > 0) {
            config.console().info("Applied " + o.applied() + " migration(s) to " + database.display() + ": "
                    + String.join(", ", o.migrations()));
        }
    }

    /** Where the last migration on start of the database's environment is recorded. */
    private Path migrationRecordFile(ServiceDefinition db) {
        return config.stateDir().resolve("migrations").resolve(db.runsIn().id() + ".record");
    }

    /**
     * The stack database's migrations from a location (null: none, only the schema baseline), read
     * as configured: flat or recursive, after the schema baseline when there is one.
     */
    public Migrations migrations(String location) {
        String where = location;
        if (where == null) {
            try {
                Path empty = Files.createTempDirectory("gladys-no-migrations-");
                empty.toFile().deleteOnExit();
                where = "filesystem:" + empty;
            } catch (java.io.IOException e) {
                throw new StackException("Cannot make a temporary directory: " + e.getMessage(), e);
            }
        }
        return new Migrations(database(), where).recursive(config.database().recursiveMigrations())
                .baseline(config.database().baseline());
    }

    /**
     * The migrations gladys:migrate applies: those of the directory the pom names (which must exist), else
     * those the stack's database takes ({@link #migrationsLocation()}), else the schema baseline alone;
     * with none of them, an error that says where they go.
     *
     * @param pomDirectory the {@code <database><migrations>} the pom gives, or null
     */
    public Migrations migrationsToApply(Path pomDirectory) {
        if (pomDirectory != null) {
            return migrations(Migrations.filesystem(config.baseDir().resolve(pomDirectory)));
        }
        String location = migrationsLocation();
        if (location == null && !hasSchemaBaseline()) {
            throw new StackException("No migrations: " + config.baseDir().resolve("src/db/migrations")
                    + " does not exist. Put the migrations there (001_initial_schema.sql, ...), or point "
                    + "<database><migrations> at their directory.");
        }
        return migrations(location); // null: the schema alone
    }

    /**
     * The migrations the stack's database takes: the configured directory when it exists; else the
     * reference services' own schema when those services are the ones in use; else none.
     */
    public String migrationsLocation() {
        Path dir = config.database().migrations();
        if (dir != null && Files.isDirectory(dir)) {
            return Migrations.filesystem(dir);
        }
        boolean referenceMemory = catalog.find(DefaultCatalog.MEMORY_PYTHON)
                .map(m -> m.command().contains(REFERENCE_MEMORY_MAIN)).orElse(false);
        return referenceMemory ? Migrations.BUNDLED_REFERENCE_SCHEMA : null;
    }

    /**
     * stop all services but the database; make sure the database runs; clean the target's tables;
     * start all. Stops at the first step that fails and says which, so nothing is cleaned under
     * running services and no half-reset stack is taken for a fresh one.
     */
    public void reset(String target, boolean allowCascade, StartOptions options, Duration stopTimeout) {
        if (!catalog.hasDatabase()) {
            throw new CatalogException("reset needs the stack's database, and this catalog has no 'db' entry.");
        }
        TableCleaner cleaner = TableCleaner.configured(database, config.database().cleanTargets());
        if (!cleaner.targetNames().contains(target)) {
            // the same message as clean gives, before anything is stopped
            cleaner.dryRun(target, allowCascade);
        }
        String others = String.join(",", catalog.services().stream().filter(d -> !d.isDatabase())
                .map(ServiceDefinition::name).toList());
        reachEveryBackend();
        step(1, "stop the services", () -> {
            if (!others.isEmpty()) {
                manager.stop(others, stopTimeout);
            }
        });
        step(2, "bring the database up", () -> startPlaced(ServiceDefinition.DATABASE,
                options.toBuilder().waitForHealthy(true).build()));
        step(3, "clean '" + target + "'", () -> cleaner.clean(target, allowCascade).lines()
                .forEach(config.console()::info));
        step(4, "start the services", () -> startPlaced(Catalog.ALL, options));
    }

    /**
     * Looks at every service where it runs, so that a backend out of reach (a Docker engine that does not
     * answer) fails a goal of several steps before its first one, with nothing stopped.
     */
    private void reachEveryBackend() {
        catalog.services().forEach(s -> backends.of(s).inspect(s));
    }

    private void step(int n, String what, Runnable body) {
        config.console().info("Reset " + n + "/4: " + what);
        try {
            body.run();
        } catch (RuntimeException e) {
            throw new StackException("Reset stopped at step " + n + " of 4 (" + what + "): " + e.getMessage()
                    + (n >= 2 ? "\nThe services were stopped" + (n == 4 ? " and the tables cleaned" : "")
                    + "; mvn gladys:status shows where the stack stands." : ""), e);
        }
    }

    /**
     * Deletes the cluster the plugin manages and starts everything on a new one, made by the binaries
     * and migrations configured now: stop every service and the database, say what goes, delete the
     * data directory, start all (initdb, migrations on start). Refused for a database the plugin does
     * not manage, before anything is stopped.
     */
    public void recreateDatabase(StartOptions options, Duration stopTimeout) {
        ServiceDefinition dbEntry = catalog.find(ServiceDefinition.DATABASE).orElse(null);
        StackBackend dbBackend = dbEntry == null ? backend : backends.of(dbEntry);
        DatabaseSettings.Provision provision = dbBackend.policy().databaseProvision();
        ManagedPostgres cluster = database == null ? null : dbBackend.managedCluster().orElse(null);
        if (cluster == null) {
            throw new StackException(PropertyNames.DB_RECREATE + " deletes the PostgreSQL cluster the plugin manages in its state "
                    + "directory, and the database of this stack (" + (database == null ? "none" : database.display())
                    + ") is " + (provision == DatabaseSettings.Provision.COMPOSE
                    ? "the Compose project's: its data lives in the project's volumes (remove them with Compose)"
                    : "a server the plugin does not manage: drop and create its database yourself")
                    + ". Nothing was done.");
        }
        reachEveryBackend();
        String goes = cluster.initialized() ? contents(cluster) : "no cluster yet";
        recreateStep(1, "stop every service and the database", () -> manager.stop(Catalog.ALL, stopTimeout));
        recreateStep(2, "delete the managed cluster", () -> {
            ServiceDefinition db = catalog.get(ServiceDefinition.DATABASE);
            if (backends.of(db).inspect(db).state().alive()) {
                throw new StackException("the database still runs; nothing was deleted.");
            }
            config.console().info("Deleting " + cluster.dataDir() + ": " + goes);
            long bytes = cluster.delete();
            config.console().info("Deleted " + (bytes / (1024 * 1024)) + " MB.");
        });
        recreateStep(3, "start everything on a new cluster (" + cluster.binaries().describe() + ")",
                () -> startPlaced(Catalog.ALL, options));
    }

    private void recreateStep(int n, String what, Runnable body) {
        config.console().info("Recreate " + n + "/3: " + what);
        try {
            body.run();
        } catch (RuntimeException e) {
            throw new StackException("Recreating the database stopped at step " + n + " of 3 (" + what + "): "
                    + e.getMessage() + (n == 3 ? "\nThe old cluster is gone; the new one is in place. "
                    + "mvn gladys:status shows where the stack stands." : ""), e);
        }
    }

    /** What the cluster holds, for the line that says what a recreate deletes. */
    private String contents(ManagedPostgres cluster) {
        StringBuilder b = new StringBuilder("the cluster made by " + cluster.madeBy().orElse("unknown binaries"));
        try (var c = database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY relname")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1) + " (~" + rs.getLong(2) + " rows)");
            }
            b.append(", with database ").append(database.database()).append(": ")
                    .append(tables.isEmpty() ? "no tables" : String.join(", ", tables));
        } catch (java.sql.SQLException | RuntimeException e) {
            b.append(" (its tables could not be listed: the database is not running)");
        }
        return b.toString();
    }

    /** How the configured environment provides the stack's database (what advice about it applies). */
    public static DatabaseSettings.Provision databaseProvision(StackConfig config) {
        try (StackBackend b = BackendFactory.backend(config, PortMode.DEFAULT)) {
            return b.policy().databaseProvision();
        }
    }

    /** Whether the database starts from a schema file ({@code <database><schema>}). */
    public boolean hasSchemaBaseline() {
        return config.database().baseline() != null;
    }

    public Catalog catalog() {
        return catalog;
    }

    public StackManager manager() {
        return manager;
    }

    public StackAddresses addresses() {
        return addresses;
    }

    /** The backend of the stack's environment ({@code gladys.env}). */
    public StackBackend backend() {
        return backend;
    }

    /** The backend that runs the service. */
    public StackBackend backend(ServiceDefinition s) {
        return backends.of(s);
    }

    public Environment environment() {
        return config.environment();
    }

    /** The stack's database, or an error that says there is none. */
    public DatabaseTarget database() {
        if (database == null) {
            throw new CatalogException("This stack has no database (no 'db' entry in the catalog).");
        }
        return database;
    }

    /** The goal's own probes, made (with the channels) only when a probe is not answered elsewhere. */
    private HealthProbe directProbe() {
        HealthProbe[] made = new HealthProbe[1];
        return (s, host, port, details) -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = new HealthChecker(channels(), config.timeouts(),
                            database == null ? null : new SqlProbe(database));
                }
            }
            return made[0].check(s, host, port, details);
        };
    }

    /**
     * The cache calls of the named gateway service: through a process with warm clients when an environment
     * has one that answers, else over the goal's own channel (opened at the first call).
     */
    public SalienceCache cache(String gatewayService, Duration deadline) {
        ServiceDefinition s = single(gatewayService);
        String label = s.name() + " (" + addresses.address(s) + ")";
        SalienceCache direct = new LazyCache(() -> new SalienceCacheClient(channels().channel(addresses.host(s),
                addresses.port(s)), label, deadline));
        SalienceCache cache = direct;
        for (StackBackend b : byEnvironment.values()) {
            cache = b.salienceCache(cache, addresses.host(s), addresses.port(s), label, deadline);
        }
        return cache;
    }

    /** A cache client made at its first call. */
    private static final class LazyCache implements SalienceCache {
        private final java.util.function.Supplier<SalienceCache> make;
        private SalienceCache made;

        LazyCache(java.util.function.Supplier<SalienceCache> make) {
            this.make = make;
        }

        private synchronized SalienceCache get() {
            if (made == null) {
                made = make.get();
            }
            return made;
        }

        @Override
        public io.gladys.proto.memory.GetCacheStatsResponse stats() {
            return get().stats();
        }

        @Override
        public List<io.gladys.proto.memory.CachedHeuristicInfo> list(int limit) {
            return get().list(limit);
        }

        @Override
        public int flush() {
            return get().flush();
        }

        @Override
        public boolean evict(String heuristicId) {
            return get().evict(heuristicId);
        }
    }

    /** The event publisher of the named orchestrator service. */
    public EventPublisher publisher(String orchestratorService, Duration deadline) {
        ServiceDefinition s = single(orchestratorService);
        return new EventPublisher(channels().channel(addresses.host(s), addresses.port(s)),
                s.name() + " (" + addresses.address(s) + ")", deadline);
    }

    /** Where the contract suite finds each GLADyS role: by the gRPC service a catalog entry names. */
    public ContractTargets contractTargets() {
        return new ContractTargets(role(ContractTargets.MEMORY), role(ContractTargets.GATEWAY),
                role(ContractTargets.ORCHESTRATOR), role(ContractTargets.EXECUTIVE));
    }

    private ContractTargets.Target role(String grpcService) {
        return catalog.services().stream()
                .filter(s -> grpcService.equals(s.healthService()) && addresses.port(s) != null)
                .findFirst()
                .map(s -> new ContractTargets.Target(s.name(), addresses.host(s), addresses.port(s), grpcService))
                .orElse(null);
    }

    public synchronized GrpcChannels channels() {
        if (channels == null) {
            channels = new GrpcChannels();
        }
        return channels;
    }

    private ServiceDefinition single(String name) {
        List<ServiceDefinition> found = catalog.resolve(name);
        if (found.size() != 1) {
            throw new CatalogException("'" + name + "' names " + found.size() + " services; name exactly one.");
        }
        ServiceDefinition s = found.get(0);
        if (addresses.port(s) == null) {
            throw new CatalogException("Service '" + s.name() + "' has no " + config.environment().id() + " port.");
        }
        return s;
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (channels != null) {
                    channels.close();
                }
            }
        } finally {
            byEnvironment.values().forEach(StackBackend::close);
        }
    }
}
