package io.gladys.local;

import io.gladys.catalog.Dependency;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.StackException;
import io.gladys.stack.StackManager;
import io.gladys.stack.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a dependent is launched, under each kind of dependsOn edge, with real processes: the
 * dependency "dep" is healthy (tcp) only once the test opens its port, so what is launched before
 * that did not wait for its health.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LaunchOrderTest {

    @TempDir
    Path dir;
    private StackSession session;
    private ServerSocket depPort;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (session != null) {
                session.manager().stop("all", Duration.ofSeconds(5));
                session.close();
            }
        } finally {
            if (depPort != null) {
                depPort.close();
            }
            ItChecks.killLeftovers(dir.resolve("state"));
        }
    }

    private StackSession session(int port, String edge, String depScript) {
        ServiceDefinition dep = ServiceDefinition.builder("dep").command(List.of("sh", "-c", depScript))
                .localPort(port).health(HealthKind.TCP).build();
        ServiceDefinition app = ServiceDefinition.builder("app").command(List.of("sh", "-c", "sleep 600"))
                .health(HealthKind.NONE).dependsOn(List.of(Dependency.parse(edge))).build();
        session = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(dep, app), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()));
        return session;
    }

    private static StartOptions options() {
        return new StartOptions(true, Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMillis(500), false);
    }

    private boolean launched(String service) {
        return ((LocalBackend) session.backend()).state().record(service).isPresent();
    }

    private void awaitLaunched(String service) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!launched(service)) {
            assertThat(System.nanoTime()).as(service + " was not launched").isLessThan(until);
            Thread.sleep(20);
        }
    }

    /** Makes dep healthy: its tcp health check finds the port open. */
    private void openDepPort(int port) throws Exception {
        depPort = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    private void launchedBeforeItsDependencyIsHealthy(String edge) throws Exception {
        int port = TestStacks.freePort();
        StackSession s = session(port, edge, "sleep 600");
        CompletableFuture<List<StackManager.Started>> start = CompletableFuture.supplyAsync(
                () -> s.manager().start("app", options()));
        awaitLaunched("app");
        assertThat(start).as("dep is not healthy yet, so the start still waits").isNotDone();
        openDepPort(port);
        assertThat(start.get(1, TimeUnit.MINUTES)).extracting(StackManager.Started::outcome)
                .containsOnly(StackManager.StartOutcome.STARTED);
    }

    @Test
    void aLaunchedDependentIsLaunchedBeforeItsDependencyIsHealthy() throws Exception {
        launchedBeforeItsDependencyIsHealthy("dep:launched");
    }

    @Test
    void aStartedDependentIsLaunchedBeforeItsDependencyIsHealthy() throws Exception {
        launchedBeforeItsDependencyIsHealthy("dep:started");
    }

    @Test
    void aHealthyDependentWaitsUntilItsDependencyIsHealthy() throws Exception {
        int port = TestStacks.freePort();
        StackSession s = session(port, "dep", "sleep 600");
        CompletableFuture<List<StackManager.Started>> start = CompletableFuture.supplyAsync(
                () -> s.manager().start("app", options()));
        awaitLaunched("dep");
        Thread.sleep(1500); // dep is up longer than the minimum uptime: only its health holds app back
        assertThat(launched("app")).as("app launched before dep was healthy").isFalse();
        openDepPort(port);
        start.get(1, TimeUnit.MINUTES);
        assertThat(launched("app")).isTrue();
    }

    @Test
    void aDependencyThatDiesFailsTheStartWithItsExitCodeAndStopsTheLaunchedDependent() throws Exception {
        StackSession s = session(TestStacks.freePort(), "dep:launched", "sleep 1; echo out of luck; exit 4");
        assertThatThrownBy(() -> s.manager().start("app", options()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("dep exited during start with exit code 4")
                .hasMessageContaining("out of luck")
                .hasMessageContaining("Stopped what this start had launched: app");
        assertThat(s.backend().inspect(s.catalog().get("app")).state().alive()).isFalse();
    }
}
