package io.gladys.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/** Machine-readable output: pretty JSON, stable key order (insertion order of the maps given). */
public final class Json {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private Json() {
    }

    /**
     * The top-level object of a goal's JSON document: {@code schemaVersion} first. A goal's version
     * goes up when a field is removed, renamed or changes its meaning (not when one is added).
     */
    public static Map<String, Object> document(int schemaVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", schemaVersion);
        return root;
    }

    /** Pretty JSON; objects must come as maps with a stable key order, so the output is the same every run. */
    public static String write(Object value) {
        requireStableOrder(value);
        return GSON.toJson(value);
    }

    private static void requireStableOrder(Object value) {
        if (value instanceof Map<?, ?> map) {
            // Map.of and HashMap iterate in an order that changes between runs
            if (map.size() > 1 && !(map instanceof LinkedHashMap || map instanceof SortedMap)) {
                throw new IllegalArgumentException("a JSON object needs a map with a stable key order, not a "
                        + map.getClass().getName() + ": " + map.keySet());
            }
            map.values().forEach(Json::requireStableOrder);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(Json::requireStableOrder);
        }
    }
}
