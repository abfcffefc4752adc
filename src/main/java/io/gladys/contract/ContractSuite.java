package io.gladys.contract;

import io.gladys.config.PropertyNames;
import io.gladys.contract.CheckResult.Outcome;
import io.gladys.contract.CheckResult.Tier;
import io.gladys.contract.ContractTargets.Role;
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
import io.gladys.proto.memory.NotifyHeuristicChangeRequest;
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
import io.grpc.Status;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a running stack honours the GLADyS contracts, whoever implemented it, in two tiers.
 * Required: what the contracts define and other tools depend on (GetHealth and GetHealthDetails answer
 * consistently, the cache RPCs' semantics, events reaching memory). Recommended: what the design
 * document suggests (its details keys per service, the standard grpc.health.v1 service); a recommended
 * check that does not hold is a warning, and a failure only in strict mode. A check whose role has no
 * service in the catalog is skipped with that reason, so a partial stack is a valid subject. Checks that
 * change state (they evaluate, evict, flush, publish) say so and are skipped in read-only mode; the
 * heuristics the suite creates are deleted at the end.
 */
public final class ContractSuite {

    /** The details keys the design document recommends, by gRPC service. */
    public static final Map<String, List<String>> DETAILS_KEYS = Map.of(
            ContractTargets.MEMORY, List.of("db_status", "table_counts", "connection_pool"),
            ContractTargets.GATEWAY, List.of("cache_size", "cache_capacity", "hit_rate", "backend_status"),
            ContractTargets.ORCHESTRATOR, List.of("events_processed", "error_count", "dependency_status"),
            ContractTargets.EXECUTIVE, List.of("memory_status", "llm_configured", "llm_status"));

    private static final String HEALTH = "health";
    private static final String CACHE = "cache";
    private static final String ROUTING = "routing";
    private static final Tier REQUIRED = Tier.REQUIRED;
    private static final Tier RECOMMENDED = Tier.RECOMMENDED;

    private final ContractTargets targets;
    private final GrpcChannels channels;
    private final Duration deadline;
    private final boolean readOnly;
    private final boolean strict;
    private final List<CheckResult> results = new ArrayList<>();
    private final List<String> createdHeuristics = new ArrayList<>();
    private final String token;
    private final Random random = new Random();

    /**
     * @param readOnly skip the checks that change state
     * @param strict   hold the recommended checks as required: a miss fails the suite
     */
    public ContractSuite(ContractTargets targets, GrpcChannels channels, Duration deadline, boolean readOnly,
                         boolean strict) {
        this.targets = targets;
        this.channels = channels;
        this.deadline = deadline;
        this.readOnly = readOnly;
        this.strict = strict;
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
        for (Role role : Role.values()) {
            healthChecks(role);
        }
        cacheChecks();
        routingChecks();
        cleanUp();
        return new ContractReport(List.copyOf(results), strict);
    }

    // ------------------------------------------------------------------------------------- health

    private void healthChecks(Role role) {
        ContractTargets.Target t = targets.of(role);
        String who = t == null ? "the " + role.description() : t.name();
        String service = role.grpcService();
        HealthStatus[] status = new HealthStatus[1];
        check(HEALTH, REQUIRED, who + " answers GetHealth on " + service + " with a status", false, List.of(role),
                () -> {
                    var r = ClientCalls.blockingUnaryCall(channel(t), GladysHealthCalls.getHealth(service), options(),
                            GetHealthRequest.getDefaultInstance());
                    String saw = "status " + r.getStatus() + (r.getMessage().isEmpty() ? "" : " (" + r.getMessage() + ")");
                    require(isStatus(r.getStatus()), saw + ": not one of HEALTHY, DEGRADED, UNHEALTHY");
                    status[0] = r.getStatus();
                    return saw;
                });
        check(HEALTH, REQUIRED, who + " answers GetHealthDetails with uptime_seconds and the status of GetHealth",
                false, List.of(role), () -> {
                    GetHealthDetailsResponse r = details(t);
                    // the status may have changed since GetHealth answered: ask once more before calling it a mismatch
                    HealthStatus health = status[0] != null && status[0] == r.getStatus() ? status[0]
                            : ClientCalls.blockingUnaryCall(channel(t), GladysHealthCalls.getHealth(service), options(),
                            GetHealthRequest.getDefaultInstance()).getStatus();
                    String saw = "status " + r.getStatus() + " (GetHealth: " + health + "), uptime "
                            + r.getUptimeSeconds() + " s";
                    require(r.getUptimeSeconds() >= 0, saw + ": a negative uptime");
                    require(r.getStatus() == health, saw + ": the two health RPCs disagree");
                    return saw;
                });
        List<String> keys = DETAILS_KEYS.get(service);
        check(HEALTH, RECOMMENDED, who + " reports the design document's details keys " + String.join(", ", keys),
                false, List.of(role), () -> {
                    var reported = details(t).getDetailsMap().keySet();
                    List<String> missing = keys.stream().filter(k -> !reported.contains(k)).toList();
                    require(missing.isEmpty(), "reports the keys " + new TreeSet<>(reported) + " instead; missing "
                            + missing);
                    return "keys " + new TreeSet<>(reported);
                });
        check(HEALTH, RECOMMENDED, who + " answers grpc.health.v1.Health/Check with SERVING", false, List.of(role),
                () -> {
                    HealthCheckResponse r;
                    try {
                        r = HealthGrpc.newBlockingStub(channel(t)).withDeadlineAfter(ms(), TimeUnit.MILLISECONDS)
                                .check(HealthCheckRequest.getDefaultInstance());
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                            throw new Violation("no standard health service (grpc.health.v1.Health: UNIMPLEMENTED)");
                        }
                        throw e;
                    }
                    require(r.getStatus() == HealthCheckResponse.ServingStatus.SERVING, "status " + r.getStatus());
                    return "status " + r.getStatus();
                });
    }

    private static boolean isStatus(HealthStatus s) {
        return s == HealthStatus.HEALTHY || s == HealthStatus.DEGRADED || s == HealthStatus.UNHEALTHY;
    }

    private GetHealthDetailsResponse details(ContractTargets.Target t) {
        return ClientCalls.blockingUnaryCall(channel(t), GladysHealthCalls.getHealthDetails(t.grpcService()),
                options(), GetHealthDetailsRequest.getDefaultInstance());
    }

    // -------------------------------------------------------------------------------------- cache

    private void cacheChecks() {
        List<Role> gateway = List.of(Role.SALIENCE_GATEWAY);
        List<Role> both = List.of(Role.SALIENCE_GATEWAY, Role.MEMORY_STORAGE);
        check(CACHE, REQUIRED, "cache stats are consistent (size <= capacity, 0 <= hit rate <= 1, list holds size "
                + "entries)", false, gateway, () -> {
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
        check(CACHE, REQUIRED, "evicting an id that is not cached reports not found", false, gateway, () -> {
            boolean found = gateway().evictFromCache(EvictFromCacheRequest.newBuilder()
                    .setHeuristicId("gladys-contract-" + token + "-absent").build()).getFound();
            require(!found, "found = true");
            return "found = false";
        });
        check(CACHE, REQUIRED, "hits + misses grow by exactly one per evaluation", true, gateway, () -> {
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
        String a = conditionText("alpha");
        String b = conditionText("beta");
        check(CACHE, REQUIRED, "evaluated heuristics are cached, and the list respects its limit", true, both, () -> {
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
        check(CACHE, REQUIRED, "evicting a cached id removes exactly it", true, both, () -> {
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
        check(CACHE, REQUIRED, "a heuristic updated in memory and announced with NotifyHeuristicChange is not served "
                + "stale", true, both, () -> {
                    String c = conditionText("gamma");
                    String id = storeHeuristic("", "contract gamma", c, 0.5f);
                    evaluate(c);
                    EvaluateSalienceResponse cachedHit = evaluate(c);
                    require(cachedHit.getFromCache() && id.equals(cachedHit.getMatchedHeuristicId()),
                            "the second evaluation was not a cache hit of " + id + " (from_cache="
                                    + cachedHit.getFromCache() + ", matched " + cachedHit.getMatchedHeuristicId()
                                    + "): cannot check staleness");
                    storeHeuristic(id, "contract gamma updated", c, 1.0f);
                    // what GLADyS's memory does after an update; the reference memory has done it already
                    boolean noted = gateway().notifyHeuristicChange(NotifyHeuristicChangeRequest.newBuilder()
                            .setHeuristicId(id).setChangeType("updated").build()).getSuccess();
                    EvaluateSalienceResponse after = evaluate(c);
                    require(id.equals(after.getMatchedHeuristicId()), "after the update the event matched "
                            + after.getMatchedHeuristicId() + " instead of " + id);
                    String saw = "NotifyHeuristicChange success=" + noted + "; after it from_cache=" + after.getFromCache()
                            + ", salience " + after.getSalience().getSalience() + " (before: "
                            + cachedHit.getSalience().getSalience() + ")";
                    require(noted, saw);
                    require(!after.getFromCache() || after.getSalience().getSalience()
                            != cachedHit.getSalience().getSalience(), saw);
                    return saw;
                });
        check(CACHE, REQUIRED, "flush empties the cache and reports how many entries it flushed", true, gateway, () -> {
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
        String text = "contract probe " + token + " published event";
        check(ROUTING, REQUIRED, "an event published to the orchestrator reaches memory", true,
                List.of(Role.ORCHESTRATOR, Role.MEMORY_STORAGE), () -> {
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
        check(ROUTING, RECOMMENDED, "the orchestrator counts published events in events_processed", true,
                List.of(Role.ORCHESTRATOR), () -> {
                    ContractTargets.Target o = targets.orchestrator();
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
        if (v == null) {
            throw new Violation("no events_processed in its details; it reports " + new TreeSet<>(d.getDetailsMap()
                    .keySet()));
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Violation("events_processed is '" + v + "', not a number");
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * Runs one check. It needs the services of {@code roles} (the first one's label names a failed call);
     * without one of them it is skipped with that reason. A recommended check that does not hold is a
     * warning, unless strict.
     */
    private void check(String group, Tier tier, String name, boolean changesState, List<Role> roles, Body body) {
        String title = changesState ? name + " [changes state]" : name;
        for (Role role : roles) {
            if (targets.of(role) == null) {
                results.add(CheckResult.skipped(group, tier, title, role.absence()));
                return;
            }
        }
        if (changesState && readOnly) {
            results.add(CheckResult.skipped(group, tier, title, "read-only (" + PropertyNames.TEST_READ_ONLY + ")"));
            return;
        }
        Outcome miss = tier == REQUIRED || strict ? Outcome.FAILED : Outcome.WARNING;
        Instant t0 = Instant.now();
        try {
            String saw = body.run();
            results.add(new CheckResult(group, tier, title, Outcome.PASSED, saw, Duration.between(t0, Instant.now())));
        } catch (Violation v) {
            results.add(new CheckResult(group, tier, title, miss, v.getMessage(), Duration.between(t0, Instant.now())));
        } catch (StatusRuntimeException e) {
            results.add(new CheckResult(group, tier, title, miss, targets.of(roles.get(0)).label() + ": call failed: "
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
