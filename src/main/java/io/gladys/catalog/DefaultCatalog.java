package io.gladys.catalog;

import java.util.List;

/**
 * GLADyS's catalog as the plugin runs it by default: four gRPC services and PostgreSQL, with the
 * ports of both environments, launched from the reference implementations shipped with the plugin.
 * It is the built-in catalog file {@code reference.xml}; a pom may replace any field, choose another
 * catalog, or start from an empty one.
 */
public final class DefaultCatalog {

    public static final String NAME = "reference";

    public static final String MEMORY_PYTHON = "memory-python";
    public static final String MEMORY_RUST = "memory-rust";
    public static final String ORCHESTRATOR = "orchestrator";
    public static final String EXECUTIVE_STUB = "executive-stub";

    private DefaultCatalog() {
    }

    public static Catalog create(JavaLaunch java) {
        return Catalog.of(services(java));
    }

    public static List<ServiceDefinition> services(JavaLaunch java) {
        // the reference catalog has no placeholders
        return CatalogFile.builtIn(NAME, java, name -> null).services();
    }
}
