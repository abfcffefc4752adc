package io.gladys.output;

import io.gladys.config.PropertyNames;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How results are printed: for people, or for programs. */
public enum OutputFormat {
    TEXT,
    JSON,
    CSV;

    public static OutputFormat parse(String value, OutputFormat... allowed) {
        String v = value == null || value.isBlank() ? "text" : value.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat f : allowed) {
            if (f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown output format '" + value + "'. This goal prints: "
                + Arrays.stream(allowed).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (" + PropertyNames.FORMAT + ").");
    }
}
