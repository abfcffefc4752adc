package io.gladys.db;

import java.util.List;
import java.util.function.Consumer;

/**
 * What gladys:migrate does to a database, in one of its modes, and the lines it reports: apply what is
 * due (or exactly one file), list what would run, repair the history after deliberate changes, or adopt a
 * database made before it had a history.
 */
public final class MigrationRun {

    /** The modes of gladys:migrate; one at a time. */
    public enum Mode { MIGRATE, DRY_RUN, REPAIR, BASELINE }

    private MigrationRun() {
    }

    /**
     * The mode the parameters ask for: repair, else a baseline version, else a dry run, else migrate (the
     * first that is given wins, as the goal has always read them).
     */
    public static Mode mode(boolean repair, String baseline, boolean dryRun) {
        if (repair) {
            return Mode.REPAIR;
        }
        if (baseline != null && !baseline.isBlank()) {
            return Mode.BASELINE;
        }
        return dryRun ? Mode.DRY_RUN : Mode.MIGRATE;
    }

    /**
     * Runs the mode on the database's migrations.
     *
     * @param where    how the report names the database ("localhost:5432/gladys")
     * @param argument the one file to apply (MIGRATE, DRY_RUN; null: all that are due), or the baseline version
     * @param report   receives each line of the report
     */
    public static void run(Migrations migrations, String where, Mode mode, String argument, Consumer<String> report) {
        switch (mode) {
            case REPAIR -> {
                List<String> done = migrations.repair();
                done.forEach(report);
                report.accept(done.isEmpty() ? "Nothing to repair in " + where + "." : "Repaired " + where + ".");
            }
            case BASELINE -> {
                Migrations.Outcome o = migrations.baseline(argument);
                o.notes().forEach(report);
                report.accept("Baselined " + where + " at version " + o.schemaVersion() + ".");
            }
            case DRY_RUN -> {
                List<MigrationStatus.Migration> plan = migrations.plan(argument);
                if (plan.isEmpty()) {
                    report.accept("Nothing would run: " + where + " is up to date.");
                } else {
                    report.accept("Would apply to " + where + ":");
                    plan.forEach(m -> report.accept("  " + m.display()));
                }
            }
            case MIGRATE -> {
                Migrations.Outcome o = migrations.migrate(argument);
                o.notes().forEach(report);
                if (o.applied() == 0) {
                    report.accept(where + " is up to date" + (o.schemaVersion() == null ? "." : " at version "
                            + o.schemaVersion() + "."));
                } else {
                    o.migrations().forEach(m -> report.accept("  applied " + m));
                    report.accept("Applied " + o.applied() + " migration(s) to " + where + "; now at version "
                            + o.schemaVersion() + ".");
                }
            }
        }
    }
}
