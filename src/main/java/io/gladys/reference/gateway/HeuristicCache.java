package io.gladys.reference.gateway;

import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.Heuristic;
import io.gladys.reference.common.TextMatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bounded LRU cache of heuristics, keyed by heuristic id, with hit and miss counters. Every
 * evaluation counts exactly one hit or one miss; the hit rate covers the last {@link #WINDOW}.
 */
public final class HeuristicCache {

    /** The hit rate is computed over this many most recent evaluations. */
    public static final int WINDOW = 1000;

    /** One cached heuristic. */
    public static final class Entry {
        final Heuristic heuristic;
        final long cachedAtMs;
        int hits;
        long lastHitMs;

        Entry(Heuristic heuristic, long now) {
            this.heuristic = heuristic;
            this.cachedAtMs = now;
        }

        public Heuristic heuristic() {
            return heuristic;
        }
    }

    /** The best cached match for an event, or a miss. */
    public record Match(Heuristic heuristic, float similarity) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> entries;
    private final boolean[] window = new boolean[WINDOW];
    private int windowSize;
    private int windowNext;
    private long totalHits;
    private long totalMisses;

    public HeuristicCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > HeuristicCache.this.capacity;
            }
        };
    }

    /**
     * Looks for a cached heuristic that matches the event; counts a hit (and the entry's hit) when
     * one does, else counts a miss and returns null: the caller then fetches from memory.
     */
    public synchronized Match lookup(Set<String> eventWords, long now) {
        Entry best = null;
        float bestScore = 0;
        float bestSimilarity = 0;
        for (Entry e : entries.values()) {
            float sim = TextMatch.similarity(e.heuristic.getConditionText(), eventWords);
            float score = sim * e.heuristic.getConfidence();
            if (sim >= TextMatch.MATCH_THRESHOLD && (best == null || score > bestScore)) {
                best = e;
                bestScore = score;
                bestSimilarity = sim;
            }
        }
        if (best == null) {
            record(false);
            totalMisses++;
            return null;
        }
        entries.get(best.heuristic.getId()); // touch: most recently used
        best.hits++;
        best.lastHitMs = now;
        record(true);
        totalHits++;
        return new Match(best.heuristic, bestSimilarity);
    }

    public synchronized void put(Heuristic h, long now) {
        Entry existing = entries.get(h.getId());
        if (existing == null) {
            entries.put(h.getId(), new Entry(h, now));
        }
    }

    public synchronized boolean evict(String id) {
        return entries.remove(id) != null;
    }

    public synchronized int flush() {
        int n = entries.size();
        entries.clear();
        return n;
    }

    public synchronized int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized long totalHits() {
        return totalHits;
    }

    public synchronized long totalMisses() {
        return totalMisses;
    }

    /** Hits over the last {@link #WINDOW} evaluations, 0..1 (0 before any evaluation). */
    public synchronized float hitRate() {
        if (windowSize == 0) {
            return 0f;
        }
        int hits = 0;
        for (int i = 0; i < windowSize; i++) {
            if (window[i]) {
                hits++;
            }
        }
        return (float) hits / windowSize;
    }

    /** Entries, most recently used first; at most limit of them (0 = all). */
    public synchronized List<CachedHeuristicInfo> list(int limit) {
        List<Entry> all = new ArrayList<>(entries.values());
        Collections.reverse(all);
        List<CachedHeuristicInfo> out = new ArrayList<>();
        for (Entry e : all) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(CachedHeuristicInfo.newBuilder()
                    .setHeuristicId(e.heuristic.getId())
                    .setName(e.heuristic.getName())
                    .setHitCount(e.hits)
                    .setCachedAtUnix(e.cachedAtMs / 1000)
                    .setLastHitUnix(e.lastHitMs / 1000)
                    .build());
        }
        return out;
    }

    private void record(boolean hit) {
        window[windowNext] = hit;
        windowNext = (windowNext + 1) % WINDOW;
        windowSize = Math.min(windowSize + 1, WINDOW);
    }
}
