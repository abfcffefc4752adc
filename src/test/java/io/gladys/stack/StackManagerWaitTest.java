package io.gladys.stack;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.Environment;
import io.gladys.testing.InMemoryBackend;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.grpc.GrpcChannels;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthTimeouts;
import io.gladys.report.StatusReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StackManager's one wait loop with an in-memory backend: what an environment says about a service decides. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StackManagerWaitTest {

    private static final ServiceDefinition SVC = ServiceDefinition.builder("svc").health(HealthKind.NONE).build();

    private static StackManager manager(StackBackend backend) {
        return manager(backend, ReadinessHook.NONE);
    }

    private static StackManager manager(StackBackend backend, ReadinessHook hook) {
        Catalog c = Catalog.of(List.of(SVC));
        return StackManager.builder(c, Backends.single(backend))
                .health(new HealthChecker(new GrpcChannels(), HealthTimeouts.DEFAULT, null))
                .addresses(new StackAddresses(c, "docker", s -> "localhost", s -> null, null))
                .readinessHook(hook).build();
    }

    private static InMemoryBackend scripted(java.util.function.IntFunction<ServiceStatus> script) {
        return new InMemoryBackend(Environment.DOCKER, "container").script(SVC.name(), script);
    }

    private static StartOptions patient() {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMinutes(5))
                .overallTimeout(Duration.ofMinutes(5)).minUptime(Duration.ZERO).keepRunning(false).build();
    }

    private static ServiceStatus running(String notReady) {
        return InMemoryBackend.running(SVC, notReady);
    }

    @Test
    void anUnhealthyVerdictOfTheEnvironmentEndsTheWaitAtOnceAndStopsTheService() {
        InMemoryBackend b = scripted(n -> n < 2 ? running("not yet")
                : new ServiceStatus(SVC, ServiceState.UNHEALTHY, "abc123def456", null, Instant.now(), null,
                "its container's health check fails: boom", null, Map.of(), null));
        // a five-minute timeout: only the verdict ends this start early
        assertThatThrownBy(() -> manager(b).start("svc", patient()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("svc turned unhealthy during start")
                .hasMessageContaining("health check fails: boom")
                .hasMessageContaining("| line two")
                .hasMessageContaining("Stopped what this start had launched: svc");
        assertThat(b.events("stop")).containsExactly("svc");
    }

    @Test
    void aServiceTheEnvironmentDoesNotCountAsReadyIsWaitedFor() {
        InMemoryBackend b = scripted(n -> running(n < 5 ? "its own check has not passed yet" : null));
        List<StackManager.Started> started = manager(b).start("svc", patient());
        assertThat(started).singleElement().extracting(StackManager.Started::outcome)
                .isEqualTo(StackManager.StartOutcome.STARTED);
        assertThat(b.inspectsSinceLaunch("svc")).isGreaterThan(5);
    }

    /** A minimum uptime far longer than the first look at a service takes. */
    private static StartOptions minUptime(Duration d) {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMinutes(5))
                .overallTimeout(Duration.ofMinutes(5)).minUptime(d).keepRunning(false).build();
    }

    @Test
    void theReadinessWorkRunsAtTheFirstAnswerWithinTheMinimumUptimeAndTheServiceIsLookedAtAgainAfterIt() {
        InMemoryBackend b = scripted(n -> running(null));
        List<Integer> inspectsAtWork = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<StackManager.Started> started = manager(b, (s, launchedNow) -> inspectsAtWork.add(
                b.inspectsSinceLaunch(s.name()))).start("svc", minUptime(Duration.ofSeconds(2)));
        assertThat(started).singleElement().extracting(StackManager.Started::outcome)
                .isEqualTo(StackManager.StartOutcome.STARTED);
        // at the first look that found it answering, not once the two seconds were up (some 13 looks later)
        assertThat(inspectsAtWork).as("once, at the first look").containsExactly(1);
        assertThat(b.inspectsSinceLaunch("svc")).as("looked at again after the work").isGreaterThan(1);
    }

    @Test
    void aServiceThatDiesDuringItsReadinessWorkFailsTheStartWithItsExit() {
        java.util.concurrent.atomic.AtomicBoolean worked = new java.util.concurrent.atomic.AtomicBoolean();
        InMemoryBackend b = scripted(n -> worked.get()
                ? new ServiceStatus(SVC, ServiceState.CRASHED, "abc123def456", null, Instant.now(), 3, null, null)
                : running(null));
        assertThatThrownBy(() -> manager(b, (s, launchedNow) -> worked.set(true))
                .start("svc", minUptime(Duration.ofSeconds(2))))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("svc exited during start with exit code 3");
        assertThat(worked).isTrue();
    }

    @Test
    void aServiceAlreadyRunningGetsItsReadinessWorkOnceItIsHealthy() {
        InMemoryBackend b = scripted(n -> running(null));
        StackManager m = manager(b);
        m.start("svc", patient());
        List<Boolean> launchedNow = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<StackManager.Started> again = manager(b, (s, now) -> launchedNow.add(now))
                .start("svc", minUptime(Duration.ofSeconds(2)));
        assertThat(again).singleElement().extracting(StackManager.Started::outcome)
                .isEqualTo(StackManager.StartOutcome.ALREADY_RUNNING);
        assertThat(launchedNow).containsExactly(false);
    }

    @Test
    void theWaitTimesOutNamingWhatTheEnvironmentWaitsFor() {
        InMemoryBackend b = scripted(n -> running("its container's health check has not passed yet"));
        StartOptions quick = StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofMillis(600))
                .overallTimeout(Duration.ofMinutes(1)).minUptime(Duration.ZERO).keepRunning(false).build();
        assertThatThrownBy(() -> manager(b).start("svc", quick))
                .hasMessageContaining("did not become healthy")
                .hasMessageContaining("health check has not passed yet");
    }

    @Test
    void messagesAndReportsNameTheEnvironmentsIdAndItsFacts() {
        InMemoryBackend b = scripted(n -> running(null));
        StackManager m = manager(b);
        m.start("svc", patient());
        List<ServiceStatus> st = m.status("svc");
        List<String> text = new StatusReport(st, "docker", Path.of("."), "container").text();
        assertThat(text.get(0)).contains("CONTAINER").contains("HEALTH").doesNotContain("PID");
        assertThat(text.get(1)).contains("abc123def456").contains("healthy");
        assertThat(new StatusReport(st, "docker", Path.of("."), "container").json())
                .contains("\"container\": \"abc123def456\"");
    }

    @Test
    void theLocalReportKeepsItsPidColumnAndNumber() {
        ServiceStatus local = new ServiceStatus(SVC, ServiceState.RUNNING, "4242", 1, Instant.now(), null, null, null);
        StatusReport r = new StatusReport(List.of(local), "local", Path.of("."));
        assertThat(r.text().get(0).split("\\s+")).containsExactly("SERVICE", "STATE", "PID", "PORT", "UPTIME", "EXIT",
                "LOG");
        assertThat(r.json()).contains("\"pid\": 4242");
    }
}
