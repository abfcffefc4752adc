package io.gladys.contract;

import io.gladys.grpc.EventPublisher;
import io.gladys.grpc.GladysHealthCalls;
import io.gladys.grpc.GrpcChannels;
import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.DeleteHeuristicRequest;
import io.gladys.proto.memory.EvaluateSalienceRequest;
import io.gladys.proto.memory.EvaluateSalienceResponse;
import io.gladys.proto.memory.EvictFromCacheRequest;
import io.gladys.proto.memory.FlushCacheRequest;
import io.gladys.proto.memory.GetCacheStatsRequest;
import io.gladys.proto.memory.GetCacheStatsResponse;
import io.gladys.proto.memory.GetEventRequest;
import io.gladys.proto.memory.GetEventResponse;
import io.gladys.proto.memory.Heuristic;
import io.gladys.proto.memory.ListCachedHeuristicsRequest;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.memory.StoreHeuristicRequest;
import io.gladys.proto.memory.StoreHeuristicResponse;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.EventAck;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a running stack honours the GLADyS contracts, whoever implemented it: health RPCs and
 * their details keys, the standard health, the cache management RPCs, and the routing of an event.
 * Checks that change state (they evaluate, evict, flush, publish) say so and are skipped in read-only
 * mode; the heuristics the suite creates are deleted at the end.
 */
public final class ContractSuite {

    /** The details keys GLADyS documents, by gRPC service. */
    public static final Map<String, List<String>> DETAILS_KEYS = Map.of(
            ContractTargets.MEMORY, List.of("db_status", "table_counts", "connection_pool"),
            ContractTargets.GATEWAY, List.of("cache_size", "cache_capacity", "hit_rate", "backend_status"),
            ContractTargets.ORCHESTRATOR, List.of("events_processed", "error_count", "dependency_status"),
            ContractTargets.EXECUTIVE, List.of("memory_status", "llm_configured", "llm_status"));

    private static final String HEALTH = "health";
    private static final String CACHE = "cache";
    private static final String ROUTING = "routing";

    private final ContractTargets targets;
    private final GrpcChannels channels;
    private final Duration deadline;
    private final boolean readOnly;
    private final List<CheckResult> results = new ArrayList<>();
    private final List<String> createdHeuristics = new ArrayList<>();
    private final String token;
    private final Random random = new Random();

    public ContractSuite(ContractTargets targets, GrpcChannels channels, Duration deadline, boolean readOnly) {
        this.targets = targets;
        this.channels = channels;
        this.deadline = deadline;
        this.readOnly = readOnly;
        this.token = uniqueWord();
    }

    /** A check's body: returns what it saw when the contract holds, throws Violation when it does not. */
    @FunctionalInterface
    private interface Body {
        String run() throws Violation;
    }

    /** The contract was not honoured; the message is what the check saw. */
    private static final class Violation extends Exception {
        Violation(String saw) {
            super(saw);
        }
    }

    public ContractReport run() {
        for (ContractTargets.Target t : new ContractTargets.Target[] {targets.memory(), targets.gateway(),
                targets.orchestrator(), targets.executive()}) {
            healthChecks(t);
        }
        cacheChecks();
        routingChecks();
        cleanUp();
        return new ContractReport(List.copyOf(results));
    }

    // ------------------------------------------------------------------------------------- health

    private void healthChecks(ContractTargets.Target t) {
        if (t == null) {
            return;
        }
        String who = t.name();
        check(HEALTH, who + " answers GetHealth on " + t.grpcService() + " with HEALTHY", false, t, () -> {
            var r = ClientCalls.blockingUnaryCall(channel(t), GladysHealthCalls.getHealth(t.grpcService()),
                    options(), GetHealthRequest.getDefaultInstance());
            String saw = "status " + r.getStatus() + (r.getMessage().isEmpty() ? "" : " (" + r.getMessage() + ")");
            require(r.getStatus() == HealthStatus.HEALTHY, saw);
            return saw;
        });
        List<String> keys = DETAILS_KEYS.getOrDefault(t.grpcService(), List.of());
        check(HEALTH, who + " answers GetHealthDetails with the keys " + String.join(", ", keys), false, t, () -> {
            GetHealthDetailsResponse r = ClientCalls.blockingUnaryCall(channel(t),
                    GladysHealthCalls.getHealthDetails(t.grpcService()), options(),
                    GetHealthDetailsRequest.getDefaultInstance());
            List<String> missing = keys.stream().filter(k -> !r.getDetailsMap().containsKey(k)).toList();
            String saw = "status " + r.getStatus() + ", uptime " + r.getUptimeSeconds() + " s, keys "
                    + r.getDetailsMap().keySet();
            require(missing.isEmpty(), saw + "; missing " + missing);
            return saw;
        });
        check(HEALTH, who + " answers grpc.health.v1.Health/Check with SERVING", false, t, () -> {
            HealthCheckResponse r = HealthGrpc.newBlockingStub(channel(t)).withDeadlineAfter(ms(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            require(r.getStatus() == HealthCheckResponse.ServingStatus.SERVING, "status " + r.getStatus());
            return "status " + r.getStatus();
        });
    }

    // -------------------------------------------------------------------------------------- cache

    private void cacheChecks() {
        ContractTargets.Target g = targets.gateway();
        ContractTargets.Target m = targets.memory();
        if (g == null) {
            return;
        }
        check(CACHE, "cache stats are consistent (size <= capacity, 0 <= hit rate <= 1, list holds size entries)",
                false, g, () -> {
                    GetCacheStatsResponse s = stats();
                    int listed = gateway().listCachedHeuristics(ListCachedHeuristicsRequest.getDefaultInstance())
                            .getHeuristicsCount();
                    String saw = s.getCurrentSize() + "/" + s.getMaxCapacity() + " entries, hit rate " + s.getHitRate()
                            + ", " + listed + " listed";
                    require(s.getCurrentSize() <= s.getMaxCapacity() && s.getMaxCapacity() > 0, saw);
                    require(s.getHitRate() >= 0 && s.getHitRate() <= 1, saw);
                    require(listed == s.getCurrentSize(), saw);
                    return saw;
                });
        check(CACHE, "evicting an id that is not cached reports not found", false, g, () -> {
            boolean found = gateway().evictFromCache(EvictFromCacheRequest.newBuilder()
                    .setHeuristicId("gladys-contract-" + token + "-absent").build()).getFound();
            require(!found, "found = true");
            return "found = false";
        });
        check(CACHE, "hits + misses grow by exactly one per evaluation", true, g, () -> {
            GetCacheStatsResponse before = stats();
            gateway().evaluateSalience(EvaluateSalienceRequest.newBuilder().setEventId("contract-" + token)
                    .setRawText("contract probe " + token + " event").build());
            GetCacheStatsResponse after = stats();
            long grew = after.getTotalHits() + after.getTotalMisses() - before.getTotalHits() - before.getTotalMisses();
            String saw = "hits+misses " + (before.getTotalHits() + before.getTotalMisses()) + " -> "
                    + (after.getTotalHits() + after.getTotalMisses());
            require(grew == 1, saw);
            return saw;
        });
        if (m == null) {
            results.add(CheckResult.skipped(CACHE, "cached entries (list limit, evict, staleness, flush)",
                    "no memory storage service in the catalog to create heuristics with"));
            return;
        }
        String a = conditionText("alpha");
        String b = conditionText("beta");
        check(CACHE, "evaluated heuristics are cached, and the list respects its limit", true, g, () -> {
            String idA = storeHeuristic("", "contract alpha", a, 0.8f);
            String idB = storeHeuristic("", "contract beta", b, 0.8f);
            EvaluateSalienceResponse ra = evaluate(a);
            EvaluateSalienceResponse rb = evaluate(b);
            require(idA.equals(ra.getMatchedHeuristicId()) && idB.equals(rb.getMatchedHeuristicId()),
                    "evaluations matched " + ra.getMatchedHeuristicId() + " and " + rb.getMatchedHeuristicId()
                            + ", expected " + idA + " and " + idB);
            List<String> cached = cachedIds(0);
            require(cached.contains(idA) && cached.contains(idB), "cached ids " + cached);
            int one = cachedIds(1).size();
            require(one == 1, "list with limit 1 returned " + one + " entries");
            return "both cached; limit 1 gave 1 of " + cached.size();
        });
        check(CACHE, "evicting a cached id removes exactly it", true, g, () -> {
            List<String> before = cachedIds(0);
            String victim = createdHeuristics.isEmpty() ? null : createdHeuristics.get(0);
            require(victim != null && before.contains(victim), "nothing of the suite's in cache: " + before);
            boolean found = gateway().evictFromCache(EvictFromCacheRequest.newBuilder().setHeuristicId(victim)
                    .build()).getFound();
            List<String> after = cachedIds(0);
            List<String> expected = new ArrayList<>(before);
            expected.remove(victim);
            require(found && after.size() == expected.size() && after.containsAll(expected),
                    "found=" + found + ", before " + before.size() + " entries, after " + after.size());
            return "found=true; " + before.size() + " -> " + after.size() + " entries, only " + victim + " gone";
        });
        check(CACHE, "a heuristic updated through memory is not served stale from the cache", true, g, () -> {
            String c = conditionText("gamma");
            String id = storeHeuristic("", "contract gamma", c, 0.5f);
            evaluate(c);
            EvaluateSalienceResponse cachedHit = evaluate(c);
            require(cachedHit.getFromCache() && id.equals(cachedHit.getMatchedHeuristicId()),
                    "the second evaluation was not a cache hit of " + id + " (from_cache=" + cachedHit.getFromCache()
                            + ", matched " + cachedHit.getMatchedHeuristicId() + "): cannot check staleness");
            storeHeuristic(id, "contract gamma updated", c, 1.0f);
            EvaluateSalienceResponse after = evaluate(c);
            require(id.equals(after.getMatchedHeuristicId()), "after the update the event matched "
                    + after.getMatchedHeuristicId() + " instead of " + id);
            String saw = "after the update: from_cache=" + after.getFromCache() + ", salience "
                    + after.getSalience().getSalience() + " (before: " + cachedHit.getSalience().getSalience() + ")";
            require(!after.getFromCache() || after.getSalience().getSalience() != cachedHit.getSalience().getSalience(),
                    saw);
            return saw;
        });
        check(CACHE, "flush empties the cache and reports how many entries it flushed", true, g, () -> {
            int size = stats().getCurrentSize();
            int flushed = gateway().flushCache(FlushCacheRequest.getDefaultInstance()).getEntriesFlushed();
            GetCacheStatsResponse after = stats();
            int listed = cachedIds(0).size();
            String saw = size + " entries, flush reported " + flushed + ", then " + after.getCurrentSize()
                    + " entries and " + listed + " listed";
            require(flushed == size && after.getCurrentSize() == 0 && listed == 0, saw);
            return saw;
        });
    }

    // ------------------------------------------------------------------------------------ routing

    private void routingChecks() {
        ContractTargets.Target o = targets.orchestrator();
        if (o == null) {
            return;
        }
        String text = "contract probe " + token + " published event";
        check(ROUTING, "an event published to the orchestrator is stored by memory", true, o, () -> {
            require(targets.memory() != null, "no memory storage service in the catalog");
            Event event = event(text);
            EventAck ack = publish(event);
            require(ack.getAccepted(), "not accepted: " + ack.getErrorMessage());
            require(ack.getEventId().isEmpty() || ack.getEventId().equals(event.getId()),
                    "the ack names event " + ack.getEventId() + ", not the published " + event.getId());
            GetEventResponse stored = awaitStored(event.getId(), ack.getQueued());
            require(stored.getError().isEmpty() && text.equals(stored.getEvent().getRawText()),
                    "memory has no event " + event.getId() + ": " + stored.getError());
            return "event " + event.getId() + " stored with its text" + (ack.getQueued() ? " (queued first)" : "");
        });
        check(ROUTING, "the orchestrator counts published events in events_processed", true, o, () -> {
            long before = eventsProcessed(o);
            EventAck ack = publish(event(text + " again"));
            long after = eventsProcessed(o);
            String saw = "events_processed " + before + " -> " + after + " (accepted=" + ack.getAccepted()
                    + ", queued=" + ack.getQueued() + ")";
            require(ack.getAccepted() && (after >= before + 1 || ack.getQueued()), saw);
            return saw;
        });
    }

    private static Event event(String text) {
        return EventPublisher.event("gladys-contract", text, "");
    }

    private EventAck publish(Event event) {
        return orchestrator().publishEvent(PublishEventRequest.newBuilder().setEvent(event).build()).getAck();
    }

    /** The stored event; a queued one gets the deadline to arrive in memory. */
    private GetEventResponse awaitStored(String id, boolean queued) throws Violation {
        long until = System.nanoTime() + (queued ? deadline.toNanos() : 0);
        while (true) {
            GetEventResponse r = memory().getEvent(GetEventRequest.newBuilder().setEventId(id).build());
            if (r.hasEvent() || System.nanoTime() >= until) {
                return r;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Violation("interrupted while waiting for queued event " + id);
            }
        }
    }

    private long eventsProcessed(ContractTargets.Target o) throws Violation {
        GetHealthDetailsResponse d = ClientCalls.blockingUnaryCall(channel(o),
                GladysHealthCalls.getHealthDetails(o.grpcService()), options(), GetHealthDetailsRequest.getDefaultInstance());
        String v = d.getDetailsMap().get("events_processed");
        try {
            return Long.parseLong(v);
        } catch (RuntimeException e) {
            throw new Violation("events_processed is '" + v + "', not a number");
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private void check(String group, String name, boolean changesState, ContractTargets.Target target, Body body) {
        String title = changesState ? name + " [changes state]" : name;
        if (changesState && readOnly) {
            results.add(CheckResult.skipped(group, title, "read-only (gladys.test.readOnly)"));
            return;
        }
        Instant t0 = Instant.now();
        try {
            String saw = body.run();
            results.add(new CheckResult(group, title, true, false, saw, Duration.between(t0, Instant.now())));
        } catch (Violation v) {
            results.add(new CheckResult(group, title, false, false, v.getMessage(), Duration.between(t0, Instant.now())));
        } catch (StatusRuntimeException e) {
            results.add(new CheckResult(group, title, false, false, target.label() + ": call failed: "
                    + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                    : " " + e.getStatus().getDescription()), Duration.between(t0, Instant.now())));
        }
    }

    private static void require(boolean condition, String saw) throws Violation {
        if (!condition) {
            throw new Violation(saw);
        }
    }

    /**
     * A condition of words no real heuristic has, and no other condition of the suite shares: each
     * of the suite's heuristics matches only the suite's events for it.
     */
    private String conditionText(String word) {
        return uniqueWord() + " " + uniqueWord() + " " + word;
    }

    private String uniqueWord() {
        StringBuilder t = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            t.append((char) ('a' + random.nextInt(26)));
        }
        return t.toString();
    }

    private String storeHeuristic(String id, String name, String condition, float confidence) throws Violation {
        StoreHeuristicResponse r = memory().storeHeuristic(StoreHeuristicRequest.newBuilder().setHeuristic(
                Heuristic.newBuilder().setId(id).setName(name).setConditionText(condition).setConfidence(confidence)
                        .setSource("gladys-contract")).build());
        require(r.getSuccess(), "StoreHeuristic failed: " + r.getError());
        if (id.isEmpty()) {
            createdHeuristics.add(r.getHeuristicId());
        }
        return r.getHeuristicId();
    }

    private EvaluateSalienceResponse evaluate(String text) throws Violation {
        EvaluateSalienceResponse r = gateway().evaluateSalience(EvaluateSalienceRequest.newBuilder()
                .setEventId("contract-" + token).setSource("gladys-contract").setRawText(text).build());
        require(r.getError().isEmpty(), "EvaluateSalience failed: " + r.getError());
        return r;
    }

    private List<String> cachedIds(int limit) {
        return gateway().listCachedHeuristics(ListCachedHeuristicsRequest.newBuilder().setLimit(limit).build())
                .getHeuristicsList().stream().map(CachedHeuristicInfo::getHeuristicId).toList();
    }

    private GetCacheStatsResponse stats() {
        return gateway().getCacheStats(GetCacheStatsRequest.getDefaultInstance());
    }

    /** The heuristics the suite created are deleted (which also evicts them from the cache). */
    private void cleanUp() {
        if (targets.memory() == null) {
            return;
        }
        for (String id : createdHeuristics) {
            try {
                memory().deleteHeuristic(DeleteHeuristicRequest.newBuilder().setId(id).build());
            } catch (StatusRuntimeException e) {
                // the suite's results stand; a leftover heuristic has words no event uses
            }
        }
    }

    private ManagedChannel channel(ContractTargets.Target t) {
        return channels.channel(t.host(), t.port());
    }

    private CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(ms(), TimeUnit.MILLISECONDS);
    }

    private long ms() {
        return deadline.toMillis();
    }

    private SalienceGatewayGrpc.SalienceGatewayBlockingStub gateway() {
        return SalienceGatewayGrpc.newBlockingStub(channel(targets.gateway())).withDeadlineAfter(ms(), TimeUnit.MILLISECONDS);
    }

    private MemoryStorageGrpc.MemoryStorageBlockingStub memory() {
        return MemoryStorageGrpc.newBlockingStub(channel(targets.memory())).withDeadlineAfter(ms(), TimeUnit.MILLISECONDS);
    }

    private OrchestratorServiceGrpc.OrchestratorServiceBlockingStub orchestrator() {
        return OrchestratorServiceGrpc.newBlockingStub(channel(targets.orchestrator()))
                .withDeadlineAfter(ms(), TimeUnit.MILLISECONDS);
    }

    /** For messages: the suite's unique token (its heuristics and events carry it). */
    public String token() {
        return token.toLowerCase(Locale.ROOT);
    }
}
