package io.gladys.sync;

import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.DatabaseUnreachableException;
import io.gladys.db.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads an environment's migration history with Flyway's {@code info}, configured as the migrate goal
 * configures it (GLADyS file names, the same history table), and compares it with the migration files.
 * Nothing is changed in the database.
 */
public final class MigrationCheck {

    /** Flyway reports each step at INFO; the report says what matters. Held so the level sticks. */
    private static final Logger FLYWAY_LOG = quiet();

    private MigrationCheck() {
    }

    private static Logger quiet() {
        Logger l = Logger.getLogger("org.flywaydb");
        l.setLevel(Level.WARNING);
        return l;
    }

    public static MigrationState check(EnvironmentTarget env) {
        DatabaseTarget target = env.database();
        if (target == null) {
            return MigrationState.notChecked(env, "no database configured for this environment");
        }
        if (env.migrationsLocation() == null) {
            return MigrationState.notChecked(env, "no migrations location configured");
        }
        String location = env.migrationsLocation();
        if (location.startsWith("filesystem:") && !Files.isDirectory(Path.of(location.substring("filesystem:".length())))) {
            // Flyway would read no files and call every applied migration missing
            return MigrationState.notChecked(env, "the migrations directory "
                    + location.substring("filesystem:".length()) + " does not exist");
        }
        try (Connection ignored = target.connect()) {
            // answered: go on with Flyway, whose own connection errors are less clear
        } catch (DatabaseUnreachableException e) {
            return MigrationState.notChecked(env, "the database at " + target.host() + ":" + target.port()
                    + " does not answer");
        } catch (DatabaseException e) {
            return MigrationState.notChecked(env, e.getMessage());
        } catch (SQLException e) {
            // closing a connection that was made: nothing to report
        }
        try {
            return compare(env, flyway(target, env.migrationsLocation()).info().all());
        } catch (FlywayException e) {
            return MigrationState.notChecked(env, "reading the migration history failed: " + firstLine(e));
        }
    }

    private static MigrationState compare(EnvironmentTarget env, MigrationInfo[] all) {
        int applied = 0;
        List<String> pending = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (MigrationInfo m : all) {
            if (!m.isVersioned()) {
                continue;
            }
            switch (m.getState()) {
                case PENDING -> pending.add(m.getScript());
                // a file older than the newest applied one: migrate skips it unless told to apply out of order
                case IGNORED -> pending.add(m.getScript() + " (older than the applied migrations)");
                case MISSING_SUCCESS, MISSING_FAILED, FUTURE_SUCCESS, FUTURE_FAILED -> {
                    applied++;
                    // the history keeps the script name the migration was applied from
                    missing.add(m.getScript() != null ? m.getScript() : m.getVersion() + " " + m.getDescription());
                }
                case FAILED -> failed.add(m.getScript());
                case SUCCESS, OUT_OF_ORDER, BASELINE -> applied++;
                default -> {
                    // below baseline, superseded, ...: neither applied here nor pending
                }
            }
            if (m.getState().isApplied() && m.getState().isResolved() && m.getResolvedChecksum() != null
                    && !m.isChecksumMatching()) {
                mismatch.add(m.getScript());
            }
        }
        return new MigrationState(env.label(), true, null, applied, pending, missing, mismatch, failed,
                env.startCommand(), env.migrateCommand());
    }

    /** Flyway as the migrate goal configures it (see {@link Migrations}). */
    static Flyway flyway(DatabaseTarget target, String location) {
        return Flyway.configure(MigrationCheck.class.getClassLoader())
                .dataSource(target.jdbcUrl(), target.user(), target.password().reveal())
                .locations(location)
                .table(Migrations.HISTORY_TABLE)
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .sqlMigrationSuffixes(".sql")
                .validateMigrationNaming(true)
                .connectRetries(0)
                .load();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
