package io.gladys.stack;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.grpc.GrpcChannels;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthTimeouts;
import io.gladys.testing.InMemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order, rollback and locking that every environment shares, on in-memory backends: a stack of
 * db &lt;- memory &lt;- gateway, and an independent executive.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StackManagerTest {

    private static final List<ServiceDefinition> SERVICES = List.of(
            service("db"),
            service("memory", "db"),
            service("gateway", "memory"),
            service("executive"));
    private static final Catalog CATALOG = Catalog.of(SERVICES);

    private static ServiceDefinition service(String name, String... dependsOn) {
        return ServiceDefinition.builder(name).health(HealthKind.NONE)
                .dependsOn(List.of(dependsOn).stream().map(Dependency::parse).toList()).build();
    }

    private static StartOptions options() {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofSeconds(30))
                .overallTimeout(Duration.ofSeconds(30)).minUptime(Duration.ZERO).keepRunning(false).build();
    }

    private static StackManager manager(Backends backends, List<String> log) {
        return StackManager.builder(CATALOG, backends)
                .health(new HealthChecker(new GrpcChannels(), HealthTimeouts.DEFAULT, null))
                .addresses(new StackAddresses(CATALOG, "local", s -> "localhost", s -> null, null))
                .console(new Console() {
                    @Override
                    public void info(String line) {
                        log.add(line);
                    }

                    @Override
                    public void warn(String line) {
                        log.add("WARN " + line);
                    }

                    @Override
                    public void data(String text) {
                        log.add(text);
                    }
                }).build();
    }

    /** Services by name to backends, the first backend's lock being the stack's. */
    private static Backends split(StackBackend first, StackBackend second, List<String> onSecond) {
        return new Backends() {
            @Override
            public StackBackend of(ServiceDefinition s) {
                return onSecond.contains(s.name()) ? second : first;
            }

            @Override
            public StackLock lock() {
                return first.lock();
            }

            @Override
            public Optional<StackLock> tryLock() {
                return first.tryLock();
            }
        };
    }

    @Test
    void aServiceIsLaunchedOnlyOnceWhatItDependsOnIsReadyAndStoppedBeforeIt() {
        InMemoryBackend b = new InMemoryBackend(Environment.LOCAL, "pid");
        List<String> log = new ArrayList<>();
        StackManager m = manager(Backends.single(b), log);

        List<StackManager.Started> started = m.start("gateway", options());
        assertThat(started).extracting(s -> s.service().name()).containsExactly("db", "memory", "gateway");
        List<String> launches = b.events("launch");
        assertThat(launches.indexOf("db")).isLessThan(launches.indexOf("memory"));
        assertThat(launches.indexOf("memory")).isLessThan(launches.indexOf("gateway"));
        assertThat(launches).doesNotContain("executive");
        assertThat(b.events("checkLaunchable")).containsExactly("db,memory,gateway");
        assertThat(b.events("confirm")).containsExactlyInAnyOrder("db", "memory", "gateway");

        m.stop("all", Duration.ofSeconds(1));
        assertThat(b.events("stop")).containsExactly("gateway", "memory", "db");
        assertThat(b.events("afterStop")).as("once, in stop order").containsExactly("executive,gateway,memory,db");
        assertThat(log).contains("executive is not running.");
    }

    @Test
    void aFailedLaunchStopsWhatTheStartLaunchedDependentsFirstAndLaunchesNothingAfterIt() {
        InMemoryBackend b = new InMemoryBackend(Environment.LOCAL, "pid").failLaunch("gateway", "no gateway binary");
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> manager(Backends.single(b), log).start("gateway", options()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("no gateway binary")
                .hasMessageContaining("Stopped what this start had launched: memory, db.");
        assertThat(b.events("stop")).containsExactly("memory", "db");
        assertThat(b.events("confirm")).as("nothing counts as started").isEmpty();
    }

    @Test
    void keepRunningLeavesWhatTheFailedStartLaunched() {
        InMemoryBackend b = new InMemoryBackend(Environment.LOCAL, "pid").failLaunch("gateway", "boom");
        StartOptions keep = StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofSeconds(30))
                .overallTimeout(Duration.ofSeconds(30)).minUptime(Duration.ZERO).keepRunning(true).build();
        assertThatThrownBy(() -> manager(Backends.single(b), new ArrayList<>()).start("gateway", keep))
                .hasMessageContaining("Left running for inspection (gladys.keepRunning): memory, db.");
        assertThat(b.events("stop")).isEmpty();
    }

    @Test
    void oneStackOverTwoBackendsRunsEachServiceThroughItsOwnInOneOrder() throws Exception {
        InMemoryBackend local = new InMemoryBackend(Environment.LOCAL, "pid");
        InMemoryBackend docker = new InMemoryBackend(Environment.DOCKER, "container");
        List<String> log = new ArrayList<>();
        StackManager m = manager(split(local, docker, List.of("db", "gateway")), log);

        m.start("all", options());
        assertThat(docker.events("launch")).containsExactlyInAnyOrder("db", "gateway");
        assertThat(local.events("launch")).containsExactlyInAnyOrder("memory", "executive");
        // each backend checks its own services before anything is launched
        assertThat(docker.events().get(0)).isEqualTo("checkLaunchable db,gateway");
        assertThat(local.events().get(0)).isEqualTo("checkLaunchable memory,executive");
        assertThat(log).anyMatch(l -> l.startsWith("Starting gateway"));

        List<String> lines = new ArrayList<>();
        m.logs("all", 1, false, Duration.ZERO, (name, line) -> lines.add(name + "|" + line));
        assertThat(lines).contains("db|line one", "memory|line one", "gateway|line one", "executive|line one");

        m.stop("all", Duration.ofSeconds(1));
        assertThat(docker.events("stop")).containsExactly("gateway", "db");
        assertThat(local.events("stop")).containsExactlyInAnyOrder("executive", "memory");
        assertThat(docker.events("afterStop")).containsExactly("gateway,db");
        assertThat(local.events("afterStop")).containsExactly("executive,memory");
        assertThat(log).anyMatch(l -> l.matches("Stopped gateway \\(container mem-gateway\\) in \\d+ ms\\."))
                .anyMatch(l -> l.matches("Stopped memory \\(pid mem-memory\\) in \\d+ ms\\."));
    }

    @Test
    void statusCleansUpAStartThatDidNotFinishOnlyWhenNoOtherGoalHoldsTheLock() {
        ServiceDefinition db = SERVICES.get(0);
        InMemoryBackend b = new InMemoryBackend(Environment.LOCAL, "pid")
                .script("db", n -> new ServiceStatus(db, ServiceState.STARTING, "4711", null, java.time.Instant.now(),
                        null, "launched by a start that has not confirmed it", null));
        b.launch(db, Map.of()); // a start launched it and died before confirming it
        List<String> log = new ArrayList<>();
        StackManager m = manager(Backends.single(b), log);
        try (StackLock held = b.lock()) {
            // another goal is at work on the stack: status answers without waiting, and leaves the service alone
            assertThat(m.status("db")).singleElement().extracting(ServiceStatus::state)
                    .isEqualTo(ServiceState.STARTING);
            assertThat(b.events("stop")).isEmpty();
        }
        assertThat(m.status("db")).singleElement().extracting(ServiceStatus::state).isEqualTo(ServiceState.STOPPED);
        assertThat(b.events("stop")).containsExactly("db");
        assertThat(log).contains("WARN db was launched by a start that did not finish (pid 4711); stopping it.");
    }
}
