package io.gladys.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * CSV made by the server: a query runs as {@code COPY (query) TO STDOUT WITH (FORMAT csv, HEADER)},
 * and the bytes PostgreSQL sends go to the output as they come, without a value ever becoming a Java
 * object. The result is what {@code psql --csv} prints: RFC 4180 quoting, NULL as an empty field, an
 * empty string as {@code ""}.
 * <p>
 * Only a single query whose rows are its result can be wrapped (SELECT, VALUES, TABLE, WITH ... SELECT,
 * not SELECT ... INTO); anything else runs through the cursor like the other formats.
 */
final class CsvCopy {

    /** What is put before the user's text; error positions are moved back by its length. */
    static final String PREFIX = "COPY (";
    // the line break ends a trailing -- comment of the user's text before the closing parenthesis
    private static final String SUFFIX = "\n) TO STDOUT WITH (FORMAT csv, HEADER)";

    /** Where the server's CSV goes: the bytes themselves, or a Writer (decoded). */
    interface Target {
        long copy(CopyManager copy, String sql) throws SQLException, IOException;
    }

    private CsvCopy() {
    }

    static boolean applies(SqlStatement s) {
        return switch (s.verb()) {
            case "SELECT", "VALUES", "TABLE" -> !s.words(Integer.MAX_VALUE).contains("into");
            default -> false;
        };
    }

    static String wrap(SqlStatement s) {
        return PREFIX + s.text() + SUFFIX;
    }

    /** Streams the statement's rows as CSV into {@code target}; returns the number of rows. */
    static long run(Connection c, SqlStatement s, Target target) throws SQLException, IOException {
        return target.copy(c.unwrap(PGConnection.class).getCopyAPI(), wrap(s));
    }

    /**
     * Whether the server refused the statement before running any of it (SQLSTATE class 42: syntax,
     * unknown table or column, privileges): running it again as written through the cursor has no
     * effect twice and gives the message as the user's own text causes it (a syntax error at the end
     * of the text is otherwise reported at the wrapper's closing parenthesis).
     */
    static boolean refusedBeforeRunning(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("42");
    }
}
