package io.gladys.local;

import io.gladys.local.state.StateDirectory;
import io.gladys.local.logs.LogFiles;
import io.gladys.local.logs.LogFollower;

import io.gladys.local.process.ProcessTable;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.db.ManagedDatabase;
import io.gladys.db.ManagedPostgres;
import io.gladys.db.PostgresBinaries;
import io.gladys.local.state.ExitRecord;
import io.gladys.local.state.RunRecord;
import io.gladys.db.DatabaseTarget;
import io.gladys.health.HealthProbe;
import io.gladys.health.HealthTimeouts;
import io.gladys.local.agent.LaunchSpec;
import io.gladys.local.agent.LocalAgent;
import io.gladys.stack.Console;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackBackend;
import io.gladys.stack.Pause;
import io.gladys.stack.StackException;
import io.gladys.stack.ProjectLock;
import io.gladys.stack.StackAddresses;
import io.gladys.stack.StackLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Services as local processes that outlive the Maven run. One stack agent per state directory
 * ({@link LocalAgent}) launches and supervises them all: it records how each ended, restarts them by
 * their policy and rotates the logs they write; it answers health probes with warm clients. A stop
 * reaches everything the service spawned, through its process group or its process tree
 * ({@link ProcessControl}), from the goal itself: it works as well when the agent is gone. A service is
 * identified by pid and start time; nothing is ever signalled on a pid alone.
 */
public final class LocalBackend implements StackBackend {

    private final StateDirectory state;
    private final Path baseDir;
    private final JavaLaunch javaLaunch;
    private final ManagedDatabase managedDatabase;
    private final LocalSettings.LogPolicy logPolicy;
    private final Console console;
    private final ProcessControl control;
    private final boolean classDataArchive;
    private final LocalPolicy policy;
    private final ProjectLock lock;
    private final LocalAgent agent;
    /** Whether this goal has said that the agent is gone (said once per goal). */
    private final java.util.concurrent.atomic.AtomicBoolean absenceSaid = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalBackend(Builder b) {
        this.state = new StateDirectory(b.stateDir);
        this.baseDir = b.baseDir;
        this.javaLaunch = b.java;
        this.logPolicy = b.settings.logs();
        this.control = ProcessControl.choose(b.settings.processControl());
        this.classDataArchive = b.settings.classDataArchive();
        this.console = b.console == null ? Console.SILENT : b.console;
        this.policy = new LocalPolicy(b.database);
        this.managedDatabase = b.database.managedCluster() ? managedDatabase(b) : null;
        this.lock = new ProjectLock(b.stateDir, "gladys");
        this.agent = new LocalAgent(b.stateDir);
    }

    /**
     * The local environment of a project.
     *
     * @param stateDir the project's state directory (records, logs, the managed cluster, the lock)
     * @param baseDir  what relative working directories are relative to (the project)
     */
    public static Builder builder(Path stateDir, Path baseDir) {
        return new Builder(stateDir, baseDir);
    }

    /** The cluster the plugin runs in the state directory for the "db" entry, from the configured binaries. */
    private static ManagedDatabase managedDatabase(Builder b) {
        Path dbDir = new StateDirectory(b.stateDir).database();
        Path installation = b.database.installation();
        PostgresBinaries binaries = installation != null ? PostgresBinaries.installation(installation)
                : PostgresBinaries.embedded(b.postgresBinaries, dbDir.resolve("postgres-" + b.database.embeddedVersion()),
                        b.database.embeddedVersion());
        return new ManagedDatabase(new ManagedPostgres(binaries, dbDir.resolve("data")), b.database.user(),
                b.database.password(), b.database.name());
    }

    @Override
    public LocalPolicy policy() {
        return policy;
    }

    @Override
    public Optional<ManagedPostgres> managedCluster() {
        return Optional.ofNullable(managedDatabase).map(ManagedDatabase::postgres);
    }

    public StateDirectory state() {
        return state;
    }

    private boolean external(ServiceDefinition s) {
        return s.isDatabase() && s.command().isEmpty() && managedDatabase == null;
    }

    // ------------------------------------------------------------------------------------ inspect

    @Override
    public ServiceStatus inspect(ServiceDefinition s) {
        Integer port = s.localPort();
        Path log = state.logFile(s.name());
        if (external(s)) {
            return new ServiceStatus(s, ServiceState.EXTERNAL, null, port, null, null, "not managed by the plugin",
                    null);
        }
        Optional<RunRecord> rec = state.record(s.name());
        if (rec.isEmpty()) {
            return notRunning(s, port, log, null);
        }
        RunRecord r = rec.get();
        boolean agentAlive = ProcessTable.alive(r.agentPid(), r.agentStart()).isPresent();
        boolean childAlive = r.hasChild() && ProcessTable.alive(r.childPid(), r.childStart()).isPresent();
        Optional<ExitRecord> exit = state.exit(s.name());
        if (agentAlive && r.hasChild() && !childAlive && exit.isEmpty()) {
            exit = awaitExitRecord(s.name()); // the service just ended; its agent is writing down how
        }
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        if (s.restart().mode() != io.gladys.catalog.RestartPolicy.Mode.NO || r.restarts() > 0) {
            facts.put("restarts", String.valueOf(r.restarts()));
            facts.put("restart", s.restart().describe());
        }
        if (childAlive) {
            ServiceState st = state.confirmed(s.name(), r.launchId()) ? ServiceState.RUNNING : ServiceState.STARTING;
            String detail = st == ServiceState.STARTING ? "launched by a start that has not confirmed it"
                    : !agentAlive ? agentGone()
                    : s.isDatabase() && managedDatabase != null ? managedDatabase.postgres().describe() : null;
            return new ServiceStatus(s, st, String.valueOf(r.childPid()), port, Instant.ofEpochMilli(r.childStart()),
                    null, detail, log, facts, null);
        }
        if (exit.isPresent()) {
            ExitRecord x = exit.get();
            if (x.stopRequested()) {
                return new ServiceStatus(s, ServiceState.STOPPED, null, port, null, x.code(), "stopped", log, facts,
                        null);
            }
            String why = x.reason() == null || x.reason().isEmpty() ? "ended " + ago(x.endedAt()) : x.reason();
            List<String> last = LogFiles.tail(log, 3);
            return new ServiceStatus(s, ServiceState.CRASHED, childId(r), port, null, x.code(),
                    why + (last.isEmpty() ? "" : "; last output: " + String.join(" | ", last)), log, facts, null);
        }
        if (r.hasChild() && !ProcessTable.alive(r.childPid(), 0).isPresent() || agentAlive) {
            return new ServiceStatus(s, ServiceState.CRASHED, childId(r), port, null, null,
                    "ended without an exit record (" + (agentAlive ? "its agent did not record it"
                    : "its agent was gone, or the machine restarted") + ")", log, facts, null);
        }
        // the recorded pid is alive but is another process now: the record is stale, never trusted
        return notRunning(s, port, log, "stale record ignored: pid " + r.childPid() + " is now another process");
    }

    /** What status says of a service whose agent is gone; the first time in a goal, a warning says it too. */
    private String agentGone() {
        sayAbsence();
        return "its agent is gone: the log is not rotated and its exit will not be recorded until a start adopts it";
    }

    /** A probe went without the agent: said (once) when services run that it should supervise. */
    private void noteAbsence() {
        if (!absenceSaid.get() && runningWithoutAgent()) {
            sayAbsence();
        }
    }

    private void sayAbsence() {
        if (absenceSaid.compareAndSet(false, true)) {
            console.warn("The stack agent is not answering: " + agent.absence() + ". Goals work directly from the "
                    + "records and probes meanwhile; the next mvn gladys:start adopts the running services without "
                    + "restarting them.");
        }
    }

    /** Whether a recorded service still runs while its recorded agent does not. */
    private boolean runningWithoutAgent() {
        try (var records = Files.newDirectoryStream(state.services(), "*.record")) {
            for (Path f : records) {
                Optional<RunRecord> r = RunRecord.read(f);
                if (r.isPresent() && r.get().hasChild()
                        && ProcessTable.alive(r.get().childPid(), r.get().childStart()).isPresent()
                        && (ProcessTable.alive(r.get().agentPid(), r.get().agentStart()).isEmpty()
                        || agent.answering().isEmpty())) {
                    return true;
                }
            }
        } catch (IOException e) {
            // no records: nothing runs
        }
        return false;
    }

    private ServiceStatus notRunning(ServiceDefinition s, Integer port, Path log, String detail) {
        if (port != null && PortOwner.inUse(port)) {
            String owner = PortOwner.listeningPid(port).map(String::valueOf).orElse(null);
            return new ServiceStatus(s, ServiceState.FOREIGN, owner, port, null,
                    null, PortOwner.describe(port), log);
        }
        return new ServiceStatus(s, ServiceState.STOPPED, null, port, null, null, detail, log);
    }

    private static String childId(RunRecord r) {
        return r.hasChild() ? String.valueOf(r.childPid()) : null;
    }

    private Optional<ExitRecord> awaitExitRecord(String service) {
        long until = System.currentTimeMillis() + 2000;
        Optional<ExitRecord> x = state.exit(service);
        while (x.isEmpty() && System.currentTimeMillis() < until) {
            Pause.millis(20);
            x = state.exit(service);
        }
        return x;
    }

    // ------------------------------------------------------------------------------------- launch

    @Override
    public void launch(ServiceDefinition s, Map<String, String> stackVariables) {
        if (external(s)) {
            return;
        }
        state.createDirectories();
        state.clear(s.name());
        Path workDir = workingDirectory(s);
        List<String> command = command(s, stackVariables);
        Commands commands = commands(s, stackVariables);
        Path program = commands.find(command.get(0), workDir)
                .orElseThrow(() -> new StackException("Cannot start " + launchProblem(s, command.get(0), workDir,
                        stackVariables)));

        String launchId = UUID.randomUUID().toString();
        Optional<ClassDataArchive.Launch> archive = classDataArchive(s, command, stackVariables, workDir, launchId);
        Map<String, String> environment = new java.util.LinkedHashMap<>(System.getenv());
        environment.putAll(stackVariables);
        environment.putAll(s.environment());
        Optional<ClassDataArchive.Launch> moves = archive.filter(ClassDataArchive.Launch::creates);
        LaunchSpec spec = new LaunchSpec(s.name(), launchId,
                commands.commandLine(archive.map(ClassDataArchive.Launch::command).orElse(command), program), workDir,
                environment, s.stopSignal(), s.restart(), logPolicy.maxBytes(), logPolicy.keep(),
                moves.map(ClassDataArchive.Launch::written).orElse(null),
                moves.map(ClassDataArchive.Launch::archive).orElse(null));
        agent.ensureRunning(javaLaunch, control.name()).endpoint();
        agent.launch(spec);
    }

    /** The launch with a class-data archive, when it is on and applies; never a reason not to start. */
    private Optional<ClassDataArchive.Launch> classDataArchive(ServiceDefinition s, List<String> command,
                                                               Map<String, String> stackVariables, Path workDir,
                                                               String launchId) {
        if (!classDataArchive) {
            return Optional.empty();
        }
        String classpath = s.environment().getOrDefault("CLASSPATH", stackVariables.get("CLASSPATH"));
        try {
            return ClassDataArchive.plan(command, classpath, javaLaunch, state.classData(s.name()), workDir, launchId);
        } catch (IOException | RuntimeException e) { // a bad path, a file gone meanwhile: start without one
            console.warn(s.name() + " starts without a class-data archive: " + e);
            return Optional.empty();
        }
    }

    private List<String> command(ServiceDefinition s, Map<String, String> stackVariables) {
        if (!s.command().isEmpty()) {
            return s.command();
        }
        if (s.isDatabase() && managedDatabase != null) {
            // services of another environment call it: listen where they reach this machine too
            String bind = stackVariables.get(StackAddresses.BIND_ADDRESS);
            List<String> also = bind == null ? List.of() : java.util.Arrays.stream(bind.split(",")).map(String::trim)
                    .filter(a -> !a.isEmpty() && !a.equals("127.0.0.1")).toList();
            return managedDatabase.launchCommand(s.localPort(), also);
        }
        throw new StackException("Cannot start " + s.name() + " locally: it has no <command>. Give it one in the pom, "
                + "e.g. <command><arg>uv</arg><arg>run</arg><arg>...</arg></command>.");
    }

    private Path workingDirectory(ServiceDefinition s) {
        Path dir = s.workingDirectory() == null ? baseDir : baseDir.resolve(s.workingDirectory()).normalize();
        if (!Files.isDirectory(dir)) {
            throw new StackException("Cannot start " + s.name() + ": its working directory " + dir
                    + " does not exist.");
        }
        return dir;
    }

    /** The rules that find the service's program, with the PATH it is started with. */
    private static Commands commands(ServiceDefinition s, Map<String, String> env) {
        return Commands.of(s.environment().getOrDefault("PATH", env.get("PATH")));
    }

    /** Why the service's program cannot be run, or null when it can. */
    private static String launchProblem(ServiceDefinition s, String program, Path workDir, Map<String, String> env) {
        Commands commands = commands(s, env);
        if (commands.find(program, workDir).isPresent()) {
            return null;
        }
        if (commands.isPath(program)) {
            return s.name() + ": " + workDir.resolve(program) + " is not an executable file.";
        }
        return s.name() + ": the command '" + program + "' was not found on the PATH. " + installHint(program)
                + "or give the full path in <command>.";
    }

    /** How to get the usual programs of a service's command. */
    private static String installHint(String program) {
        return switch (program) {
            case "uv", "uvx" -> "Install uv (https://docs.astral.sh/uv/: pipx install uv, brew install uv, or its "
                    + "install script), ";
            case "cargo", "rustc" -> "Install Rust with rustup (https://rustup.rs), ";
            case "python", "python3" -> "Install Python 3 (or make it the first on the PATH), ";
            case "node", "npm", "npx" -> "Install Node.js, ";
            default -> "Install it, ";
        };
    }

    @Override
    public void checkLaunchable(List<ServiceDefinition> services) {
        List<String> problems = new ArrayList<>();
        for (ServiceDefinition s : services) {
            if (external(s) || s.command().isEmpty()) {
                continue;
            }
            Path dir = s.workingDirectory() == null ? baseDir : baseDir.resolve(s.workingDirectory()).normalize();
            if (!Files.isDirectory(dir)) {
                problems.add(s.name() + ": its working directory " + dir + " does not exist.");
                continue;
            }
            String problem = launchProblem(s, s.command().get(0), dir, Map.of());
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException("Cannot start: nothing was launched.\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Services that run on while no agent of this build answers (it was killed, or is of another build)
     * are adopted by a new agent now: a start puts the whole stack under supervision again.
     */
    @Override
    public void prepareStart(List<ServiceDefinition> services) {
        boolean orphans = services.stream().map(s -> state.record(s.name())).flatMap(Optional::stream)
                .anyMatch(r -> r.hasChild() && ProcessTable.alive(r.childPid(), r.childStart()).isPresent());
        if (orphans && agent.answering().isEmpty()) {
            console.info("Putting the running local services under a new stack agent (" + agent.absence() + ").");
            agent.ensureRunning(javaLaunch, control.name());
        }
    }

    @Override
    public void confirmStarted(ServiceDefinition s) {
        state.record(s.name()).ifPresent(r -> state.confirm(s.name(), r.launchId()));
    }

    // --------------------------------------------------------------------------------------- stop

    @Override
    public StopResult stop(ServiceDefinition s, Duration timeout) {
        Instant t0 = Instant.now();
        Optional<RunRecord> rec = state.record(s.name());
        if (rec.isEmpty()) {
            state.clear(s.name());
            return new StopResult(false, false, null, Duration.ZERO, null);
        }
        RunRecord r = rec.get();
        requestStop(s); // first: an agent about to restart the service sees it
        ProcessControl.Target target = control.target(r);
        if (target.isEmpty()) {
            Integer code = state.exit(s.name()).map(ExitRecord::code).orElse(null);
            state.clear(s.name());
            return new StopResult(false, false, code, Duration.ZERO, code == null ? null : "exit code " + code);
        }
        boolean forced = false;
        if (s.stopCommand().isEmpty() || !runStopCommand(s, timeout)) {
            target.signal(s.stopSignal());
        }
        if (!target.awaitGone(timeout)) {
            forced = true;
            console.warn(s.name() + " did not stop within " + timeout.toSeconds() + " s of "
                    + (s.stopCommand().isEmpty() ? "SIG" + s.stopSignal() : "its stop command") + "; killing it.");
            target.signal("KILL");
            if (!target.awaitGone(Duration.ofSeconds(10))) {
                throw new StackException("Could not stop " + s.name() + ": processes " + target.alive()
                        + " survived SIGKILL.");
            }
        }
        boolean agentAlive = ProcessTable.alive(r.agentPid(), r.agentStart()).isPresent();
        Integer code = (agentAlive ? awaitExitRecord(s.name()) : state.exit(s.name())).map(ExitRecord::code)
                .orElse(null);
        state.clear(s.name());
        return new StopResult(true, forced, code, Duration.between(t0, Instant.now()), null);
    }

    /** Tells the agent that what ends the service now is a stop: it records it so, and does not restart it. */
    private void requestStop(ServiceDefinition s) {
        try {
            Files.writeString(state.stopRequestFile(s.name()), String.valueOf(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new StackException("Cannot write " + state.stopRequestFile(s.name()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the service's stop command in its working directory, waiting for it at most the stop timeout.
     * False when it could not be run (the stop signal is sent instead); a command that fails is reported.
     */
    private boolean runStopCommand(ServiceDefinition s, Duration timeout) {
        Path out = state.stopCommandOutput(s.name());
        try {
            Path workDir = workingDirectory(s);
            List<String> command = s.stopCommand();
            Commands commands = commands(s, Map.of());
            Path program = commands.find(command.get(0), workDir).orElseThrow(() -> new StackException(
                    launchProblem(s, command.get(0), workDir, Map.of())));
            ProcessBuilder pb = new ProcessBuilder(commands.commandLine(command, program)).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
            pb.environment().putAll(s.environment());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                console.warn("The stop command of " + s.name() + " did not finish within " + timeout.toSeconds()
                        + " s.");
            } else if (p.exitValue() != 0) {
                console.warn("The stop command of " + s.name() + " failed (exit code " + p.exitValue() + "): "
                        + String.join(" | ", LogFiles.tail(out, 5)));
            }
            return true;
        } catch (IOException | StackException e) {
            console.warn("Cannot run the stop command of " + s.name() + " (" + e.getMessage() + "); sending SIG"
                    + s.stopSignal() + " instead.");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    // --------------------------------------------------------------------------------------- logs

    @Override
    public List<String> lastLogLines(ServiceDefinition s, int lines) {
        return LogFiles.tail(state.logFile(s.name()), lines);
    }

    @Override
    public void logs(List<ServiceDefinition> services, int tail, boolean follow, long followUntilEpochMs,
                     java.util.function.BiConsumer<String, String> sink) throws InterruptedException {
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            files.put(s.name(), state.logFile(s.name()));
        }
        // follow from here on, then print the tails: a line written meanwhile is shown, maybe twice, never lost
        try (LogFollower follower = follow ? new LogFollower(files, sink, console::warn) : null) {
            for (var e : files.entrySet()) {
                LogFiles.tail(e.getValue(), tail).forEach(line -> sink.accept(e.getKey(), line));
            }
            if (follower != null) {
                follower.follow(200, followUntilEpochMs);
            }
        }
    }

    /** Probes through the stack agent while one of this build answers: warm clients, no gRPC in the goal. */
    @Override
    public HealthProbe healthProbe(HealthProbe direct, HealthTimeouts timeouts, DatabaseTarget database) {
        return agent.healthProbe(direct, timeouts, database, this::noteAbsence);
    }

    /** The migration history's digest through the stack agent while one of this build answers. */
    @Override
    public io.gladys.db.SchemaHistory.Reader schemaHistory(io.gladys.db.SchemaHistory.Reader direct) {
        return agent.schemaHistory(direct, this::noteAbsence);
    }

    /** The gateway's cache calls through the stack agent while one of this build answers. */
    @Override
    public io.gladys.grpc.SalienceCache salienceCache(io.gladys.grpc.SalienceCache direct, String host, int port,
                                                      String label, Duration deadline) {
        return agent.cache(direct, host, port, label, deadline, this::noteAbsence);
    }

    /** The goal's handle on the stack agent. */
    public LocalAgent agent() {
        return agent;
    }

    @Override
    public StackLock lock() {
        return lock.lock(holder -> console.info("Waiting for " + holder + " to finish with the stack of this project ..."));
    }

    @Override
    public Optional<StackLock> tryLock() {
        return lock.tryLock();
    }

    /** Builder: the state and project directories are required; the rest has the defaults. */
    public static final class Builder {
        private final Path stateDir;
        private final Path baseDir;
        private JavaLaunch java;
        private LocalSettings settings = LocalSettings.DEFAULT;
        private DatabaseSettings database = DatabaseSettings.builder().build();
        private Supplier<Path> postgresBinaries;
        private Console console;

        private Builder(Path stateDir, Path baseDir) {
            this.stateDir = stateDir;
            this.baseDir = baseDir;
        }

        /** How to launch the stack agent (its class path holds this plugin) and the plugin's own Java services. */
        public Builder java(JavaLaunch v) { java = v; return this; }
        public Builder settings(LocalSettings v) { settings = v; return this; }
        /**
         * The stack's database: when it is the plugin's to run ({@link DatabaseSettings#managedCluster()}), a
         * cluster in the state directory, on the installation's binaries or the embedded ones that
         * {@code embeddedBinaries} gives (the binaries archive, asked only when first needed).
         */
        public Builder database(DatabaseSettings v, Supplier<Path> embeddedBinaries) {
            database = v;
            postgresBinaries = embeddedBinaries;
            return this;
        }
        public Builder console(Console v) { console = v; return this; }

        public LocalBackend build() {
            return new LocalBackend(this);
        }
    }

    private static String ago(long epochMillis) {
        if (epochMillis <= 0) {
            return "at an unknown time";
        }
        long s = Math.max(0, (System.currentTimeMillis() - epochMillis) / 1000);
        return s < 120 ? s + " s ago" : s / 60 + " min ago";
    }
}
