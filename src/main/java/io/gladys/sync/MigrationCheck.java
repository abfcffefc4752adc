package io.gladys.sync;

import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.DatabaseUnreachableException;
import io.gladys.db.MigrationStatus;
import io.gladys.db.Migrations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An environment's migration files against its history, read exactly as the migrate goal reads them
 * ({@link Migrations#status()}): what migrate would do, or refuse to do. Nothing is changed.
 */
public final class MigrationCheck {

    private MigrationCheck() {
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
        try {
            return compare(env, new Migrations(target, location).status());
        } catch (DatabaseUnreachableException e) {
            return MigrationState.notChecked(env, "the database at " + target.host() + ":" + target.port()
                    + " does not answer");
        } catch (DatabaseException e) {
            return MigrationState.notChecked(env, e.getMessage());
        }
    }

    /** The migrate goal's own reading of files and history, sorted into what the report shows. */
    private static MigrationState compare(EnvironmentTarget env, MigrationStatus status) {
        List<String> pending = new ArrayList<>();
        status.pending().forEach(m -> pending.add(m.script()));
        List<String> missing = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MigrationStatus.Problem p : status.problems()) {
            switch (p.kind()) {
                case CHECKSUM_MISMATCH -> mismatch.add(p.script());
                case MISSING_FILE -> missing.add(p.script());
                case FAILED -> failed.add(p.script());
                // a file older than the newest applied one: never applied, and migrate will not apply it
                case OUT_OF_ORDER -> pending.add(p.script() + " (older than the applied migrations)");
                // a database migrated from a newer branch: worth knowing, not drift of this checkout
                case FUTURE -> {
                }
                default -> problems.add(p.message());
            }
        }
        int applied = (int) status.applied().stream().filter(MigrationStatus.Migration::success).count();
        return new MigrationState(env.label(), true, null, applied, pending, missing, mismatch, failed, problems,
                env.startCommand(), env.migrateCommand());
    }
}
