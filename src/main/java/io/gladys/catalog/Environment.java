package io.gladys.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the stack runs: as local processes, or in Docker Compose. */
public enum Environment {
    LOCAL,
    DOCKER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Environment parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Environment e : values()) {
            if (e.id().equals(v)) {
                return e;
            }
        }
        throw new CatalogException("Unknown environment '" + value + "'. Valid environments: "
                + Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(", ")) + ".");
    }
}
