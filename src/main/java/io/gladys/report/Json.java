package io.gladys.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** Machine-readable output: pretty JSON, stable key order (insertion order of the maps given). */
public final class Json {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private Json() {
    }

    public static String write(Object value) {
        return GSON.toJson(value);
    }
}
