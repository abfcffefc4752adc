package io.gladys.report;

import io.gladys.proto.memory.CachedHeuristicInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void theCacheListKeepsItsKeysInTheDocumentedOrder() {
        String json = CacheReport.listJson(List.of(CachedHeuristicInfo.newBuilder().setHeuristicId("h-1")
                .setName("Low battery").setHitCount(3).setCachedAtUnix(10).setLastHitUnix(20).build()));
        // README, "Machine-readable output": schemaVersion, total, heuristics
        assertThat(json).containsSubsequence("\"schemaVersion\": 1", "\"total\": 1", "\"heuristics\"",
                "\"heuristicId\"", "\"name\"", "\"hitCount\"", "\"cachedAtUnix\"", "\"lastHitUnix\"");
    }

    @Test
    void aMapWithoutAStableOrderIsRefusedWhereverItIs() {
        assertThatThrownBy(() -> Json.write(Map.of("a", 1, "b", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stable key order");
        assertThatThrownBy(() -> Json.write(List.of(new TreeMap<>(Map.of("x", Map.of("a", 1, "b", 2))))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.write(new TreeMap<>(Map.of("b", 2, "a", 1)))).containsSubsequence("\"a\"", "\"b\"");
        assertThat(Json.write(Map.of("only", 1))).contains("\"only\": 1");
    }
}
