package io.gladys.grpc;

import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.EvictFromCacheRequest;
import io.gladys.proto.memory.FlushCacheRequest;
import io.gladys.proto.memory.GetCacheStatsRequest;
import io.gladys.proto.memory.GetCacheStatsResponse;
import io.gladys.proto.memory.ListCachedHeuristicsRequest;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The Salience Gateway's cache RPCs, with a deadline on every call and errors that say what failed. */
public final class SalienceCacheClient implements SalienceCache {

    private final ManagedChannel channel;
    private final String label;
    private final Duration deadline;

    /**
     * @param label how to name the gateway in messages, e.g. "memory-rust (localhost:50052)"
     */
    public SalienceCacheClient(ManagedChannel channel, String label, Duration deadline) {
        this.channel = channel;
        this.label = label;
        this.deadline = deadline;
    }

    @Override
    public GetCacheStatsResponse stats() {
        return call("GetCacheStats", s -> s.getCacheStats(GetCacheStatsRequest.getDefaultInstance()));
    }

    @Override
    public List<CachedHeuristicInfo> list(int limit) {
        return call("ListCachedHeuristics",
                s -> s.listCachedHeuristics(ListCachedHeuristicsRequest.newBuilder().setLimit(limit).build())
                        .getHeuristicsList());
    }

    @Override
    public int flush() {
        return call("FlushCache", s -> s.flushCache(FlushCacheRequest.getDefaultInstance()).getEntriesFlushed());
    }

    @Override
    public boolean evict(String heuristicId) {
        return call("EvictFromCache",
                s -> s.evictFromCache(EvictFromCacheRequest.newBuilder().setHeuristicId(heuristicId).build()).getFound());
    }

    private <T> T call(String method, Function<SalienceGatewayGrpc.SalienceGatewayBlockingStub, T> body) {
        SalienceGatewayGrpc.SalienceGatewayBlockingStub stub = SalienceGatewayGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return body.apply(stub);
        } catch (StatusRuntimeException e) {
            throw new GrpcCallException(explain(method, e), e);
        }
    }

    private String explain(String method, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return switch (code) {
            case UNAVAILABLE -> "Cannot reach the Salience Gateway " + label + " (" + reason(e)
                    + "). Is it running? Try: mvn gladys:status";
            case UNIMPLEMENTED -> "The Salience Gateway " + label + " has no " + method
                    + " RPC (UNIMPLEMENTED): it does not carry the cache management API.";
            case DEADLINE_EXCEEDED -> "The Salience Gateway " + label + " did not answer " + method + " within "
                    + deadline.toMillis() + " ms.";
            default -> "The Salience Gateway " + label + " failed " + method + ": " + code
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
        };
    }

    private static String reason(StatusRuntimeException e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (m != null && m.contains("Connection refused")) {
            return "connection refused";
        }
        return m != null ? m : String.valueOf(e.getStatus().getDescription());
    }
}
