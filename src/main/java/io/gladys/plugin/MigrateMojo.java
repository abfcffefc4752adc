package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.db.MigrationStatus;
import io.gladys.db.Migrations;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
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
    protected void run() throws MojoFailureException {
        String only = eitherOf(gladysFile, file);
        try (StackSession stack = openSession()) {
            Migrations migrations = stack.migrations(location(stack));
            String where = stack.database().display();
            if (repair) {
                List<String> done = migrations.repair();
                done.forEach(console()::info);
                console().info(done.isEmpty() ? "Nothing to repair in " + where + "." : "Repaired " + where + ".");
                return;
            }
            if (baseline != null && !baseline.isBlank()) {
                Migrations.Outcome o = migrations.baseline(baseline);
                o.notes().forEach(console()::info);
                console().info("Baselined " + where + " at version " + o.schemaVersion() + ".");
                return;
            }
            if (dryRun) {
                List<MigrationStatus.Migration> plan = migrations.plan(only);
                if (plan.isEmpty()) {
                    console().info("Nothing would run: " + where + " is up to date.");
                } else {
                    console().info("Would apply to " + where + ":");
                    plan.forEach(m -> console().info("  " + m.display()));
                }
                return;
            }
            Migrations.Outcome o = migrations.migrate(only);
            o.notes().forEach(console()::info);
            if (o.applied() == 0) {
                console().info(where + " is up to date" + (o.schemaVersion() == null ? "." : " at version "
                        + o.schemaVersion() + "."));
            } else {
                o.migrations().forEach(m -> console().info("  applied " + m));
                console().info("Applied " + o.applied() + " migration(s) to " + where + "; now at version "
                        + o.schemaVersion() + ".");
            }
        }
    }

    /** The configured directory (which must exist when given), else what the stack's database takes. */
    private String location(StackSession stack) throws MojoFailureException {
        if (database != null && database.migrations != null) {
            return Migrations.filesystem(basedir().resolve(database.migrations.toPath()));
        }
        String location = stack.migrationsLocation();
        if (location == null && stack.hasSchemaBaseline()) {
            return null; // the schema alone
        }
        if (location == null) {
            throw new MojoFailureException("No migrations: " + basedir().resolve("src/db/migrations")
                    + " does not exist. Put the migrations there (001_initial_schema.sql, ...), or point "
                    + "<database><migrations> at their directory.");
        }
        return location;
    }
}
