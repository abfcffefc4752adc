package io.gladys.local;

import io.gladys.catalog.Dependency;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.local.runner.RunRecord;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackBackend;
import io.gladys.stack.StackException;
import io.gladys.stack.StackManager;
import io.gladys.stack.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.FakeService;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local supervision with real processes: crashes, kills, children, stale state, foreign ports, races. */
class LocalSupervisionTest {

    @TempDir
    Path dir;
    private final List<StackSession> sessions = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (StackSession s : sessions) {
            try {
                s.manager().stop("all", Duration.ofSeconds(5));
            } finally {
                s.close();
            }
        }
    }

    private StackSession session(ServiceDefinition... services) {
        StackSession s = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(services), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()));
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

    private static StartOptions patient() {
        return new StartOptions(true, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(1), false);
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
        assertThatThrownBy(() -> s.manager().start("all", patient()))
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

    @Test
    void whatAServiceSpawnsEndsWithIt() throws Exception {
        int port = TestStacks.freePort();
        StackSession s = session(fake("parent", "--port", String.valueOf(port), "--spawn-child").localPort(port)
                .health(HealthKind.TCP).build());
        s.manager().start("all", patient());
        RunRecord r = ((LocalBackend) s.backend()).state().record("parent").orElseThrow();
        List<Long> group = ProcessTable.groupMembers(r.runnerPid());
        assertThat(group).as("runner, service and its child").hasSizeGreaterThanOrEqualTo(3);
        s.manager().stop("all", Duration.ofSeconds(10));
        for (long pid : group) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
    }

    @Test
    void aServiceThatIgnoresTheStopSignalIsKilledAfterTheTimeout() {
        StackSession s = session(fake("stubborn", "--ignore-term").health(HealthKind.NONE).build());
        s.manager().start("all", patient());
        long pid = Long.parseLong(s.manager().status("stubborn").get(0).id());
        List<StackManager.Stopped> stopped = s.manager().stop("all", Duration.ofSeconds(2));
        assertThat(stopped).singleElement().satisfies(st -> assertThat(st.result().forced()).isTrue());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aStaleRecordNamingAnotherProcessIsNeverTrustedAndThatProcessSurvives() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            StateDirectory state = new StateDirectory(dir.resolve("state"));
            state.createDirectories();
            // a record from an earlier run whose pid now belongs to an unrelated process
            new RunRecord(stranger.pid(), 1_000_000L, stranger.pid(), 1_000_000L, "old", 1L, "old command")
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
    void aPortTakenByAForeignProcessStopsTheStartBeforeAnythingIsLaunched() throws IOException {
        int[] ports = TestStacks.freePorts(2);
        try (ServerSocket foreign = new ServerSocket(ports[1], 5, InetAddress.getLoopbackAddress())) {
            StackSession s = session(
                    fake("first", "--port", String.valueOf(ports[0])).localPort(ports[0]).health(HealthKind.TCP).build(),
                    fake("second", "--port", String.valueOf(ports[1])).localPort(ports[1]).health(HealthKind.TCP)
                            .dependsOn(List.of(Dependency.parse("first"))).build());
            assertThatThrownBy(() -> s.manager().start("all", patient()))
                    .hasMessageContaining("port " + ports[1] + " is already in use by another process")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("Nothing was started");
            assertThat(s.manager().status("first").get(0).state()).isEqualTo(ServiceState.STOPPED);
            assertThat(s.manager().status("second").get(0).state()).isEqualTo(ServiceState.FOREIGN);
            // and stop leaves the foreign process alone
            s.manager().stop("all", Duration.ofSeconds(2));
            assertThat(foreign.isClosed()).isFalse();
        }
    }

    @Test
    void aFailedStartStopsWhatItLaunchedAndNothingElse() {
        int port = TestStacks.freePort();
        StackSession s = session(
                fake("good", "--port", String.valueOf(port)).localPort(port).health(HealthKind.TCP).build(),
                fake("bad", "--exit", "1", "--after", "300").health(HealthKind.NONE)
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
        }
    }

    @Test
    void logsAreRotatedAtTheSizeLimit() throws Exception {
        var config = TestStacks.config(dir.resolve("state"), dir, List.of(
                fake("chatty", "--chatty", "300000").health(HealthKind.NONE).build()), false,
                TestStacks.embeddedDatabase(), TestStacks.printing())
                .withLogPolicy(new LocalBackend.LogPolicy(50_000, 2));
        StackSession s = StackSession.open(config);
        sessions.add(s);
        s.manager().start("all", patient());
        Path logs = dir.resolve("state/logs");
        long until = System.currentTimeMillis() + 20_000;
        while (!Files.exists(logs.resolve("chatty.log.2")) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(logs.resolve("chatty.log.1")).exists();
        assertThat(logs.resolve("chatty.log.2")).exists();
        assertThat(logs.resolve("chatty.log.3")).doesNotExist();
        for (String f : List.of("chatty.log", "chatty.log.1", "chatty.log.2")) {
            assertThat(Files.size(logs.resolve(f))).as(f).isLessThanOrEqualTo(50_000);
        }
    }

    @Test
    void aStartWhoseMavenJvmWasKilledIsCleanedUpByTheNextStatus() throws Exception {
        int port = TestStacks.freePort();
        Path state = dir.resolve("state");
        Process maven = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(java.io.File.pathSeparator, TestStacks.classpath().stream()
                .map(Path::toString).toList()), io.gladys.testing.StartInAnotherJvm.class.getName(),
                state.toString(), dir.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("other-jvm.out").toFile()).start();
        try {
            Path record = state.resolve("services/hanging.record");
            long until = System.currentTimeMillis() + 30_000;
            while (!(Files.exists(record) && new StateDirectory(state).record("hanging").orElseThrow().hasChild())) {
                assertThat(System.currentTimeMillis()).as("the other JVM launched the service").isLessThan(until);
                Thread.sleep(50);
            }
            RunRecord r = new StateDirectory(state).record("hanging").orElseThrow();
            maven.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            assertThat(ProcessHandle.of(r.childPid()).map(ProcessHandle::isAlive).orElse(false))
                    .as("the service outlived the killed JVM").isTrue();

            StackSession s = session(io.gladys.testing.StartInAnotherJvm.hanging(port));
            ServiceStatus st = s.manager().status("all").get(0);
            assertThat(st.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(ProcessTable.groupMembers(r.runnerPid())).as("the interrupted start's processes").isEmpty();
        } finally {
            maven.destroyForcibly();
        }
    }

    private static void awaitState(StackSession s, String name, ServiceState wanted) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (s.manager().status(name).get(0).state() != wanted) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError(name + " never became " + wanted);
            }
            Thread.sleep(100);
        }
    }

}
