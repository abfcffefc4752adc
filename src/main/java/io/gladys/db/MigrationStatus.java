package io.gladys.db;

import java.time.Instant;
import java.util.List;

/**
 * Where a database stands against a migrations directory: what the history records as applied,
 * what is pending, and what is wrong (a file edited after it was applied, a version that arrived
 * out of order, ...). Blocking problems stop migrate until they are resolved.
 *
 * @param location the migrations (a directory, or the plugin's bundled schema)
 * @param applied  migrations the history records as applied, in the order they were
 * @param pending  migrations that migrate would apply, in order
 * @param problems what is wrong, blocking or not
 */
public record MigrationStatus(String location, List<Migration> applied, List<Migration> pending,
                              List<Problem> problems) {

    /**
     * One migration, from its file and/or its history row.
     *
     * @param script          the file name (for a baseline, Flyway's marker)
     * @param checksum        the checksum in the history (applied), else of the file
     * @param installedBy     who applied it; null when pending
     * @param installedOn     when; null when pending
     * @param executionMillis how long it took; null when pending
     * @param success         whether it succeeded (a failed row only remains for a non-transactional migration)
     */
    public record Migration(String version, String description, String script, Integer checksum,
                            String installedBy, Instant installedOn, Integer executionMillis, boolean success) {

        /** "003 add index (003_add_index.sql)" */
        public String display() {
            return (version == null ? "" : version + " ") + description + " (" + script + ")";
        }
    }

    public enum Kind {
        /** a .sql file whose name is not version_description.sql, or that Flyway would treat as something else */
        BAD_NAME,
        /** two files with the same version */
        DUPLICATE_VERSION,
        /** a file changed after it was applied */
        CHECKSUM_MISMATCH,
        /** a file renamed (other description) after it was applied */
        DESCRIPTION_MISMATCH,
        /** a file with a version below the newest applied one, never applied */
        OUT_OF_ORDER,
        /** an applied migration whose file is gone */
        MISSING_FILE,
        /** a history row of a migration that failed part way (only outside a transaction) */
        FAILED,
        /** the schema has tables but no migration history */
        UNTRACKED_SCHEMA,
        /** the history has versions newer than any file (a database migrated from a newer branch); not blocking */
        FUTURE,
        /** the history was written by another set of migrations than the directory holds */
        ANOTHER_SET
    }

    /**
     * @param kind     what is wrong
     * @param script   the file concerned (or files, comma-separated); null when none
     * @param message  what is wrong and what to do, in a sentence or two
     * @param blocking whether migrate refuses to run while it is there
     */
    public record Problem(Kind kind, String script, String message, boolean blocking) {
    }

    public List<Problem> blocking() {
        return problems.stream().filter(Problem::blocking).toList();
    }

    /** No pending migration and nothing blocking. */
    public boolean upToDate() {
        return pending.isEmpty() && blocking().isEmpty();
    }

    /** The version of the newest applied migration, or null when none is. */
    public String currentVersion() {
        return applied.stream().filter(Migration::success).map(Migration::version)
                .filter(v -> v != null).reduce((a, b) -> b).orElse(null);
    }
}
