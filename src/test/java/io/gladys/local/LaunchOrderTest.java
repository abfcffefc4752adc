package io.gladys.local;

import io.gladys.catalog.Dependency;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.StackException;
import io.gladys.stack.StackManager;
import io.gladys.session.StackSession;
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
    private int depPortNumber;
    private CompletableFuture<List<StackManager.Started>> pendingStart;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (pendingStart != null && !pendingStart.isDone()) {
                // a start still waiting for dep holds the stack's lock: let dep turn healthy so it ends
                if (depPort == null) {
                    openDepPort(depPortNumber);
                }
                try {
                    pendingStart.get(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the test has failed already; what it launched is stopped below
                }
            }
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
        return session(port, depScript, dependent("app", edge));
    }

    private static ServiceDefinition dependent(String name, String edge) {
        return ServiceDefinition.builder(name).command(List.of("sh", "-c", "sleep 600"))
                .health(HealthKind.NONE).dependsOn(List.of(Dependency.parse(edge))).build();
    }

    private StackSession session(int port, String depScript, ServiceDefinition... dependents) {
        ServiceDefinition dep = ServiceDefinition.builder("dep").command(List.of("sh", "-c", depScript))
                .localPort(port).health(HealthKind.TCP).build();
        List<ServiceDefinition> services = new java.util.ArrayList<>(List.of(dep));
        services.addAll(List.of(dependents));
        depPortNumber = port;
        session = StackSession.open(TestStacks.config(dir.resolve("state"), dir, services, false,
                TestStacks.embeddedDatabase(), TestStacks.printing()));
        return session;
    }

    private static StartOptions options() {
        return options(Duration.ofMillis(500));
    }

    private static StartOptions options(Duration minUptime) {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMinutes(2))
                .overallTimeout(Duration.ofMinutes(2)).minUptime(minUptime).keepRunning(false).build();
    }

    /** Starts in the background; the clean-up lets a start still waiting end before it stops the stack. */
    private CompletableFuture<List<StackManager.Started>> startInBackground(StackSession s, String names) {
        pendingStart = CompletableFuture.supplyAsync(() -> s.manager().start(names, options()));
        return pendingStart;
    }

    private boolean launched(String service) {
        return ((LocalBackend) session.backend()).state().record(service).isPresent();
    }

    /** When the service's runner started (its run record, written as it starts). */
    private long launchedAt(String service) {
        return ((LocalBackend) session.backend()).state().record(service).orElseThrow().launchedAt();
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
        CompletableFuture<List<StackManager.Started>> start = startInBackground(s, "app");
        // app is launched while dep's port is still closed: dep is not healthy yet
        awaitLaunched("app");
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
    void aStartedDependentWaitsForItsDependencysMinimumUptime() {
        // dep ends after 1 s, before the 3 s minimum uptime: it never counts as started, so app is never launched
        StackSession s = session(TestStacks.freePort(), "dep:started", "sleep 1; echo out of luck; exit 4");
        assertThatThrownBy(() -> s.manager().start("app", options(Duration.ofSeconds(3))))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("dep exited during start with exit code 4")
                .hasMessageNotContaining("Stopped what this start had launched: app");
        assertThat(launched("app")).isFalse();
    }

    @Test
    void aHealthyDependentWaitsUntilItsDependencyIsHealthy() throws Exception {
        int port = TestStacks.freePort();
        // witness is released once dep is started (up for the minimum uptime): from then on only dep's
        // health holds app back
        StackSession s = session(port, "sleep 600", dependent("app", "dep"), dependent("witness", "dep:started"));
        CompletableFuture<List<StackManager.Started>> start = startInBackground(s, "all");
        awaitLaunched("witness");
        long beforeHealthy = System.currentTimeMillis();
        openDepPort(port);
        start.get(1, TimeUnit.MINUTES);
        assertThat(launchedAt("app")).as("app was launched before dep's port opened")
                .isGreaterThanOrEqualTo(beforeHealthy);
    }

    @Test
    void aDependencyThatDiesFailsTheStartWithItsExitCodeAndStopsTheLaunchedDependent() throws Exception {
        // the same dep and minimum uptime as for the started edge above: a launched edge launches app
        StackSession s = session(TestStacks.freePort(), "dep:launched", "sleep 1; echo out of luck; exit 4");
        assertThatThrownBy(() -> s.manager().start("app", options(Duration.ofSeconds(3))))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("dep exited during start with exit code 4")
                .hasMessageContaining("out of luck")
                .hasMessageContaining("Stopped what this start had launched: app");
        assertThat(s.backend().inspect(s.catalog().get("app")).state().alive()).isFalse();
    }
}
