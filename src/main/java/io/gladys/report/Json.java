package io.gladys.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

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

    public static String write(Object value) {
        return GSON.toJson(value);
    }
}
