package io.gladys.stack;

import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.local.LocalBackend;
import io.gladys.local.ProcessTable;
import io.gladys.local.PortOwner;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.proto.v1.PublishEventResponse;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole reference stack as real processes: start, health, events through the orchestrator, stop. */
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
            session.manager().stop("all", Duration.ofSeconds(10));
            session.close();
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
    @Order(2)
    void eventsGoThroughTheGatewayIntoMemoryAndFillTheCache() {
        var orchestrator = session.catalog().get("orchestrator");
        ManagedChannel ch = NettyChannelBuilder.forAddress("localhost", session.addresses().port(orchestrator))
                .usePlaintext().build();
        try {
            var stub = OrchestratorServiceGrpc.newBlockingStub(ch);
            PublishEventResponse first = stub.publishEvent(PublishEventRequest.newBuilder()
                    .setEvent(Event.newBuilder().setSource("test").setRawText("good morning greeting to everyone")).build());
            PublishEventResponse second = stub.publishEvent(PublishEventRequest.newBuilder()
                    .setEvent(Event.newBuilder().setSource("test").setRawText("a good morning greeting again")).build());
            assertThat(first.getAccepted()).as(first.getError()).isTrue();
            assertThat(first.getFromCache()).isFalse();
            assertThat(second.getFromCache()).isTrue();
            assertThat(second.getMatchedHeuristicId()).isEqualTo(first.getMatchedHeuristicId()).isNotEmpty();
        } finally {
            ch.shutdownNow();
        }
        var cache = session.cache("memory-rust", Duration.ofSeconds(3));
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
    @Order(4)
    void resetCleansTheTargetWithTheDatabaseUpAndStartsEverythingAgain() throws Exception {
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
    @Order(5)
    void stopLeavesNoProcessAndNoPortBehind() {
        LocalBackend local = (LocalBackend) session.backend();
        List<Long> groups = session.catalog().services().stream()
                .map(s -> local.state().record(s.name()).orElseThrow().runnerPid()).toList();
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
