package io.gladys.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where services run: as local processes, or in Docker Compose. Each service has a port per environment
 * ({@link ServiceDefinition#port(Environment)}); what else differs is asked of the environment's backend.
 */
public enum Environment {
    LOCAL("localPort"),
    DOCKER("dockerPort");

    private final String portElement;

    Environment(String portElement) {
        this.portElement = portElement;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pom element that gives a service's port in this environment ({@code localPort}, {@code dockerPort}). */
    public String portElement() {
        return portElement;
    }

    /**
     * The environment a pom or catalog element names, or an error that names the element and the value
     * ({@code <environment> 'dokcer' is not an environment: local or docker}).
     */
    public static Environment parseElement(String value, String element) {
        try {
            return parse(value);
        } catch (CatalogException e) {
            throw new CatalogException(element + " '" + value + "' is not an environment: "
                    + Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(" or ")) + ".");
        }
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
