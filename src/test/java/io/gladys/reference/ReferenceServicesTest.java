package io.gladys.reference;

import com.google.protobuf.util.Timestamps;
import io.gladys.grpc.EventPublisher;
import io.gladys.proto.memory.DeleteHeuristicRequest;
import io.gladys.proto.memory.EvaluateSalienceRequest;
import io.gladys.proto.memory.EvaluateSalienceResponse;
import io.gladys.proto.memory.EvictFromCacheRequest;
import io.gladys.proto.memory.FlushCacheRequest;
import io.gladys.proto.memory.GetCacheStatsRequest;
import io.gladys.proto.memory.GetEventRequest;
import io.gladys.proto.memory.GetHeuristicRequest;
import io.gladys.proto.memory.Heuristic;
import io.gladys.proto.memory.ListCachedHeuristicsRequest;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.memory.StoreHeuristicRequest;
import io.gladys.proto.memory.StoreHeuristicResponse;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.proto.v1.EventAck;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.memory.MemoryServer;
import io.gladys.testing.InJvmStack;
import io.gladys.testing.TestStacks;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference services in this JVM, talking real gRPC on loopback, on a real PostgreSQL (the
 * embedded one, run as a process with the bundled migrations applied).
 */
class ReferenceServicesTest {

    @TempDir
    static Path dir;
    static InJvmStack stack;
    static Map<String, String> env;
    static MemoryStorageGrpc.MemoryStorageBlockingStub memory;
    static SalienceGatewayGrpc.SalienceGatewayBlockingStub gateway;
    static OrchestratorServiceGrpc.OrchestratorServiceBlockingStub orchestrator;

    @BeforeAll
    static void startServices() throws Exception {
        stack = new InJvmStack(dir, Map.of("CACHE_CAPACITY", "3"));
        env = stack.env();
        memory = MemoryStorageGrpc.newBlockingStub(stack.channel(stack.memoryPort));
        gateway = SalienceGatewayGrpc.newBlockingStub(stack.channel(stack.gatewayPort));
        orchestrator = OrchestratorServiceGrpc.newBlockingStub(stack.channel(stack.orchestratorPort));
    }

    private static ManagedChannel channel(int port) {
        return stack.channel(port);
    }

    @AfterAll
    static void stopAll() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void emptyCache() {
        gateway.flushCache(FlushCacheRequest.getDefaultInstance());
    }

    /** Waits for the event; the test's timeout, not a guess of how fast a loaded machine is, ends a hang. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(100);
        }
    }

    private static EvaluateSalienceResponse evaluate(String text) {
        return gateway.evaluateSalience(EvaluateSalienceRequest.newBuilder().setRawText(text).build());
    }

    private static String store(String id, String name, String condition, float confidence) {
        StoreHeuristicResponse r = memory.storeHeuristic(StoreHeuristicRequest.newBuilder().setHeuristic(
                Heuristic.newBuilder().setId(id).setName(name).setConditionText(condition).setConfidence(confidence)
                        .setSource("test")).build());
        assertThat(r.getSuccess()).as(r.getError()).isTrue();
        return r.getHeuristicId();
    }

    @Test
    void everyEvaluationCountsOneHitOrOneMiss() {
        var before = gateway.getCacheStats(GetCacheStatsRequest.getDefaultInstance());
        EvaluateSalienceResponse first = evaluate("low battery, please charge");
        EvaluateSalienceResponse second = evaluate("battery low: charge soon");
        EvaluateSalienceResponse unrelated = evaluate("nothing to see here");
        var after = gateway.getCacheStats(GetCacheStatsRequest.getDefaultInstance());
        assertThat(first.getFromCache()).isFalse();
        assertThat(first.getMatchedHeuristicId()).isNotEmpty();
        assertThat(second.getFromCache()).isTrue();
        assertThat(unrelated.getMatchedHeuristicId()).isEmpty();
        assertThat(after.getTotalHits() - before.getTotalHits()).isEqualTo(1);
        assertThat(after.getTotalMisses() - before.getTotalMisses()).isEqualTo(2);
    }

    @Test
    void theCacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        String a = evaluate("good morning greeting").getMatchedHeuristicId();
        String b = evaluate("remind me of the task deadline").getMatchedHeuristicId();
        String c = evaluate("the meeting starts soon").getMatchedHeuristicId();
        evaluate("good morning greeting"); // a is now the most recently used; b the least
        String d = evaluate("package delivered at the door").getMatchedHeuristicId();
        var ids = gateway.listCachedHeuristics(ListCachedHeuristicsRequest.getDefaultInstance()).getHeuristicsList()
                .stream().map(h -> h.getHeuristicId()).toList();
        assertThat(gateway.getCacheStats(GetCacheStatsRequest.getDefaultInstance()).getMaxCapacity()).isEqualTo(3);
        assertThat(ids).containsExactly(d, a, c).doesNotContain(b);
        assertThat(gateway.listCachedHeuristics(ListCachedHeuristicsRequest.newBuilder().setLimit(2).build())
                .getHeuristicsCount()).isEqualTo(2);
    }

    @Test
    void evictRemovesExactlyTheGivenIdAndFlushCountsWhatItEmptied() {
        String a = evaluate("good morning greeting").getMatchedHeuristicId();
        String b = evaluate("the meeting starts soon").getMatchedHeuristicId();
        assertThat(gateway.evictFromCache(EvictFromCacheRequest.newBuilder().setHeuristicId("unknown").build())
                .getFound()).isFalse();
        assertThat(gateway.evictFromCache(EvictFromCacheRequest.newBuilder().setHeuristicId(a).build()).getFound())
                .isTrue();
        var left = gateway.listCachedHeuristics(ListCachedHeuristicsRequest.getDefaultInstance()).getHeuristicsList();
        assertThat(left).extracting(h -> h.getHeuristicId()).containsExactly(b);
        assertThat(gateway.flushCache(FlushCacheRequest.getDefaultInstance()).getEntriesFlushed()).isEqualTo(1);
        assertThat(gateway.getCacheStats(GetCacheStatsRequest.getDefaultInstance()).getCurrentSize()).isZero();
    }

    @Test
    void aHeuristicChangedThroughMemoryIsNeverServedStaleFromTheCache() {
        String id = store("", "Door bell v1", "door bell rings", 0.6f);
        EvaluateSalienceResponse first = evaluate("the door bell rings twice");
        assertThat(first.getMatchedHeuristicId()).isEqualTo(id);
        assertThat(evaluate("door bell rings").getFromCache()).isTrue();

        store(id, "Door bell v2", "door bell rings", 1.0f);
        EvaluateSalienceResponse after = evaluate("door bell rings");
        assertThat(after.getFromCache()).as("the update evicted the cached copy").isFalse();
        assertThat(after.getSalience().getSalience()).isEqualTo(1.0f);

        assertThat(memory.deleteHeuristic(DeleteHeuristicRequest.newBuilder().setId(id).build()).getSuccess()).isTrue();
        EvaluateSalienceResponse deleted = evaluate("door bell rings");
        assertThat(deleted.getMatchedHeuristicId()).isNotEqualTo(id);
        assertThat(memory.getHeuristic(GetHeuristicRequest.newBuilder().setId(id).build()).getError())
                .contains("not found");
    }

    @Test
    void memoryRejectsInvalidHeuristics() {
        var r = memory.storeHeuristic(StoreHeuristicRequest.newBuilder().setHeuristic(Heuristic.newBuilder()
                .setName("x").setConditionText("y").setConfidence(2f)).build());
        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getError()).contains("between 0 and 1");
    }

    @Test
    void aPublishedEventIsStoredByMemoryWithItsFireAndCounted() {
        String processedBefore = orchestratorDetail("events_processed");
        Event event = EventPublisher.event("test", "smoke alarm in the kitchen, fire!", "actionable");
        EventAck ack = orchestrator.publishEvent(PublishEventRequest.newBuilder().setEvent(event).build()).getAck();
        assertThat(ack.getAccepted()).as(ack.getErrorMessage()).isTrue();
        assertThat(ack.getEventId()).isEqualTo(event.getId());
        assertThat(ack.getQueued()).isFalse();
        assertThat(ack.getMatchedHeuristicId()).isNotEmpty();
        var h = memory.getHeuristic(GetHeuristicRequest.newBuilder().setId(ack.getMatchedHeuristicId()).build());
        assertThat(h.getHeuristic().getFireCount()).isGreaterThanOrEqualTo(1);
        // the executive's answer, carried in the ack: it got the event with the heuristic as its suggestion
        assertThat(ack.getResponseText()).isEqualTo("acknowledged: smoke alarm in the kitchen, fire!");
        assertThat(ack.getResponseId()).isNotEmpty();
        assertThat(ack.getPredictedSuccess()).isEqualTo(h.getHeuristic().getConfidence());
        assertThat(ack.getRoutedToLlm()).isFalse();

        var stored = memory.getEvent(GetEventRequest.newBuilder().setEventId(event.getId()).build());
        assertThat(stored.getError()).isEmpty();
        assertThat(stored.getEvent().getRawText()).isEqualTo("smoke alarm in the kitchen, fire!");
        assertThat(stored.getEvent().getTimestampMs()).isEqualTo(Timestamps.toMillis(event.getTimestamp()));
        assertThat(stored.getEvent().getMatchedHeuristicId()).isEqualTo(ack.getMatchedHeuristicId());
        assertThat(Long.parseLong(orchestratorDetail("events_processed")))
                .isEqualTo(Long.parseLong(processedBefore) + 1);
    }

    @Test
    void anEventBelowTheExecutiveThresholdIsStoredWithoutAResponse() {
        Event event = EventPublisher.event("test", "nothing to see here", "");
        EventAck ack = orchestrator.publishEvent(PublishEventRequest.newBuilder().setEvent(event).build()).getAck();
        assertThat(ack.getAccepted()).as(ack.getErrorMessage()).isTrue();
        assertThat(ack.getResponseText()).isEmpty();
        assertThat(memory.getEvent(GetEventRequest.newBuilder().setEventId(event.getId()).build()).hasEvent()).isTrue();
    }

    @Test
    void anEventWithoutTextIsRefusedInTheAck() {
        EventAck ack = orchestrator.publishEvent(PublishEventRequest.newBuilder()
                .setEvent(EventPublisher.event("test", " ", "")).build()).getAck();
        assertThat(ack.getAccepted()).isFalse();
        assertThat(ack.getErrorMessage()).contains("raw_text is empty");
    }

    private static String orchestratorDetail(String key) {
        return orchestrator.getHealthDetails(GetHealthDetailsRequest.getDefaultInstance()).getDetailsOrThrow(key);
    }

    @Test
    void aServiceIsNotServingUntilItsDependencyIsThere() throws Exception {
        int[] ports = TestStacks.freePorts(2);
        Map<String, String> e = new HashMap<>(env);
        e.put("GLADYS_PORT", String.valueOf(ports[0]));
        e.put("GLADYS_DB_URL", "jdbc:postgresql://localhost:" + ports[1] + "/gladys"); // nothing there
        try (ReferenceServer lonely = MemoryServer.start(new ReferenceSettings(e))) {
            ManagedChannel c = channel(lonely.port());
            var stub = MemoryStorageGrpc.newBlockingStub(c);
            // not ready from the first answer on, and once checked it says why
            assertThat(stub.getHealth(GetHealthRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(HealthStatus.UNHEALTHY);
            awaitTrue(() -> stub.getHealth(GetHealthRequest.getDefaultInstance()).getMessage()
                    .contains("database unreachable"));
            assertThat(stub.getHealth(GetHealthRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(HealthGrpc.newBlockingStub(c).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
            var details = MemoryStorageGrpc.newBlockingStub(c).getHealthDetails(GetHealthDetailsRequest.getDefaultInstance());
            assertThat(details.getDetailsMap().get("db_status")).startsWith("disconnected");
        }
    }
}
