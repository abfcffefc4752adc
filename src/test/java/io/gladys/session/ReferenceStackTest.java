package io.gladys.session;

import io.gladys.stack.StartOptions;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.ServiceState;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.local.LocalBackend;
import io.gladys.local.process.ProcessTable;
import io.gladys.local.PortOwner;
import io.gladys.grpc.EventPublisher;
import io.gladys.proto.v1.EventAck;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole reference stack as real processes: start, health, events through the orchestrator, stop.
 * Each test stands on its own; the order only keeps the stop test last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceStackTest {

    @TempDir
    static Path dir;
    static StackSession session;

    @BeforeAll
    static void start() {
        session = StackSession.open(TestStacks.config(dir.resolve("state"), dir, TestStacks.referenceOnFreePorts(),
                true, TestStacks.embeddedDatabase(), TestStacks.printing()));
        session.manager().start("all", StartOptions.DEFAULT);
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            try {
                session.manager().stop("all", Duration.ofSeconds(10));
            } finally {
                session.close();
                ItChecks.killLeftovers(dir.resolve("state")); // what a failed stop left behind
            }
        }
    }

    /** Publishes one event through the orchestrator, as a GLADyS sensor would. */
    private static EventAck publish(String text) {
        var orchestrator = session.catalog().get("orchestrator");
        ManagedChannel ch = NettyChannelBuilder.forAddress("localhost", session.addresses().port(orchestrator))
                .usePlaintext().build();
        try {
            return OrchestratorServiceGrpc.newBlockingStub(ch).publishEvent(PublishEventRequest.newBuilder()
                    .setEvent(EventPublisher.event("test", text, "")).build()).getAck();
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyWithItsDetails() {
        Map<io.gladys.catalog.ServiceDefinition, HealthResult> health = session.manager().health("all");
        assertThat(health).hasSize(5);
        health.forEach((s, r) -> assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));
        assertThat(detailsOf(health, "memory-python")).containsKeys("db_status", "table_counts", "connection_pool");
        assertThat(detailsOf(health, "memory-rust")).containsKeys("cache_size", "cache_capacity", "hit_rate",
                "backend_status");
        assertThat(detailsOf(health, "orchestrator")).containsKeys("events_processed", "error_count",
                "dependency_status");
        assertThat(detailsOf(health, "executive-stub")).containsKeys("memory_status", "llm_configured", "llm_status");
    }

    @Test
    @Order(1)
    void theAgentProbesTheDatabaseOnOneConnectionItKeeps() throws Exception {
        var db = session.catalog().get("db");
        assertThat(session.manager().health("db").get(db).state()).isEqualTo(HealthState.HEALTHY);
        List<Long> kept = agentConnections();
        assertThat(kept).as("the agent's connections after a probe").hasSize(1);
        try (var c = session.database().connect(); var rs = c.createStatement().executeQuery(
                "SELECT datname FROM pg_stat_activity WHERE pid = " + kept.get(0))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("held on the maintenance database, not on the stack's").isEqualTo("postgres");
        }
        assertThat(session.manager().health("db").get(db).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(agentConnections()).as("no new login per probe").isEqualTo(kept);
        // a connection the server dropped is replaced by the next probe, which tells the truth
        try (var c = session.database().connect(); var st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + kept.get(0) + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agentConnections().contains(kept.get(0)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(session.manager().health("db").get(db).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(agentConnections()).hasSize(1).doesNotContain(kept.get(0));
    }

    /** The backends of the agent's kept connection (it names itself in pg_stat_activity). */
    private static List<Long> agentConnections() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var c = session.database().connect(); var rs = c.createStatement().executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'gladys-stack-agent' ORDER BY pid")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        return pids;
    }

    @Test
    @Order(2)
    void eventsGoThroughTheGatewayIntoMemoryAndFillTheCache() {
        var cache = session.cache("memory-rust", Duration.ofSeconds(3));
        long hitsBefore = cache.stats().getTotalHits();
        EventAck first = publish("good morning greeting to everyone");
        EventAck second = publish("a good morning greeting again");
        assertThat(first.getAccepted()).as(first.getErrorMessage()).isTrue();
        assertThat(second.getMatchedHeuristicId()).isEqualTo(first.getMatchedHeuristicId()).isNotEmpty();
        // the second came from the cache the first filled
        assertThat(cache.stats().getTotalHits()).isEqualTo(hitsBefore + 1);
        assertThat(cache.stats().getCurrentSize()).isGreaterThanOrEqualTo(1);
        assertThat(cache.list(0)).extracting(e -> e.getName()).contains("Morning greeting pattern");
    }

    @Test
    @Order(3)
    void statusShowsEveryServiceRunningWithPidAndPort() {
        List<ServiceStatus> st = session.manager().status("all");
        assertThat(st).allSatisfy(s -> {
            assertThat(s.state()).as(s.service().name() + " " + s.detail()).isEqualTo(ServiceState.RUNNING);
            assertThat(s.id()).isNotNull();
            assertThat(ProcessHandle.of(Long.parseLong(s.id()))).isPresent();
            assertThat(PortOwner.inUse(s.port())).isTrue();
        });
    }

    @Test
    @Order(3)
    void aStartOfAMigratedStackLoadsNeitherFlywayNorTheDriver() throws Exception {
        Path record = dir.resolve("state").resolve("migrations").resolve("local.record");
        assertThat(record).as("written by the start that migrated the database").exists();
        List<String> skipped = goalLoading("--start");
        assertThat(skipped).contains("started");
        // (the exception types Migrations names are loaded with it; Flyway itself never is)
        assertThat(skipped).filteredOn(l -> l.contains("[class,load]") && (l.contains(" org.flywaydb.core.Flyway ")
                || l.contains(" org.postgresql."))).as("Flyway and pgjdbc classes").isEmpty();
        assertThat(skipped).filteredOn(l -> l.contains("[class,load] org.flywaydb.")).hasSizeLessThan(10);
        assertThat(skipped).filteredOn(l -> l.startsWith("health ")).hasSize(5).allMatch(l -> l.endsWith(" HEALTHY"));
        // without the record, the same start asks Flyway (which finds nothing to apply) and records again
        Files.delete(record);
        List<String> asked = goalLoading("--start");
        assertThat(asked).anyMatch(l -> l.contains("[class,load] org.flywaydb.core.Flyway "));
        assertThat(asked).filteredOn(l -> l.contains("[class,load] org.flywaydb.")).hasSizeGreaterThan(100);
        assertThat(record).exists();
    }

    /** A goal in a JVM of its own, run with -verbose:class: what it printed and loaded; it must succeed. */
    private static List<String> goalLoading(String... first) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"),
                io.gladys.testing.GoalInAnotherJvm.class.getName()));
        cmd.addAll(List.of(first));
        cmd.addAll(List.of(dir.resolve("state").toString(), dir.toString()));
        session.catalog().services().forEach(s -> cmd.add(s.name() + "=" + session.addresses().port(s)));
        Process goal = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new String(goal.getInputStream().readAllBytes()).lines().toList();
        assertThat(goal.waitFor()).as(String.join("\n", out.stream().filter(l -> !l.startsWith("[")).toList()))
                .isZero();
        return out;
    }

    @Test
    @Order(4)
    void resetCleansTheTargetWithTheDatabaseUpAndStartsEverythingAgain() throws Exception {
        // its own event, so that this test does not lean on another's
        assertThat(publish("reset test: good morning greeting").getAccepted()).isTrue();
        assertThat(count("episodic_events")).isGreaterThan(0);
        long memoryPid = Long.parseLong(session.manager().status("memory-python").get(0).id());
        // an unknown target is refused before anything is stopped
        assertThatThrownBy(() -> session.reset("nosuch", false, StartOptions.DEFAULT, Duration.ofSeconds(10)))
                .hasMessageContaining("nosuch");
        assertThat(session.manager().status("memory-python").get(0).id()).isEqualTo(String.valueOf(memoryPid));

        session.reset("events", false, StartOptions.DEFAULT, Duration.ofSeconds(10));
        assertThat(count("episodic_events")).isZero();
        assertThat(count("heuristic_fires")).isZero();
        assertThat(count("heuristics")).isEqualTo(6);
        assertThat(session.manager().status("all")).allSatisfy(st ->
                assertThat(st.state()).as(st.service().name()).isEqualTo(ServiceState.RUNNING));
        assertThat(session.manager().status("memory-python").get(0).id()).isNotEqualTo(String.valueOf(memoryPid));
    }

    private static long count(String table) throws Exception {
        try (var c = session.database().connect(); var rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(4)
    void aGoalTheAgentAnswersLoadsNoGrpcNettyOrDatabaseDriver() throws Exception {
        List<String> out = goalLoading();
        assertThat(out).filteredOn(l -> l.startsWith("health ")).hasSize(5).allMatch(l -> l.endsWith(" HEALTHY"));
        assertThat(out).filteredOn(l -> l.startsWith("status ")).hasSize(5).allMatch(l -> l.endsWith(" RUNNING"));
        assertThat(out).anyMatch(l -> l.startsWith("cache entries "));
        assertThat(out).filteredOn(l -> l.contains("[class,load]")).as("classes the goal loaded").hasSizeGreaterThan(1000);
        assertThat(out).filteredOn(l -> l.contains("[class,load]") && (l.contains(" io.grpc.") || l.contains(" io.netty.")
                || l.contains(".netty.") || l.contains(" org.postgresql."))).as("gRPC, Netty and pgjdbc classes").isEmpty();
        // and the same goal without the agent loads them: the check above sees what it looks for
        ProcessHandle agent = ItChecks.agent(dir.resolve("state")).orElseThrow();
        agent.destroyForcibly();
        agent.onExit().get(30, TimeUnit.SECONDS);
        List<String> directOut = goalLoading();
        assertThat(directOut).anyMatch(l -> l.contains("[class,load] io.grpc."));
        assertThat(directOut).filteredOn(l -> l.startsWith("health ")).allMatch(l -> l.endsWith(" HEALTHY"));
        // a start puts the stack under a new agent again, restarting nothing
        session.manager().start("all", StartOptions.DEFAULT);
        assertThat(ItChecks.agent(dir.resolve("state"))).isPresent();
    }

    @Test
    @Order(5)
    void stopLeavesNoProcessAndNoPortBehind() {
        LocalBackend local = (LocalBackend) session.backend();
        List<Long> groups = session.catalog().services().stream()
                .map(s -> local.state().record(s.name()).orElseThrow().childPid()).toList();
        List<Integer> ports = session.catalog().services().stream().map(s -> session.addresses().port(s)).toList();
        session.manager().stop("all", Duration.ofSeconds(10));
        for (long group : groups) {
            assertThat(ProcessTable.groupMembers(group)).as("group " + group).isEmpty();
        }
        for (int port : ports) {
            assertThat(PortOwner.inUse(port)).as("port " + port).isFalse();
        }
        assertThat(session.manager().status("all")).allSatisfy(st ->
                assertThat(st.state()).isEqualTo(ServiceState.STOPPED));
    }

    private static Map<String, String> detailsOf(Map<io.gladys.catalog.ServiceDefinition, HealthResult> health,
                                                 String name) {
        return health.get(session.catalog().get(name)).details();
    }
}
