package io.gladys.report;

import io.gladys.common.Durations;
import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.GetCacheStatsResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cache output as in the design document (section 5): statistics and the list of cached heuristics. */
public final class CacheReport {

    /** Version of the JSON shapes of cache-stats, cache-list, cache-flush and cache-evict. */
    public static final int SCHEMA_VERSION = 1;

    private CacheReport() {
    }

    public static List<String> statsText(String gateway, GetCacheStatsResponse s, List<CachedHeuristicInfo> entries,
                                         long nowSeconds) {
        List<String> out = new ArrayList<>();
        out.add("Cache Statistics (" + gateway + "):");
        double full = s.getMaxCapacity() > 0 ? 100.0 * s.getCurrentSize() / s.getMaxCapacity() : 0;
        out.add(String.format(Locale.ROOT, "  Entries: %d/%d (%.1f%% full)", s.getCurrentSize(), s.getMaxCapacity(),
                full));
        out.add(String.format(Locale.ROOT, "  Hit rate: %.1f%% (%d hits, %d misses in total)", s.getHitRate() * 100,
                s.getTotalHits(), s.getTotalMisses()));
        entries.stream().mapToLong(CachedHeuristicInfo::getCachedAtUnix).filter(t -> t > 0).min()
                .ifPresent(t -> out.add("  Oldest entry: " + Durations.human(nowSeconds - t) + " ago"));
        return out;
    }

    public static String statsJson(String gateway, GetCacheStatsResponse s) {
        Map<String, Object> m = Json.document(SCHEMA_VERSION);
        m.put("gateway", gateway);
        m.put("currentSize", s.getCurrentSize());
        m.put("maxCapacity", s.getMaxCapacity());
        m.put("hitRate", s.getHitRate());
        m.put("totalHits", s.getTotalHits());
        m.put("totalMisses", s.getTotalMisses());
        return Json.write(m);
    }

    public static List<String> listText(List<CachedHeuristicInfo> entries, long nowSeconds) {
        List<String> out = new ArrayList<>();
        out.add("Cached Heuristics:");
        List<String> ids = entries.stream().map(CachedHeuristicInfo::getHeuristicId).toList();
        for (CachedHeuristicInfo e : entries) {
            out.add("  " + IdPrefixes.shortest(e.getHeuristicId(), ids) + " \"" + e.getName() + "\" (hits: "
                    + e.getHitCount() + ", age: " + Durations.human(nowSeconds - e.getCachedAtUnix()) + ")");
        }
        out.add("  [" + entries.size() + (entries.size() == 1 ? " entry" : " entries") + " total]");
        return out;
    }

    public static String listJson(List<CachedHeuristicInfo> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CachedHeuristicInfo e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("heuristicId", e.getHeuristicId());
            m.put("name", e.getName());
            m.put("hitCount", e.getHitCount());
            m.put("cachedAtUnix", e.getCachedAtUnix());
            m.put("lastHitUnix", e.getLastHitUnix());
            list.add(m);
        }
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("total", entries.size());
        root.put("heuristics", list);
        return Json.write(root);
    }

    /** "2/1000 entries, hit rate 33.3%". */
    public static String statsSummary(String gateway, GetCacheStatsResponse s) {
        return String.format(Locale.ROOT, "Cache of %s: %d/%d entries, hit rate %.1f%%", gateway, s.getCurrentSize(),
                s.getMaxCapacity(), s.getHitRate() * 100);
    }

    public static String listSummary(List<CachedHeuristicInfo> entries) {
        return entries.size() + (entries.size() == 1 ? " cached heuristic" : " cached heuristics");
    }

    public static String flushText(int flushed) {
        return "Flushed " + flushed + (flushed == 1 ? " entry" : " entries") + " from cache.";
    }

    public static String flushJson(int flushed) {
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("entriesFlushed", flushed);
        return Json.write(root);
    }

    public static String evictText(String heuristicId) {
        return "Evicted heuristic " + heuristicId + " from cache.";
    }

    public static String evictJson(String heuristicId) {
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("evicted", true);
        root.put("heuristicId", heuristicId);
        return Json.write(root);
    }
}
