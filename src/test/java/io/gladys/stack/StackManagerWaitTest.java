package io.gladys.stack;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.Environment;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StackManager's one wait loop with an in-memory backend: what an environment says about a service decides. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StackManagerWaitTest {

    private static final ServiceDefinition SVC = ServiceDefinition.builder("svc").health(HealthKind.NONE).build();

    /** A backend whose inspect answers from a script, by how often it was asked since the launch. */
    private static final class ScriptedBackend implements StackBackend {
        final AtomicInteger inspectsSinceLaunch = new AtomicInteger(-1);
        final IntFunction<ServiceStatus> script;
        final List<String> stopped = new ArrayList<>();

        ScriptedBackend(IntFunction<ServiceStatus> script) {
            this.script = script;
        }

        @Override
        public Environment environment() {
            return Environment.DOCKER;
        }

        @Override
        public String idName() {
            return "container";
        }

        @Override
        public ServiceStatus inspect(ServiceDefinition s) {
            int n = inspectsSinceLaunch.get();
            if (n < 0) {
                return new ServiceStatus(s, ServiceState.STOPPED, null, null, null, null, null, null);
            }
            return script.apply(inspectsSinceLaunch.getAndIncrement());
        }

        @Override
        public void launch(ServiceDefinition s, Map<String, String> environment) {
            inspectsSinceLaunch.set(0);
        }

        @Override
        public void confirmStarted(ServiceDefinition s) {
        }

        @Override
        public StopResult stop(ServiceDefinition s, Duration timeout) {
            stopped.add(s.name());
            inspectsSinceLaunch.set(-1);
            return new StopResult(true, false, 0, Duration.ZERO, null);
        }

        @Override
        public List<String> lastLogLines(ServiceDefinition s, int lines) {
            return List.of("line one", "line two");
        }

        @Override
        public void logs(List<ServiceDefinition> services, int tail, boolean follow, long until,
                         BiConsumer<String, String> sink) {
        }

        @Override
        public StackLock lock() {
            return () -> { };
        }

        @Override
        public Optional<StackLock> tryLock() {
            return Optional.of(lock());
        }
    }

    private static StackManager manager(StackBackend backend) {
        Catalog c = Catalog.of(List.of(SVC));
        return new StackManager(c, backend, new HealthChecker(new GrpcChannels(), HealthTimeouts.DEFAULT, null),
                new StackAddresses(c, Environment.DOCKER, "localhost", null), Console.SILENT, ReadinessHook.NONE);
    }

    private static StartOptions patient() {
        return new StartOptions(true, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO, false);
    }

    private static ServiceStatus running(String notReady) {
        return new ServiceStatus(SVC, ServiceState.RUNNING, "abc123def456", null, Instant.now(), null, null, null,
                Map.of("health", notReady == null ? "healthy" : "starting"), notReady);
    }

    @Test
    void anUnhealthyVerdictOfTheEnvironmentEndsTheWaitAtOnceAndStopsTheService() {
        ScriptedBackend b = new ScriptedBackend(n -> n < 2 ? running("not yet")
                : new ServiceStatus(SVC, ServiceState.UNHEALTHY, "abc123def456", null, Instant.now(), null,
                "its container's health check fails: boom", null, Map.of(), null));
        // a five-minute timeout: only the verdict ends this start early
        assertThatThrownBy(() -> manager(b).start("svc", patient()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("svc turned unhealthy during start")
                .hasMessageContaining("health check fails: boom")
                .hasMessageContaining("| line two")
                .hasMessageContaining("Stopped what this start had launched: svc");
        assertThat(b.stopped).containsExactly("svc");
    }

    @Test
    void aServiceTheEnvironmentDoesNotCountAsReadyIsWaitedFor() {
        ScriptedBackend b = new ScriptedBackend(n -> running(n < 5 ? "its own check has not passed yet" : null));
        List<StackManager.Started> started = manager(b).start("svc", patient());
        assertThat(started).singleElement().extracting(StackManager.Started::outcome)
                .isEqualTo(StackManager.StartOutcome.STARTED);
        assertThat(b.inspectsSinceLaunch.get()).isGreaterThan(5);
    }

    @Test
    void theWaitTimesOutNamingWhatTheEnvironmentWaitsFor() {
        ScriptedBackend b = new ScriptedBackend(n -> running("its container's health check has not passed yet"));
        StartOptions quick = new StartOptions(true, Duration.ofMillis(600), Duration.ofMinutes(1), Duration.ZERO,
                false);
        assertThatThrownBy(() -> manager(b).start("svc", quick))
                .hasMessageContaining("did not become healthy")
                .hasMessageContaining("health check has not passed yet");
    }

    @Test
    void messagesAndReportsNameTheEnvironmentsIdAndItsFacts() {
        ScriptedBackend b = new ScriptedBackend(n -> running(null));
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
