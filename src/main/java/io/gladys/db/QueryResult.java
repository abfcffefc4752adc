package io.gladys.db;

import java.util.List;

/**
 * What a query run did: one entry per statement, and how the statements were committed.
 *
 * @param statements the statements, in order
 * @param mode       how they ran
 */
public record QueryResult(List<Statement> statements, Mode mode) {

    public enum Mode {
        /** one statement in its own transaction, committed */
        SINGLE,
        /** one statement that PostgreSQL runs outside a transaction (VACUUM, BEGIN, ...) */
        AUTOCOMMIT,
        /** several statements in one transaction, committed together */
        SCRIPT
    }

    /**
     * @param number   the statement's number in the script (1 for a single statement)
     * @param tag      psql's command tag, e.g. {@code SELECT 3}, {@code UPDATE 2}, {@code CREATE TABLE}
     * @param rows     rows returned, or rows affected for a statement without a result set; -1 when none
     * @param returnedRows whether the statement returned a result set
     * @param notices  server notices it raised (NOTICE, WARNING)
     */
    public record Statement(int number, String tag, long rows, boolean returnedRows, List<String> notices) {
    }

    /** One line for the log, e.g. "3 statements ran in one transaction and were committed." */
    public String summary() {
        return switch (mode) {
            case SINGLE, AUTOCOMMIT -> statements.isEmpty() ? "Nothing ran." : statements.get(0).tag();
            case SCRIPT -> statements.size() + " statements ran in one transaction and were committed.";
        };
    }
}
