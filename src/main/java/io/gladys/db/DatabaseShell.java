package io.gladys.db;

import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The psql goal's choice of client: the real {@code psql} when it is on the PATH (unless the
 * built-in one is asked for), else the built-in {@link SqlShell} over JDBC.
 */
public final class DatabaseShell {

    public enum Client {
        /** psql when it is on the PATH, else the built-in prompt */
        AUTO,
        /** psql, or an error when it is missing */
        PSQL,
        /** the built-in prompt, even when psql is there */
        BUILTIN
    }

    private final DatabaseTarget target;
    private final PsqlClient psql;

    /**
     * @param psqlOnPath where psql is ({@link PsqlClient#find()}), or empty
     */
    public DatabaseShell(DatabaseTarget target, Client client, Optional<Path> psqlOnPath) {
        this.target = target;
        if (client == Client.PSQL && psqlOnPath.isEmpty()) {
            throw new DatabaseException("psql is not on the PATH. Install the PostgreSQL client, or leave the client "
                    + "choice on auto to use the built-in SQL prompt.");
        }
        this.psql = client == Client.BUILTIN ? null : psqlOnPath.map(p -> new PsqlClient(p, target)).orElse(null);
    }

    public static DatabaseShell forTarget(DatabaseTarget target, Client client) {
        return new DatabaseShell(target, client, PsqlClient.find());
    }

    public boolean usesPsql() {
        return psql != null;
    }

    /** Which client runs, for the log: "psql (/usr/bin/psql)" or "the built-in SQL prompt". */
    public String describe() {
        return psql != null ? "psql (" + psql.executable() + ")" : "the built-in SQL prompt (JDBC)";
    }

    /**
     * Runs one command. With psql, its output goes where {@code out} sends a process's output and the
     * format may be text or csv (json is printed by the built-in client, psql has none). With the
     * built-in client, SQL runs as in the query goal, and a backslash command as at the prompt.
     *
     * @return 0 on success; psql's exit code otherwise (the built-in client throws instead)
     */
    public int command(String sql, OutputFormat format, DataSink out) {
        if (sql == null || sql.isBlank()) {
            throw new DatabaseException("The command is empty.");
        }
        if (psql != null && format != OutputFormat.JSON) {
            return PsqlClient.run(psql.command(sql, format == OutputFormat.CSV).redirectOutput(out.processOutput()));
        }
        if (sql.strip().startsWith("\\")) {
            PrintWriter pw = out.writer() instanceof PrintWriter p ? p : new PrintWriter(out.writer());
            int failed = new SqlShell(target, new BufferedReader(new StringReader(sql.strip() + "\n")), pw, false).run();
            if (failed > 0) {
                throw new DatabaseException("The command " + sql.strip() + " failed (see above).");
            }
            return 0;
        }
        new QueryRunner(target).run(sql, format, out);
        return 0;
    }

    /**
     * An interactive session on this process's terminal: psql with inherited standard streams, or
     * the built-in prompt reading {@code in} and writing {@code out}.
     *
     * @return psql's exit code, or for the built-in prompt the number of statements that failed
     */
    public int interactive(BufferedReader in, PrintWriter out, boolean terminal) {
        if (psql != null) {
            return PsqlClient.run(psql.interactive());
        }
        return new SqlShell(target, in, out, terminal).run();
    }
}
