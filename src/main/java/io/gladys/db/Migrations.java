package io.gladys.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Versioned SQL migrations named as GLADyS names them ({@code 001_initial_schema.sql}: version,
 * underscore, description), applied with Flyway: a history table with checksums, one transaction
 * per migration.
 */
public final class Migrations {

    /** The history table; never emptied by clean. */
    public static final String HISTORY_TABLE = "gladys_schema_history";

    /** The reference stack's own schema, shipped in the plugin. */
    public static final String BUNDLED_REFERENCE_SCHEMA = "classpath:io/gladys/reference/migrations";

    /** Flyway reports each step; the goals print their own summary. Held so the level sticks. */
    private static final java.util.logging.Logger FLYWAY_LOG = quiet("org.flywaydb");

    private final DatabaseTarget target;
    private final String location;

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    /**
     * @param location a Flyway location: {@code filesystem:/path} or {@code classpath:path}
     */
    public Migrations(DatabaseTarget target, String location) {
        this.target = target;
        this.location = location;
    }

    public static String filesystem(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatabaseException("The migrations directory " + dir + " does not exist.");
        }
        return "filesystem:" + dir.toAbsolutePath();
    }

    /** What a migrate run did. */
    public record Outcome(int applied, String schemaVersion, List<String> migrations) {
    }

    public Outcome migrate() {
        try {
            MigrateResult r = flyway().migrate();
            List<String> names = r.migrations.stream().map(m -> m.version + " " + m.description).toList();
            return new Outcome(r.migrationsExecuted, r.targetSchemaVersion, names);
        } catch (FlywayException e) {
            throw new DatabaseException("Migration of " + target.display() + " from " + location + " failed: "
                    + DatabaseErrors.firstLine(e), e);
        }
    }

    Flyway flyway() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(target.jdbcUrl(), target.user(), target.password().reveal())
                .locations(location)
                .table(HISTORY_TABLE)
                // GLADyS names migrations 001_initial_schema.sql: no "V" prefix, one underscore
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .sqlMigrationSuffixes(".sql")
                .validateMigrationNaming(true)
                .connectRetries(0)
                .load();
    }
}
