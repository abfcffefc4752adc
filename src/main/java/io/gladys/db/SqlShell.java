package io.gladys.db;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A line-oriented SQL prompt over JDBC, for machines without the psql client. Statements may span
 * lines and end with {@code ;}; each one commits on its own unless a {@code BEGIN} opened a
 * transaction. A failed statement prints its error and the session goes on. Meta commands:
 * {@code \q}, {@code \?}, {@code \dt}, {@code \d [table]}, {@code \conninfo}. Ends at end of input;
 * when input is not a terminal, a last statement without a semicolon still runs, as with psql.
 */
public final class SqlShell {

    private final DatabaseTarget target;
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean interactive;
    private final int fetchSize;
    private int failures;

    /**
     * @param interactive whether a person types the input: prompts and a banner are shown
     */
    public SqlShell(DatabaseTarget target, BufferedReader in, PrintWriter out, boolean interactive) {
        this(target, in, out, interactive, QueryRunner.DEFAULT_FETCH_SIZE);
    }

    SqlShell(DatabaseTarget target, BufferedReader in, PrintWriter out, boolean interactive, int fetchSize) {
        this.target = target;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
        this.fetchSize = fetchSize;
    }

    /** Runs the session until {@code \q} or end of input; returns how many statements failed. */
    public int run() {
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            if (interactive) {
                out.println("Connected to " + target.display() + " as " + target.user()
                        + " (built-in SQL prompt; \\? for help, \\q to quit).");
            }
            loop(c);
        } catch (SQLException e) {
            throw new DatabaseException("Lost the connection to " + target.display() + ": "
                    + DatabaseErrors.firstLine(e), e);
        } catch (IOException e) {
            throw new DatabaseException("Cannot read the SQL input: " + e.getMessage(), e);
        } finally {
            out.flush();
        }
        return failures;
    }

    private void loop(Connection c) throws IOException, SQLException {
        StringBuilder buffer = new StringBuilder();
        prompt(c, buffer);
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.startsWith("\\")) {
                if (!meta(c, trimmed)) {
                    return;
                }
                prompt(c, buffer);
                continue;
            }
            buffer.append(line).append('\n');
            SqlScript parsed = SqlScript.parse(buffer.toString());
            for (SqlStatement s : parsed.terminated()) {
                if (!statement(c, s)) {
                    return;
                }
            }
            buffer.setLength(0);
            buffer.append(parsed.tail());
            prompt(c, buffer);
        }
        if (!interactive && !buffer.toString().isBlank()) {
            for (SqlStatement s : SqlScript.parse(buffer.toString()).all()) {
                statement(c, s);
            }
        }
        if (interactive) {
            out.println();
        }
    }

    private void prompt(Connection c, StringBuilder buffer) throws SQLException {
        if (!interactive) {
            return;
        }
        String state = switch (transactionState(c)) {
            case OPEN -> "*";
            case FAILED -> "!";
            default -> "";
        };
        out.print(target.database() + (buffer.toString().isBlank() ? "=" : "-") + state + "> ");
        out.flush();
    }

    private static TransactionState transactionState(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    /** Runs one statement and prints its result or error; false when the connection is gone. */
    private boolean statement(Connection c, SqlStatement s) throws SQLException {
        TextResultPrinter printer = new TextResultPrinter(out, QueryRunner.DEFAULT_ALIGN_WINDOW);
        // outside a transaction the user opened, an ordinary statement gets its own one, so that its
        // rows can stream through a cursor (the driver needs autocommit off for that)
        boolean own = transactionState(c) == TransactionState.IDLE && s.kind() == SqlStatement.Kind.ORDINARY;
        boolean lost = false;
        try {
            if (own) {
                c.setAutoCommit(false);
            }
            QueryRunner.execute(c, s, printer, fetchSize);
            if (own) {
                c.commit();
            }
        } catch (SQLException e) {
            failures++;
            lost = c.isClosed() || (e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P")));
            if (own && !lost) {
                c.rollback();
            }
            // as psql does at a prompt, error lines count from the statement's first line
            out.println(DatabaseErrors.statementFailure(e, SqlStatement.of(s.text(), s.number(), 1)));
        } catch (IOException e) {
            throw new DatabaseException("Cannot write the result: " + e.getMessage(), e);
        } finally {
            if (own && !lost) {
                c.setAutoCommit(true);
            }
        }
        out.println();
        out.flush();
        if (lost) {
            out.println("The connection to the server was lost; the session ends.");
            return false;
        }
        return true;
    }

    /** Runs a backslash command; false for \q. */
    private boolean meta(Connection c, String command) throws SQLException {
        String[] parts = command.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0]) {
            case "\\q" -> {
                return false;
            }
            case "\\?" -> help();
            case "\\dt" -> relations(c, arg, "'r','p'", "List of tables");
            case "\\d" -> {
                if (arg.isEmpty()) {
                    relations(c, "", "'r','p','v','m','S','f'", "List of relations");
                } else {
                    describe(c, arg);
                }
            }
            case "\\conninfo" -> out.println("You are connected to database \"" + target.database() + "\" as user \""
                    + target.user() + "\" on host \"" + target.host() + "\" at port \"" + target.port() + "\".");
            default -> {
                failures++;
                out.println("Invalid command " + parts[0] + ". Try \\? for help.");
            }
        }
        out.flush();
        return true;
    }

    private void help() {
        out.println("""
                Statements end with ; and may span lines. Each commits on its own unless BEGIN opened a transaction.
                  \\q              quit
                  \\dt [pattern]   list tables (pattern: * matches anything)
                  \\d [name]       list relations, or describe a table, view or sequence
                  \\conninfo       show the connection
                  \\?              this help""");
    }

    private void relations(Connection c, String pattern, String kinds, String title) throws SQLException {
        // kinds is one of two fixed literals above, never user input; the pattern is a bind parameter
        String sql = "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\", "
                + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view' "
                + "WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END AS \"Type\", "
                + "pg_get_userbyid(c.relowner) AS \"Owner\" "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN (" + kinds + ") AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                + "AND n.nspname !~ '^pg_toast' AND pg_table_is_visible(c.oid) AND c.relname LIKE ? "
                + "ORDER BY 1, 2";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String like = pattern.isEmpty() ? "%" : pattern.replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_").replace('*', '%').replace('?', '_');
            ps.setString(1, like);
            out.println("        " + title);
            print(ps, "relations");
        } catch (SQLException e) {
            failures++;
            out.println(DatabaseErrors.statementFailure(e));
        }
    }

    private void describe(Connection c, String name) throws SQLException {
        long oid;
        String title;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, CASE c.relkind WHEN 'r' THEN 'Table' "
                + "WHEN 'p' THEN 'Partitioned table' WHEN 'v' THEN 'View' WHEN 'm' THEN 'Materialized view' "
                + "WHEN 'S' THEN 'Sequence' WHEN 'i' THEN 'Index' WHEN 'f' THEN 'Foreign table' ELSE 'Relation' END "
                + "|| ' \"' || n.nspname || '.' || c.relname || '\"' FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    failures++;
                    out.println("Did not find any relation named \"" + name + "\".");
                    return;
                }
                oid = rs.getLong(1);
                title = rs.getString(2);
            }
        } catch (SQLException e) {
            failures++;
            out.println(DatabaseErrors.statementFailure(e));
            return;
        }
        out.println("        " + title);
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname AS \"Column\", "
                + "format_type(a.atttypid, a.atttypmod) AS \"Type\", "
                + "CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS \"Nullable\", "
                + "pg_get_expr(d.adbin, d.adrelid) AS \"Default\" "
                + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            print(ps, "columns");
        }
        lines(c, "Indexes:", "SELECT '    ' || quote_ident(i.relname) || ' ' || "
                + "regexp_replace(pg_get_indexdef(x.indexrelid), '^.* USING ', '') "
                + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ? ORDER BY i.relname", oid);
        lines(c, "Foreign-key constraints:", "SELECT '    ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE conrelid = ? AND contype = 'f' ORDER BY conname", oid);
        lines(c, "Referenced by:", "SELECT '    TABLE ' || conrelid::regclass::text || ' CONSTRAINT ' "
                + "|| quote_ident(conname) || ' ' || pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE confrelid = ? AND contype = 'f' ORDER BY 1", oid);
        out.println();
    }

    private void print(PreparedStatement ps, String what) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            new TextResultPrinter(out, QueryRunner.DEFAULT_ALIGN_WINDOW)
                    .rows(SqlStatement.of("SELECT " + what, 0, 1), rs);
        } catch (IOException e) {
            throw new DatabaseException("Cannot write the result: " + e.getMessage(), e);
        }
    }

    private void lines(Connection c, String title, String sql, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        out.println(title);
                        first = false;
                    }
                    out.println(rs.getString(1));
                }
            }
        }
    }
}
