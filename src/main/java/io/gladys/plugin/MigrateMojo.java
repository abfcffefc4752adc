package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.db.MigrationRun;
import io.gladys.db.Migrations;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Applies versioned SQL migrations (001_initial_schema.sql, ...) from the migrations directory, each in
 * its own transaction, recorded with checksum, who, when and how long in gladys_schema_history. A file
 * changed after it was applied, a version out of order, a duplicate version or a badly named file block
 * the run until resolved.
 */
@Mojo(name = "migrate", requiresProject = false, threadSafe = true)
public class MigrateMojo extends AbstractGladysMojo {

    /** Apply only this migration (file name, path or version): it must be the next one due. */
    @Parameter(property = PropertyNames.FILE_SHORT)
    protected String file;

    /** The same as {@code file}, under a namespaced name. */
    @Parameter(property = PropertyNames.FILE)
    protected String gladysFile;

    /** List what would run, run nothing. */
    @Parameter(property = PropertyNames.MIGRATE_DRY_RUN, defaultValue = "false")
    protected boolean dryRun;

    /**
     * Bring the history in line with the files after a deliberate change: record the new checksums of
     * edited files, mark deleted files as deleted, remove failed entries. Runs no migration.
     */
    @Parameter(property = PropertyNames.MIGRATE_REPAIR, defaultValue = "false")
    protected boolean repair;

    /** Record the migrations up to this version as applied without running them (a database made before). */
    @Parameter(property = PropertyNames.MIGRATE_BASELINE)
    protected String baseline;

    @Override
    protected void run() {
        try (StackSession stack = openSession()) {
            Migrations migrations = stack.migrationsToApply(database == null || database.migrations == null ? null
                    : database.migrations.toPath());
            MigrationRun.Mode mode = MigrationRun.mode(repair, baseline, dryRun);
            MigrationRun.run(migrations, stack.database().display(), mode,
                    mode == MigrationRun.Mode.BASELINE ? baseline : eitherOf(gladysFile, file), console()::info);
        }
    }
}
