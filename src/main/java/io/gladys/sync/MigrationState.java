package io.gladys.sync;

import java.util.List;

/**
 * Migration files against the migrations applied in one environment's database.
 *
 * @param environment        the environment's label ("Local DB")
 * @param checked            whether the database answered and was compared
 * @param reason             why it was not checked (null when checked)
 * @param applied            how many versioned migrations the history table records as applied
 * @param pending            migration files not applied yet (script names)
 * @param appliedMissingFile migrations applied but whose file is gone (script names)
 * @param checksumMismatch   migration files changed after they were applied (script names)
 * @param failed             migrations recorded as failed (script names)
 * @param problems           anything else that blocks migrate (a badly named file, a duplicate version,
 *                           a renamed file, a schema without history), as sentences that say what to do
 * @param startCommand       the command that starts this environment's database
 * @param migrateCommand     the command that applies pending migrations
 */
public record MigrationState(String environment, boolean checked, String reason, int applied, List<String> pending,
                             List<String> appliedMissingFile, List<String> checksumMismatch, List<String> failed,
                             List<String> problems, String startCommand, String migrateCommand) {

    public MigrationState {
        pending = List.copyOf(pending);
        appliedMissingFile = List.copyOf(appliedMissingFile);
        checksumMismatch = List.copyOf(checksumMismatch);
        failed = List.copyOf(failed);
        problems = List.copyOf(problems);
    }

    static MigrationState notChecked(EnvironmentTarget env, String reason) {
        return new MigrationState(env.label(), false, reason, 0, List.of(), List.of(), List.of(), List.of(),
                List.of(), env.startCommand(), env.migrateCommand());
    }

    /** Files and history disagree. */
    public boolean drift() {
        return checked && !(pending.isEmpty() && appliedMissingFile.isEmpty() && checksumMismatch.isEmpty()
                && failed.isEmpty() && problems.isEmpty());
    }
}
