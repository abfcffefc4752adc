package io.gladys.db;

import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;
import org.postgresql.util.PSQLWarning;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs SQL for the query goal: one statement, or a {@code ;}-separated script, printing each result
 * as it streams from the server (a cursor with a fetch size, so a million rows print in constant
 * memory).
 * <p>
 * Transactions: a single statement runs in its own transaction. A script runs in <em>one</em>
 * transaction: when a statement fails, everything the script did is rolled back, so a script is
 * never half applied. A script therefore may not end or open transactions itself (COMMIT, ROLLBACK,
 * BEGIN) nor hold statements that PostgreSQL refuses inside a transaction (VACUUM, CREATE
 * DATABASE, ... CONCURRENTLY); those are refused before anything runs. A plain
 * {@code BEGIN; ... COMMIT;} around the whole script is accepted: it asks for what happens anyway.
 * Text with one statement runs as a single statement, whether it came from a file or not.
 * <p>
 * CSV of a single query is made by the server ({@link CsvCopy}: {@code COPY (query) TO STDOUT}),
 * written to the output as bytes; scripts, statements COPY cannot wrap, text and JSON go through the
 * cursor.
 */
public final class QueryRunner {

    public static final int DEFAULT_FETCH_SIZE = 1000;
    /** Rows the text format looks at to choose column widths (see {@link TextResultPrinter}). */
    public static final int DEFAULT_ALIGN_WINDOW = 500;

    private final DatabaseTarget target;
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private int alignWindow = DEFAULT_ALIGN_WINDOW;

    public QueryRunner(DatabaseTarget target) {
        this.target = target;
    }

    public QueryRunner fetchSize(int rows) {
        this.fetchSize = Math.max(1, rows);
        return this;
    }

    public QueryRunner alignWindow(int rows) {
        this.alignWindow = Math.max(1, rows);
        return this;
    }

    /** Runs the SQL file (UTF-8) as a script. */
    public QueryResult runFile(Path file, OutputFormat format, Writer out) {
        return run(read(file), format, out);
    }

    /** Runs the SQL file (UTF-8) as a script, into a sink (CSV goes to it as bytes). */
    public QueryResult runFile(Path file, OutputFormat format, DataSink out) {
        return run(read(file), format, out);
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatabaseException("The SQL file " + file + " does not exist.");
        }
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatabaseException("Cannot read the SQL file " + file + ": " + e.getMessage(), e);
        }
        return sql;
    }

    /** Runs one statement or a script, writing the results to {@code out} in the given format. */
    public QueryResult run(String sql, OutputFormat format, Writer out) {
        return run(sql, format, () -> out, () -> null, (copy, q) -> {
            long rows = copy.copyOut(q, out);
            out.flush();
            return rows;
        });
    }

    /**
     * Runs one statement or a script into a sink; the server's CSV and the text format's rows go to
     * {@link DataSink#stream()} as bytes, everything else through {@link DataSink#writer()}.
     */
    public QueryResult run(String sql, OutputFormat format, DataSink out) {
        return run(sql, format, out::writer, out::stream, (copy, q) -> copy.copyOut(q, out.stream()));
    }

    private QueryResult run(String sql, OutputFormat format, Supplier<Writer> out, Supplier<OutputStream> bytes,
                            CsvCopy.Target csv) {
        List<SqlStatement> statements = SqlScript.parse(sql == null ? "" : sql).all();
        if (statements.isEmpty()) {
            throw new DatabaseException("The SQL is empty: there is no statement to run.");
        }
        if (statements.size() > 1) {
            statements = scriptStatements(statements);
        }
        try (Connection c = target.connect()) {
            if (statements.size() == 1 && format == OutputFormat.CSV && CsvCopy.applies(statements.get(0))) {
                QueryResult copied = copy(c, statements.get(0), csv);
                if (copied != null) {
                    return copied;
                }
            }
            Writer writer = out.get();
            ResultPrinter printer = ResultPrinter.of(format, writer, format == OutputFormat.TEXT ? bytes.get() : null,
                    alignWindow);
            if (statements.size() == 1) {
                return single(c, statements.get(0), printer);
            }
            return script(c, statements, printer);
        } catch (SQLException e) {
            // closing the connection failed; the work itself was committed or rolled back already
            throw new DatabaseException("Lost the connection to " + target.display() + ": "
                    + DatabaseErrors.firstLine(e), e);
        }
    }

    /** Accepts a plain BEGIN ... COMMIT around the script; refuses other transaction handling. */
    private static List<SqlStatement> scriptStatements(List<SqlStatement> statements) {
        List<SqlStatement> body = statements;
        if (statements.get(0).isPlainBegin() && statements.get(statements.size() - 1).isCommit()) {
            body = statements.subList(1, statements.size() - 1);
        }
        for (SqlStatement s : body) {
            if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL) {
                throw new DatabaseException("The script's " + s.describe() + " handles the transaction itself, but a "
                        + "script runs in one transaction of its own (all or nothing). Remove its BEGIN/COMMIT/"
                        + "ROLLBACK, or run the statements one at a time. Nothing was run.");
            }
            if (s.kind() == SqlStatement.Kind.NO_TRANSACTION) {
                throw new DatabaseException("The script's " + s.describe() + " cannot run inside a transaction, and "
                        + "a script runs in one transaction. Run that statement on its own. Nothing was run.");
            }
        }
        if (body.isEmpty()) {
            throw new DatabaseException("The script holds only BEGIN and COMMIT: there is no statement to run.");
        }
        return body;
    }

    /**
     * A query's CSV through COPY, in its own transaction. Returns null when the server refused the
     * statement before running it: the caller runs it as written, so the error is reported exactly as
     * for the user's text. A later error has its position moved back to the user's text.
     */
    private QueryResult copy(Connection c, SqlStatement s, CsvCopy.Target csv) {
        try {
            c.setAutoCommit(false);
            long rows = CsvCopy.run(c, s, csv);
            List<String> notices = notices(c);
            c.commit();
            return new QueryResult(List.of(new QueryResult.Statement(s.number(), s.tag(rows), rows, true, notices)),
                    QueryResult.Mode.SINGLE);
        } catch (SQLException e) {
            rollback(c, true);
            if (CsvCopy.refusedBeforeRunning(e)) {
                return null;
            }
            throw MissingExtensionException.of(DatabaseErrors.statementFailure(e, s, CsvCopy.PREFIX.length()), e,
                    target);
        } catch (IOException e) {
            rollback(c, true);
            throw new DatabaseException("Could not write the result: " + e.getMessage(), e);
        }
    }

    /** Notices the server sent during COPY (the driver keeps them on the connection). */
    private static List<String> notices(Connection c) throws SQLException {
        List<String> notices = noticeTexts(c.getWarnings());
        c.clearWarnings();
        return notices;
    }

    private static List<String> noticeTexts(SQLWarning first) {
        List<String> notices = new ArrayList<>();
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            notices.add(noticeText(w));
        }
        return notices;
    }

    private static String noticeText(SQLWarning w) {
        return w instanceof PSQLWarning p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getSeverity() + ": " + p.getServerErrorMessage().getMessage()
                : DatabaseErrors.firstLine(w);
    }

    private QueryResult single(Connection c, SqlStatement s, ResultPrinter printer) {
        boolean transaction = s.kind() == SqlStatement.Kind.ORDINARY;
        try {
            c.setAutoCommit(!transaction);
            printer.start(false);
            List<QueryResult.Statement> done = new ArrayList<>(execute(c, s, printer, fetchSize));
            if (transaction) {
                c.commit();
            }
            printer.finish();
            return new QueryResult(done, transaction ? QueryResult.Mode.SINGLE : QueryResult.Mode.AUTOCOMMIT);
        } catch (SQLException e) {
            rollback(c, transaction);
            flushQuietly(printer);
            throw MissingExtensionException.of(DatabaseErrors.statementFailure(e, s), e, target);
        } catch (IOException e) {
            rollback(c, transaction);
            throw new DatabaseException("Could not write the result: " + e.getMessage(), e);
        }
    }

    private QueryResult script(Connection c, List<SqlStatement> statements, ResultPrinter printer) {
        SqlStatement current = null;
        try {
            c.setAutoCommit(false);
            printer.start(true);
            List<QueryResult.Statement> done = new ArrayList<>();
            for (SqlStatement s : statements) {
                current = s;
                done.addAll(execute(c, s, printer, fetchSize));
            }
            current = null;
            c.commit();
            printer.finish();
            return new QueryResult(done, QueryResult.Mode.SCRIPT);
        } catch (SQLException e) {
            rollback(c, true);
            flushQuietly(printer);
            if (current == null) {
                throw new DatabaseException("The script's COMMIT failed, so nothing it did was kept: "
                        + DatabaseErrors.statementFailure(e), e);
            }
            throw MissingExtensionException.of("The script's " + current.describe() + " failed: "
                    + DatabaseErrors.statementFailure(e, current)
                    + "\nThe script ran in one transaction, which was rolled back: nothing was changed.", e, target);
        } catch (IOException e) {
            rollback(c, true);
            throw new DatabaseException("Could not write the result (the script was rolled back): " + e.getMessage(), e);
        }
    }

    /**
     * Executes one statement on a connection whose transaction the caller handles, and prints each
     * result it gives. Rows stream through a cursor when the connection is not in autocommit mode.
     */
    static List<QueryResult.Statement> execute(Connection c, SqlStatement s, ResultPrinter printer, int fetchSize)
            throws SQLException, IOException {
        List<QueryResult.Statement> results = new ArrayList<>();
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // the text goes to the server as written: no JDBC {fn ...} escape rewriting
            st.setEscapeProcessing(false);
            st.setFetchSize(fetchSize);
            boolean isResultSet = st.execute(s.text());
            while (true) {
                if (isResultSet) {
                    long rows;
                    try (ResultSet rs = st.getResultSet()) {
                        rows = printer.rows(s, rs);
                    }
                    results.add(new QueryResult.Statement(s.number(), s.tag(rows), rows, true, notices(st, printer)));
                } else {
                    long count = st.getLargeUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    printer.count(s, count);
                    results.add(new QueryResult.Statement(s.number(), s.tag(Math.max(0, count)), count, false,
                            notices(st, printer)));
                }
                isResultSet = st.getMoreResults();
            }
        }
        return results;
    }

    private static List<String> notices(Statement st, ResultPrinter printer) throws SQLException, IOException {
        List<String> notices = noticeTexts(st.getWarnings());
        for (String text : notices) {
            printer.notice(text);
        }
        st.clearWarnings();
        return notices;
    }

    private static void rollback(Connection c, boolean transaction) {
        if (!transaction) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    private static void flushQuietly(ResultPrinter printer) {
        try {
            printer.flush();
        } catch (IOException ignored) {
            // the error that follows is the one that matters
        }
    }
}
