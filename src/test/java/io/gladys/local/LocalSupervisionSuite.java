package io.gladys.local;

import io.gladys.local.state.StateDirectory;
import io.gladys.catalog.RestartPolicy;
import io.gladys.local.agent.LocalAgent;
import io.gladys.local.agent.AgentMessage;
import io.gladys.local.agent.AgentEndpoint;
import io.gladys.local.logs.LogFiles;
import io.gladys.local.logs.RotatingLog;

import io.gladys.local.process.ProcessTable;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.local.state.RunRecord;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackException;
import io.gladys.stack.StackManager;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.FakeService;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local supervision with real processes: crashes, kills, children, stale state, foreign ports, races.
 * Run once per process control ({@link LocalSupervisionGroupsTest}, {@link LocalSupervisionPortableTest}).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
abstract class LocalSupervisionSuite {

    /** The process control under test: "groups" or "portable". */
    abstract String processControl();

    @TempDir
    Path dir;
    private final List<StackSession> sessions = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        // every session is stopped and closed, also when an earlier one fails to
        RuntimeException first = null;
        for (StackSession s : sessions) {
            try {
                s.manager().stop("all", Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            } finally {
                s.close();
            }
        }
        ItChecks.killLeftovers(dir.resolve("state")); // whatever a failed stop left behind
        if (first != null) {
            throw first;
        }
    }

    private StackSession session(ServiceDefinition... services) {
        StackSession s = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(services), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()).toBuilder().local(new LocalSettings(null, processControl(), true)).build());
        sessions.add(s);
        return s;
    }

    private static ServiceDefinition.Builder fake(String name, String... args) {
        var java = TestStacks.java();
        return ServiceDefinition.builder(name).command(java.command(FakeService.class.getName(), args))
                .environment(java.environment());
    }

    private static ServiceDefinition shell(String name, String script) {
        return ServiceDefinition.builder(name).command(List.of("sh", "-c", script)).health(HealthKind.NONE).build();
    }

    /** Timeouts no loaded machine reaches, below the test's own: only what the test waits for ends a start. */
    private static StartOptions patient() {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMinutes(3))
                .overallTimeout(Duration.ofMinutes(3)).minUptime(Duration.ofSeconds(1)).keepRunning(false).build();
    }

    /** For a service that is meant to die: so long a minimum uptime that only its death ends the start. */
    private static StartOptions untilItDies() {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMinutes(3))
                .overallTimeout(Duration.ofMinutes(3)).minUptime(Duration.ofMinutes(3)).keepRunning(false).build();
    }

    /** Waits until the service's log holds the line: the handshake that says it got that far. */
    private void awaitLogLine(String service, String line) throws Exception {
        Path log = dir.resolve("state/logs/" + service + ".log");
        while (!(Files.exists(log) && Files.readAllLines(log).contains(line))) {
            Thread.sleep(50);
        }
    }

    @Test
    void theServiceIsLaunchedAsTheProcessControlSaysUnderOneAgent() {
        StackSession s = session(shell("svc", "sleep 600"), shell("other", "sleep 600"));
        s.manager().start("all", patient());
        RunRecord r = ((LocalBackend) s.backend()).state().record("svc").orElseThrow();
        RunRecord o = ((LocalBackend) s.backend()).state().record("other").orElseThrow();
        boolean leadsItsGroup = ProcessTable.processGroup(r.childPid()).orElse(-1) == r.childPid();
        assertThat(leadsItsGroup).as("the service leads a process group").isEqualTo(processControl().equals("groups"));
        assertThat(o.agentPid()).as("one agent for the stack").isEqualTo(r.agentPid());
        assertThat(ProcessHandle.of(r.childPid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .as("the service is the agent's child").contains(r.agentPid());
        assertThat(String.join(" ", ProcessHandle.of(r.agentPid()).orElseThrow().info().arguments().orElse(new String[0])))
                .as("ps shows which stack the agent serves").contains("--state " + dir.resolve("state").toAbsolutePath());
    }

    @Test
    void aServiceThatDiesDuringStartIsReportedAtOnceWithItsExitCodeAndLog() {
        int port = TestStacks.freePort();
        StackSession s = session(fake("broken", "--exit", "3", "--after", "200").localPort(port)
                .health(HealthKind.TCP).build());
        // a ten-minute timeout: only detecting the death ends this start early
        assertThatThrownBy(() -> s.manager().start("broken", patient()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("broken exited during start with exit code 3")
                .hasMessageContaining("fatal: exiting with 3 as told");
        assertThat(s.manager().status("broken").get(0).state()).isEqualTo(ServiceState.CRASHED);
    }

    @Test
    void aServiceThatExitsRightAwayWithoutAHealthCheckStillFailsItsStart() {
        StackSession s = session(shell("quitter", "echo bye; exit 0"));
        assertThatThrownBy(() -> s.manager().start("all", untilItDies()))
                .hasMessageContaining("quitter exited during start with exit code 0");
    }

    @Test
    void aMissingCommandIsNamedBeforeAnythingRuns() {
        StackSession s = session(ServiceDefinition.builder("ghost").command(List.of("no-such-program-xyz"))
                .health(HealthKind.NONE).build());
        assertThatThrownBy(() -> s.manager().start("all", patient()))
                .hasMessageContaining("the command 'no-such-program-xyz' was not found on the PATH");
    }

    @Test
    void aServiceKilledWhileRunningShowsAsCrashedWithItsSignal() throws Exception {
        int port = TestStacks.freePort();
        StackSession s = session(fake("victim", "--port", String.valueOf(port)).localPort(port)
                .health(HealthKind.TCP).build());
        s.manager().start("all", patient());
        ServiceStatus running = s.manager().status("victim").get(0);
        assertThat(running.state()).isEqualTo(ServiceState.RUNNING);
        ProcessHandle.of(Long.parseLong(running.id())).orElseThrow().destroyForcibly();
        awaitState(s, "victim", ServiceState.CRASHED);
        ServiceStatus crashed = s.manager().status("victim").get(0);
        assertThat(crashed.exitCode()).isEqualTo(137);
        // stop clears the crashed state
        s.manager().stop("victim", Duration.ofSeconds(5));
        assertThat(s.manager().status("victim").get(0).state()).isEqualTo(ServiceState.STOPPED);
    }

    /** Starts "parent", a service that spawns a child of its own, and gives its run record. */
    private RunRecord startParentWithAChild(StackSession s) {
        s.manager().start("all", patient());
        return ((LocalBackend) s.backend()).state().record("parent").orElseThrow();
    }

    private StackSession parentWithAChild() {
        int port = TestStacks.freePort();
        return session(fake("parent", "--port", String.valueOf(port), "--spawn-child").localPort(port)
                .health(HealthKind.TCP).build());
    }

    @Test
    void whatAServiceSpawnsEndsWithIt() throws Exception {
        StackSession s = parentWithAChild();
        RunRecord r = startParentWithAChild(s);
        List<ProcessHandle> tree = ItChecks.tree(r);
        assertThat(tree).as("service and its child").hasSizeGreaterThanOrEqualTo(2);
        s.manager().stop("all", Duration.ofSeconds(10));
        for (ProcessHandle h : tree) {
            assertThat(ProcessTable.alive(h)).as("pid " + h.pid()).isFalse();
        }
    }

    @Test
    void whatAServiceSpawnsEndsWithItAlsoWhenTheServiceIsKilled() throws Exception {
        StackSession s = parentWithAChild();
        RunRecord r = startParentWithAChild(s);
        ProcessHandle service = ProcessTable.alive(r.childPid(), r.childStart()).orElseThrow();
        List<ProcessHandle> children = service.children().toList();
        assertThat(children).as("the service's own child").isNotEmpty();
        if (processControl().equals("portable")) {
            // without a process group the runner ends what it saw the service spawn: wait until it has seen it
            Path tree = ((LocalBackend) s.backend()).state().treeFile("parent");
            for (ProcessHandle child : children) {
                while (!(Files.exists(tree) && Files.readString(tree).lines()
                        .anyMatch(l -> l.startsWith(child.pid() + " ")))) {
                    Thread.sleep(50);
                }
            }
        } // in a process group the child is a member from its first instruction: nothing to wait for
        service.destroyForcibly(); // its child is re-parented: no longer the service's descendant
        awaitState(s, "parent", ServiceState.CRASHED);
        for (ProcessHandle h : children) {
            while (ProcessTable.alive(h)) { // the runner ends leftovers within seconds; the test's timeout bounds it
                Thread.sleep(100);
            }
        }
        assertThat(children).noneMatch(ProcessTable::alive);
    }

    @Test
    void aServiceThatIgnoresTheStopSignalIsKilledAfterTheTimeout() throws Exception {
        StackSession s = session(fake("stubborn", "--ignore-term").health(HealthKind.NONE).build());
        s.manager().start("all", patient());
        awaitLogLine("stubborn", FakeService.IGNORING_TERM);
        long pid = Long.parseLong(s.manager().status("stubborn").get(0).id());
        List<StackManager.Stopped> stopped = s.manager().stop("all", Duration.ofSeconds(2));
        assertThat(stopped).singleElement().satisfies(st -> assertThat(st.result().forced()).isTrue());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theServicesOwnStopSignalIsTheOneSent() throws Exception {
        // only USR1 ends it well; TERM is ignored, so a wrong signal shows as a forced stop. (Not HUP: a
        // build started under nohup passes HUP on ignored, and a shell cannot trap a signal ignored at entry.)
        StackSession s = session(ServiceDefinition.builder("usr1").command(List.of("sh", "-c",
                        "trap 'echo got USR1; exit 0' USR1; trap '' TERM; echo ready; while :; do sleep 0.1; done"))
                .stopSignal("USR1").health(HealthKind.NONE).build());
        assertThat(startAndStopGracefully(s, "usr1")).contains("got USR1");
    }

    /** Starts the service, stops it once it said "ready", and gives its log: the stop was not forced, code 0. */
    private String startAndStopGracefully(StackSession s, String name) throws Exception {
        s.manager().start("all", patient());
        awaitLogLine(name, "ready");
        List<StackManager.Stopped> stopped = s.manager().stop("all", Duration.ofSeconds(60));
        assertThat(stopped).singleElement().satisfies(st -> {
            assertThat(st.result().forced()).isFalse();
            assertThat(st.result().exitCode()).isZero();
        });
        return Files.readString(dir.resolve("state/logs/" + name + ".log"));
    }

    @Test
    void aStopCommandEndsTheServiceInsteadOfTheStopSignal() throws Exception {
        // the service ignores TERM and ends only when the file appears: a signal would need the kill
        StackSession s = session(ServiceDefinition.builder("polite").command(List.of("sh", "-c",
                        "trap '' TERM; echo ready; while [ ! -f stop-now ]; do sleep 0.1; done; echo asked to stop"))
                .stopCommand(List.of("touch", "stop-now")).health(HealthKind.NONE).build());
        assertThat(startAndStopGracefully(s, "polite")).contains("asked to stop");
        assertThat(s.manager().status("polite").get(0).state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void spacesAndNonAsciiLettersInEveryPathAreKept() throws Exception {
        Path work = Files.createDirectories(dir.resolve("my projects/caf\u00e9 service"));
        Path script = Files.createDirectories(work.resolve("bin dir")).resolve("start me.sh");
        Files.writeString(script, "#!/bin/sh\necho \"arg: $1\"\necho \"pwd: $(pwd)\"\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state dir/\u00e9t\u00e9");
        StackSession s = StackSession.open(TestStacks.config(state, dir, List.of(ServiceDefinition.builder("spaced")
                        .command(List.of("./bin dir/start me.sh", "an arg with spaces and \u00fc"))
                        .workingDirectory("my projects/caf\u00e9 service").health(HealthKind.NONE).build()), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()).toBuilder().local(new LocalSettings(null, processControl(), true)).build());
        try {
            s.manager().start("all", patient());
            Path log = state.resolve("logs/spaced.log");
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("pwd: ")) {
                Thread.sleep(50);
            }
            assertThat(LogFiles.tail(log, 10)).contains("arg: an arg with spaces and \u00fc", "pwd: " + work);
            assertThat(s.manager().status("spaced").get(0).state()).isEqualTo(ServiceState.RUNNING);
            assertThat(s.manager().stop("all", Duration.ofSeconds(10))).singleElement()
                    .satisfies(st -> assertThat(st.result().forced()).isFalse());
        } finally {
            s.close();
            ItChecks.killLeftovers(state);
        }
    }

    @Test
    void aStaleRecordNamingAnotherProcessIsNeverTrustedAndThatProcessSurvives() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            StateDirectory state = new StateDirectory(dir.resolve("state"));
            state.createDirectories();
            // a record from an earlier run whose pid now belongs to an unrelated process
            new RunRecord(stranger.pid(), 1_000_000L, stranger.pid(), 1_000_000L, "old", 1L, "old command", 0, false)
                    .write(state.recordFile("svc"));
            StackSession s = session(shell("svc", "sleep 600"));
            ServiceStatus st = s.manager().status("svc").get(0);
            assertThat(st.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(st.detail()).contains("stale record");
            s.manager().stop("all", Duration.ofSeconds(2));
            assertThat(stranger.isAlive()).isTrue();
            s.manager().start("all", patient());
            assertThat(s.manager().status("svc").get(0).id()).isNotEqualTo(String.valueOf(stranger.pid()));
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aPortTakenByAForeignProcessStopsTheStartBeforeAnythingIsLaunched() throws Exception {
        int[] ports = TestStacks.freePorts(2);
        // the foreign process is another JVM, not this one: a stop that killed it would show
        Process foreign = new ProcessBuilder(TestStacks.java().command(FakeService.class.getName(), "--port",
                String.valueOf(ports[1]))).redirectErrorStream(true).start();
        try {
            awaitLine(foreign, FakeService.LISTENING + ports[1]);
            StackSession s = session(
                    fake("first", "--port", String.valueOf(ports[0])).localPort(ports[0]).health(HealthKind.TCP).build(),
                    fake("second", "--port", String.valueOf(ports[1])).localPort(ports[1]).health(HealthKind.TCP)
                            .dependsOn(List.of(Dependency.parse("first"))).build());
            assertThatThrownBy(() -> s.manager().start("all", patient()))
                    .hasMessageContaining("port " + ports[1] + " is already in use by another process")
                    .hasMessageContaining("pid " + foreign.pid())
                    .hasMessageContaining("Nothing was started");
            assertThat(s.manager().status("first").get(0).state()).isEqualTo(ServiceState.STOPPED);
            assertThat(s.manager().status("second").get(0).state()).isEqualTo(ServiceState.FOREIGN);
            // and stop leaves the foreign process alone: it lives on and still answers on its port
            s.manager().stop("all", Duration.ofSeconds(2));
            assertThat(foreign.isAlive()).isTrue();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), ports[1])) {
                assertThat(c.getInputStream().read()).isEqualTo('\n');
            }
        } finally {
            foreign.destroyForcibly().waitFor();
        }
    }

    /** Reads the process's output until the line comes (the handshake), failing if the process ends first. */
    private static void awaitLine(Process p, String line) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String l = out.readLine(); ; l = out.readLine()) {
            if (l == null) {
                throw new AssertionError("the process ended before it said: " + line);
            }
            if (l.equals(line)) {
                return;
            }
        }
    }

    @Test
    void aFailedStartStopsWhatItLaunchedAndNothingElse() {
        int port = TestStacks.freePort();
        StackSession s = session(
                fake("good", "--port", String.valueOf(port)).localPort(port).health(HealthKind.TCP).build(),
                // a health check that never passes: only the death of 'bad' can end this start
                fake("bad", "--exit", "1", "--after", "300").localPort(TestStacks.freePort()).health(HealthKind.TCP)
                        .dependsOn(List.of(Dependency.parse("good"))).build());
        assertThatThrownBy(() -> s.manager().start("all", patient()))
                .hasMessageContaining("bad exited during start")
                .hasMessageContaining("Stopped what this start had launched: good.");
        assertThat(s.manager().status("good").get(0).state()).isEqualTo(ServiceState.STOPPED);
        assertThat(s.manager().status("bad").get(0).state()).isEqualTo(ServiceState.CRASHED);
    }

    @Test
    void startingWhatRunsIsANoOpThatSaysSo() {
        StackSession s = session(shell("svc", "sleep 600"));
        s.manager().start("all", patient());
        long pid = Long.parseLong(s.manager().status("svc").get(0).id());
        List<StackManager.Started> again = s.manager().start("all", patient());
        assertThat(again).singleElement().satisfies(st ->
                assertThat(st.outcome()).isEqualTo(StackManager.StartOutcome.ALREADY_RUNNING));
        assertThat(s.manager().status("svc").get(0).id()).isEqualTo(String.valueOf(pid));
    }

    @Test
    void twoConcurrentStartsStartEachServiceOnce() throws Exception {
        ServiceDefinition a = shell("a", "sleep 600");
        ServiceDefinition b = shell("b", "sleep 600");
        StackSession one = session(a, b);
        StackSession two = session(a, b);
        CompletableFuture<List<StackManager.Started>> f1 = CompletableFuture.supplyAsync(
                () -> one.manager().start("all", patient()));
        CompletableFuture<List<StackManager.Started>> f2 = CompletableFuture.supplyAsync(
                () -> two.manager().start("all", patient()));
        List<StackManager.Started> all = new ArrayList<>(f1.get());
        all.addAll(f2.get());
        assertThat(all.stream().filter(st -> st.outcome() == StackManager.StartOutcome.STARTED)).hasSize(2);
        assertThat(all.stream().filter(st -> st.outcome() == StackManager.StartOutcome.ALREADY_RUNNING)).hasSize(2);
        for (String name : List.of("a", "b")) {
            String log = Files.readString(dir.resolve("state/logs/" + name + ".log"));
            assertThat(log.split("starting: ", -1)).as(name + " launched once").hasSize(2);
            assertThat(log).as("the runner says its process control").contains("[" + processControl() + "] starting: ");
        }
    }

    @Test
    void logsAreRotatedAtTheSizeLimit() throws Exception {
        // 20 kB every 0.1 s: the agent, checking twice a second, finds the log past its limit again and again
        var config = TestStacks.config(dir.resolve("state"), dir, List.of(shell("chatty",
                "while true; do yes 'a line of log output' | head -c 20000; sleep 0.1; done")), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()).toBuilder()
                .local(new LocalSettings(new LocalSettings.LogPolicy(50_000, 2), processControl(), true)).build();
        StackSession s = StackSession.open(config);
        sessions.add(s);
        s.manager().start("all", patient());
        Path logs = dir.resolve("state/logs");
        while (RotatingLog.rotations(logs.resolve("chatty.log")) < 4) {
            Thread.sleep(100);
        }
        assertThat(logs.resolve("chatty.log.1")).exists();
        assertThat(logs.resolve("chatty.log.2")).exists();
        assertThat(logs.resolve("chatty.log.3")).as("only two rotated files are kept").doesNotExist();
        for (String f : List.of("chatty.log.1", "chatty.log.2")) {
            // past the limit by what the writer adds until its next pause, 5.5 s of output at the very most
            assertThat(Files.size(logs.resolve(f))).as(f).isGreaterThan(50_000).isLessThanOrEqualTo(1_200_000);
        }
    }

    @Test
    void aStartWhoseMavenJvmWasKilledIsCleanedUpByTheNextStatus() throws Exception {
        int port = TestStacks.freePort();
        Path state = dir.resolve("state");
        Process maven = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(java.io.File.pathSeparator, TestStacks.classpath().stream()
                .map(Path::toString).toList()), io.gladys.testing.StartInAnotherJvm.class.getName(),
                state.toString(), dir.toString(), String.valueOf(port), processControl())
                .redirectErrorStream(true).redirectOutput(dir.resolve("other-jvm.out").toFile()).start();
        try {
            Path record = state.resolve("services/hanging.record");
            while (!(Files.exists(record) && new StateDirectory(state).record("hanging").orElseThrow().hasChild())) {
                assertThat(maven.isAlive()).as("the other JVM is still starting the service").isTrue();
                Thread.sleep(50);
            }
            RunRecord r = new StateDirectory(state).record("hanging").orElseThrow();
            maven.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            assertThat(ProcessHandle.of(r.childPid()).map(ProcessHandle::isAlive).orElse(false))
                    .as("the service outlived the killed JVM").isTrue();

            StackSession s = session(io.gladys.testing.StartInAnotherJvm.hanging(port));
            ServiceStatus st = s.manager().status("all").get(0);
            assertThat(st.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(ItChecks.agentLeaves(state, Duration.ofSeconds(15))).as("the interrupted start's agent leaves")
                    .isTrue();
            assertThat(ProcessTable.alive(r.childPid(), r.childStart())).as("the interrupted start's service").isEmpty();
        } finally {
            maven.destroyForcibly().waitFor();
            ItChecks.killLeftovers(state); // the agent and its service, when the test failed before the status
        }
    }

    // ------------------------------------------------------------------------------- the stack agent

    private LocalAgent agentOf(StackSession s) {
        return ((LocalBackend) s.backend()).agent();
    }

    @Test
    void servicesKeepRunningAndLoggingWhenTheAgentIsKilledAndTheNextStartAdoptsThem() throws Exception {
        int port = TestStacks.freePort();
        StackSession s = session(fake("steady", "--port", String.valueOf(port)).localPort(port)
                .health(HealthKind.TCP).build(), shell("ticker", "while true; do echo tick; sleep 0.1; done"));
        s.manager().start("all", patient());
        Path state = dir.resolve("state");
        RunRecord before = new StateDirectory(state).record("steady").orElseThrow();
        ProcessHandle agent = ItChecks.agent(state).orElseThrow();
        agent.destroyForcibly();
        agent.onExit().get(30, TimeUnit.SECONDS);

        // the services run on, and the ticker keeps writing its log
        Path log = state.resolve("logs/ticker.log");
        long size = Files.size(log);
        Thread.sleep(500);
        assertThat(Files.size(log)).as("the ticker logs on without its agent").isGreaterThan(size);
        assertThat(ProcessTable.alive(before.childPid(), before.childStart())).isPresent();

        // a new goal: status, health and logs work from the records and its own probes, and say the agent is gone
        List<String> said = new ArrayList<>();
        StackSession next = StackSession.open(TestStacks.config(state, dir, List.of(
                fake("steady", "--port", String.valueOf(port)).localPort(port).health(HealthKind.TCP).build(),
                shell("ticker", "while true; do echo tick; sleep 0.1; done")), false, TestStacks.embeddedDatabase(),
                new io.gladys.stack.Console() {
                    public void info(String line) { }
                    public void warn(String line) { said.add(line); }
                    public void data(String text) { }
                }).toBuilder().local(new LocalSettings(null, processControl(), true)).build());
        sessions.add(next);
        assertThat(next.manager().status("all")).allMatch(st -> st.state() == ServiceState.RUNNING);
        assertThat(next.manager().status("all")).allMatch(st -> st.detail().contains("its agent is gone"));
        assertThat(said).as("said once").hasSize(1);
        assertThat(said.get(0)).contains("is gone").contains("adopts");
        assertThat(next.manager().health("steady").values()).allMatch(io.gladys.health.HealthResult::healthy);
        assertThat(((LocalBackend) next.backend()).lastLogLines(next.catalog().find("ticker").orElseThrow(), 3))
                .contains("tick");

        // the next start adopts them under a new agent, without restarting them
        next.manager().start("all", patient());
        ProcessHandle adopter = ItChecks.agent(state).orElseThrow();
        assertThat(adopter.pid()).isNotEqualTo(agent.pid());
        RunRecord after = new StateDirectory(state).record("steady").orElseThrow();
        assertThat(after.childPid()).as("not restarted").isEqualTo(before.childPid());
        assertThat(after.agentPid()).isEqualTo(adopter.pid());
        assertThat(after.adopted()).isTrue();
        assertThat(next.manager().status("all")).allMatch(st -> st.detail() == null || !st.detail().contains("gone"));

        // an adopted service that crashes: its end is recorded, its exit code said to be unreadable
        ProcessHandle.of(after.childPid()).orElseThrow().destroyForcibly();
        awaitState(next, "steady", ServiceState.CRASHED);
        ServiceStatus crashed = next.manager().status("steady").get(0);
        assertThat(crashed.exitCode()).isNull();
        assertThat(crashed.detail()).contains("exit code of an adopted service cannot be read");
        next.manager().stop("all", Duration.ofSeconds(10));
        assertThat(ItChecks.survivors(state)).isEmpty();
        assertThat(ItChecks.agentLeaves(state, Duration.ofSeconds(15))).as("the agent leaves with its last service")
                .isTrue();
    }

    @Test
    void aServiceUnderOnFailureKilledTwiceIsRestartedTwice() throws Exception {
        StackSession s = session(ServiceDefinition.builder("phoenix").command(List.of("sh", "-c", "echo up; sleep 600"))
                .health(HealthKind.NONE).restart(RestartPolicy.of("on-failure", 3)).build());
        s.manager().start("all", patient());
        for (int kill = 1; kill <= 2; kill++) {
            ServiceStatus running = s.manager().status("phoenix").get(0);
            assertThat(running.state()).isEqualTo(ServiceState.RUNNING);
            long pid = Long.parseLong(running.id());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            int restarts = kill;
            long until = System.currentTimeMillis() + 60_000;
            while (!(s.manager().status("phoenix").get(0).state() == ServiceState.RUNNING
                    && s.manager().status("phoenix").get(0).facts().get("restarts").equals(String.valueOf(restarts)))) {
                assertThat(System.currentTimeMillis()).as("restart " + restarts).isLessThan(until);
                Thread.sleep(50);
            }
            assertThat(s.manager().status("phoenix").get(0).id()).isNotEqualTo(String.valueOf(pid));
        }
        ServiceStatus st = s.manager().status("phoenix").get(0);
        assertThat(st.facts()).containsEntry("restarts", "2").containsEntry("restart", "on-failure (max 3)");
        assertThat(Files.readString(dir.resolve("state/logs/phoenix.log"))).contains("(restart 2 of 3)");
        // a stop is never undone by the policy
        s.manager().stop("all", Duration.ofSeconds(10));
        Thread.sleep(1500);
        assertThat(s.manager().status("phoenix").get(0).state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void aCrashLoopEndsAfterMaxRestartsWithItsExitCodeAndLastLines() throws Exception {
        StackSession s = session(ServiceDefinition.builder("looper")
                .command(List.of("sh", "-c", "echo 'cannot open the config'; exit 3"))
                .health(HealthKind.NONE).restart(RestartPolicy.of("always", 2)).build());
        try {
            s.manager().start("all", patient());
        } catch (RuntimeException e) {
            // the start may see it between two runs: the loop goes on regardless
        }
        long until = System.currentTimeMillis() + 60_000;
        while (!s.manager().status("looper").get(0).detail().contains("gave up")) {
            assertThat(System.currentTimeMillis()).as("the loop ends").isLessThan(until);
            Thread.sleep(100);
        }
        ServiceStatus st = s.manager().status("looper").get(0);
        assertThat(st.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(st.exitCode()).isEqualTo(3);
        assertThat(st.facts()).containsEntry("restarts", "2");
        assertThat(st.detail()).contains("after 2 restarts: gave up (maxRestarts 2)").contains("cannot open the config");
        assertThat(Files.readString(dir.resolve("state/logs/looper.log")).split("starting", -1)).hasSize(4);
    }

    @Test
    void theAgentSocketIsPrivateAndGarbageClosesOnlyThatConnection() throws Exception {
        StackSession s = session(shell("svc", "sleep 600"));
        s.manager().start("all", patient());
        AgentEndpoint endpoint = agentOf(s).endpoint();
        Path socket = endpoint.socket();
        assertThat(java.nio.file.Files.getPosixFilePermissions(socket))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(socket.getParent()))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        // garbage, a half request, a request of another version, a client that never reads: each its own
        try (var garbage = endpoint.connect().orElseThrow(); var half = endpoint.connect().orElseThrow();
             var idle = endpoint.connect().orElseThrow()) {
            half.write(java.nio.ByteBuffer.wrap("gladys-agent/1 hello\nkey=".getBytes()));
            garbage.write(java.nio.ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n'}));
            java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(4096);
            garbage.read(answer);
            assertThat(new String(answer.array(), 0, answer.position())).startsWith("error");
            assertThat(agentOf(s).client().call(AgentMessage.request("hello").build(), Duration.ofSeconds(5)).isOk())
                    .as("others are answered meanwhile").isTrue();
            AgentMessage other = agentOf(s).client().call(new AgentMessage("gladys-agent/99 hello", List.of()),
                    Duration.ofSeconds(5));
            assertThat(other.get("message").orElseThrow()).contains("speaks gladys-agent/1");
            // two goals at once both get answers
            var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> agentOf(s).client().hello());
            var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> agentOf(s).client().hello());
            assertThat(a.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(b.get(10, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(s.manager().status("svc").get(0).state()).isEqualTo(ServiceState.RUNNING);

        // another user cannot connect (root passes every permission check: only a root test can switch users)
        boolean root = "root".equals(System.getProperty("user.name"));
        org.junit.jupiter.api.Assumptions.assumeTrue(root && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "switching to another user needs root and setpriv");
        Process other = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), io.gladys.testing.ConnectUnixSocket.class.getName(),
                socket.toString()).redirectErrorStream(true).start();
        String out = new String(other.getInputStream().readAllBytes());
        assertThat(other.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as("what user 65534 got").contains("refused:").doesNotContain("connected");
    }

    @Test
    void theAgentAnswersStatusAndLogsTailAndFollow() throws Exception {
        StackSession s = session(shell("echoer", "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done"));
        s.manager().start("all", patient());
        io.gladys.local.agent.AgentClient c = agentOf(s).client();
        AgentMessage st = c.call(AgentMessage.request("status").build(), Duration.ofSeconds(5));
        assertThat(st.all("service")).singleElement().asString().startsWith("echoer\t").contains("\trunning\t0\t");
        awaitLogLine("echoer", "line 3");
        AgentMessage tail = c.call(AgentMessage.request("logs").put("service", "echoer").put("tail", 3).build(),
                Duration.ofSeconds(5));
        assertThat(tail.all("line")).hasSize(3).allMatch(l -> l.startsWith("echoer\tline "));
        // follow: the tail first, then the new lines as they are written
        List<AgentMessage> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> {
            try {
                c.stream(AgentMessage.request("logs").put("service", "echoer").put("tail", 1).put("follow", true)
                        .build(), got::add);
            } catch (IOException e) {
                // the agent left with its last service
            }
        });
        follower.setDaemon(true);
        follower.start();
        long until = System.currentTimeMillis() + 30_000;
        while (got.stream().mapToInt(m -> m.all("line").size()).sum() < 5) {
            assertThat(System.currentTimeMillis()).as("followed lines arrive").isLessThan(until);
            Thread.sleep(50);
        }
        List<Integer> numbers = got.stream().flatMap(m -> m.all("line").stream())
                .map(l -> Integer.parseInt(l.substring("echoer\tline ".length()))).toList();
        for (int i = 1; i < numbers.size(); i++) {
            // in order, none missed (a line written while the tail was read may come twice)
            assertThat(numbers.get(i)).as("after " + numbers.get(i - 1)).isIn(numbers.get(i - 1), numbers.get(i - 1) + 1);
        }
        // what is not a service's name is not read
        AgentMessage bad = c.call(AgentMessage.request("logs").put("service", "../../etc/passwd").build(),
                Duration.ofSeconds(5));
        assertThat(bad.isOk()).isFalse();
        assertThat(bad.get("message").orElseThrow()).contains("not a service name");
    }

    @Test
    void anAgentOfAnotherBuildIsNotAskedAndTheNextStartReplacesIt() throws Exception {
        StackSession s = session(shell("svc", "sleep 600"));
        s.manager().start("all", patient());
        Path state = dir.resolve("state");
        ProcessHandle original = ItChecks.agent(state).orElseThrow();
        RunRecord before = new StateDirectory(state).record("svc").orElseThrow();
        // a goal of another build of the plugin: it does not use this agent, says so, and works regardless
        LocalAgent otherBuild = new LocalAgent(state, "another-build");
        assertThat(otherBuild.answering()).isEmpty();
        assertThat(otherBuild.absence()).contains("another build");
        // its start replaces the agent; the service is adopted, not restarted
        otherBuild.ensureRunning(TestStacks.java(), processControl());
        assertThat(original.isAlive()).as("the old agent left").isFalse();
        ProcessHandle replacement = ItChecks.agent(state).orElseThrow();
        assertThat(replacement.pid()).isNotEqualTo(original.pid());
        RunRecord after = new StateDirectory(state).record("svc").orElseThrow();
        assertThat(after.childPid()).isEqualTo(before.childPid());
        assertThat(after.agentPid()).isEqualTo(replacement.pid());
        assertThat(agentOf(s).answering()).as("this build's goals see the other build's agent as not theirs").isEmpty();
    }

    private static void awaitState(StackSession s, String name, ServiceState wanted) throws InterruptedException {
        while (s.manager().status(name).get(0).state() != wanted) {
            Thread.sleep(100);
        }
    }

}
