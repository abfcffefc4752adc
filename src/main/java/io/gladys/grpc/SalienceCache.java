package io.gladys.grpc;

import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.GetCacheStatsResponse;

import java.util.List;

/**
 * The Salience Gateway's cache management calls, in protobuf's types only: called over gRPC by the goal
 * ({@link SalienceCacheClient}) or by a process that keeps the channel warm. A failed call is a
 * {@link GrpcCallException} that says what failed.
 */
public interface SalienceCache {

    GetCacheStatsResponse stats();

    /** @param limit at most this many entries, 0 for all */
    List<CachedHeuristicInfo> list(int limit);

    /** @return the number of entries flushed */
    int flush();

    /** @return whether the heuristic was in the cache */
    boolean evict(String heuristicId);
}
