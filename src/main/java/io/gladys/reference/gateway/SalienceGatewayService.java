package io.gladys.reference.gateway;

import io.gladys.proto.memory.EvaluateSalienceRequest;
import io.gladys.proto.memory.EvaluateSalienceResponse;
import io.gladys.proto.memory.EvictFromCacheRequest;
import io.gladys.proto.memory.EvictFromCacheResponse;
import io.gladys.proto.memory.FlushCacheRequest;
import io.gladys.proto.memory.FlushCacheResponse;
import io.gladys.proto.memory.GetCacheStatsRequest;
import io.gladys.proto.memory.GetCacheStatsResponse;
import io.gladys.proto.memory.Heuristic;
import io.gladys.proto.memory.HeuristicMatch;
import io.gladys.proto.memory.ListCachedHeuristicsRequest;
import io.gladys.proto.memory.ListCachedHeuristicsResponse;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.NotifyHeuristicChangeRequest;
import io.gladys.proto.memory.NotifyHeuristicChangeResponse;
import io.gladys.proto.memory.QueryHeuristicsResponse;
import io.gladys.proto.memory.QueryMatchingHeuristicsRequest;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.SalienceResult;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.TextMatch;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/** gladys.memory.SalienceGateway: evaluates events against heuristics, cached in an LRU cache. */
final class SalienceGatewayService extends SalienceGatewayGrpc.SalienceGatewayImplBase {

    static final String MODEL_ID = "reference-heuristic-match";
    private static final int FETCH_LIMIT = 5;

    private final HeuristicCache cache;
    private final ManagedChannel memory;
    private final HealthReporter health;

    SalienceGatewayService(HeuristicCache cache, ManagedChannel memory, HealthReporter health) {
        this.cache = cache;
        this.memory = memory;
        this.health = health;
    }

    @Override
    public void evaluateSalience(EvaluateSalienceRequest request, StreamObserver<EvaluateSalienceResponse> out) {
        long now = System.currentTimeMillis();
        Set<String> words = TextMatch.words(request.getRawText());
        HeuristicCache.Match hit = cache.lookup(words, now);
        if (hit != null) {
            reply(out, result(hit.heuristic(), hit.similarity(), true));
            return;
        }
        QueryHeuristicsResponse fetched;
        try {
            fetched = MemoryStorageGrpc.newBlockingStub(memory).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .queryMatchingHeuristics(QueryMatchingHeuristicsRequest.newBuilder()
                            .setEventText(request.getRawText()).setLimit(FETCH_LIMIT).build());
        } catch (StatusRuntimeException e) {
            reply(out, EvaluateSalienceResponse.newBuilder()
                    .setError("memory storage unavailable: " + e.getStatus().getCode()).build());
            return;
        }
        if (!fetched.getError().isEmpty()) {
            reply(out, EvaluateSalienceResponse.newBuilder().setError("memory storage: " + fetched.getError()).build());
            return;
        }
        HeuristicMatch best = null;
        for (HeuristicMatch m : fetched.getMatchesList()) {
            if (m.getSimilarity() >= TextMatch.MATCH_THRESHOLD) {
                cache.put(m.getHeuristic(), now);
                if (best == null) {
                    best = m; // memory returns the best score first
                }
            }
        }
        if (best == null) {
            reply(out, EvaluateSalienceResponse.newBuilder()
                    .setSalience(SalienceResult.newBuilder().setSalience(0f).setModelId(MODEL_ID)).build());
            return;
        }
        reply(out, result(best.getHeuristic(), best.getSimilarity(), false));
    }

    private static EvaluateSalienceResponse result(Heuristic h, float similarity, boolean fromCache) {
        float salience = similarity * h.getConfidence();
        return EvaluateSalienceResponse.newBuilder()
                .setSalience(SalienceResult.newBuilder()
                        .setSalience(salience)
                        .setThreat(h.getConditionText().matches("(?i).*\\b(fire|smoke|alarm|intruder)\\b.*")
                                ? salience : 0f)
                        .putVector("similarity", similarity)
                        .putVector("confidence", h.getConfidence())
                        .setModelId(MODEL_ID))
                .setFromCache(fromCache)
                .setMatchedHeuristicId(h.getId())
                .build();
    }

    @Override
    public void flushCache(FlushCacheRequest request, StreamObserver<FlushCacheResponse> out) {
        reply(out, FlushCacheResponse.newBuilder().setEntriesFlushed(cache.flush()).build());
    }

    @Override
    public void evictFromCache(EvictFromCacheRequest request, StreamObserver<EvictFromCacheResponse> out) {
        reply(out, EvictFromCacheResponse.newBuilder().setFound(cache.evict(request.getHeuristicId())).build());
    }

    @Override
    public void getCacheStats(GetCacheStatsRequest request, StreamObserver<GetCacheStatsResponse> out) {
        reply(out, GetCacheStatsResponse.newBuilder()
                .setCurrentSize(cache.size())
                .setMaxCapacity(cache.capacity())
                .setHitRate(cache.hitRate())
                .setTotalHits(cache.totalHits())
                .setTotalMisses(cache.totalMisses())
                .build());
    }

    @Override
    public void listCachedHeuristics(ListCachedHeuristicsRequest request,
                                     StreamObserver<ListCachedHeuristicsResponse> out) {
        reply(out, ListCachedHeuristicsResponse.newBuilder().addAllHeuristics(cache.list(request.getLimit())).build());
    }

    @Override
    public void notifyHeuristicChange(NotifyHeuristicChangeRequest request,
                                      StreamObserver<NotifyHeuristicChangeResponse> out) {
        // updated or deleted: drop it; the next evaluation fetches the current version (if any) from memory
        cache.evict(request.getHeuristicId());
        reply(out, NotifyHeuristicChangeResponse.newBuilder().setSuccess(true).build());
    }

    @Override
    public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
        reply(out, health.health());
    }

    @Override
    public void getHealthDetails(GetHealthDetailsRequest request, StreamObserver<GetHealthDetailsResponse> out) {
        reply(out, health.healthDetails());
    }

    private static <T> void reply(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }
}
