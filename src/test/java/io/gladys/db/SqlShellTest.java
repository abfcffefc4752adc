package io.gladys.db;

import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The psql goal's core: the built-in prompt driven through its input, and the real psql client. */
@ExtendWith(SharedPostgres.class)
class SqlShellTest {

    static DatabaseTarget db;

    @BeforeAll
    static void database() {
        db = SharedPostgres.referenceDatabase("shell");
    }

    private static String session(String input, boolean interactive, int[] failures) {
        StringWriter out = new StringWriter();
        int failed = new SqlShell(db, new BufferedReader(new StringReader(input)), new PrintWriter(out), interactive)
                .run();
        if (failures != null) {
            failures[0] = failed;
        }
        return out.toString();
    }

    @Test
    void thePromptRunsStatementsAcrossLinesAndGoesOnAfterAnError() {
        int[] failures = new int[1];
        String out = session("""
                CREATE TABLE notes (id int PRIMARY KEY, body text);
                INSERT INTO notes
                  VALUES (1, 'a;b'),
                         (2, 'c'); SELECT * FROM nope;
                SELECT id, body
                  FROM notes ORDER BY id;
                \\x
                \\q
                SELECT 'never run';
                """, false, failures);
        assertThat(out).contains("CREATE TABLE\n")
                .contains("INSERT 0 2\n")
                .contains("ERROR: relation \"nope\" does not exist [SQLSTATE 42P01]\nLINE 1: SELECT * FROM nope\n"
                        + "                      ^")
                .contains(" id | body\n----+------\n  1 | a;b\n  2 | c\n(2 rows)\n")
                .contains("Invalid command \\x. Try \\? for help.")
                .doesNotContain("never run");
        assertThat(failures[0]).isEqualTo(2);
    }

    @Test
    void metaCommandsListAndDescribeTables() {
        String out = session("\\dt\n\\dt heur*\n\\d heuristic_fires\n\\d nothing_here\n\\conninfo\n\\?\n", false, null);
        assertThat(out).contains("List of tables")
                .contains(" public | episodic_events       | table | gladys")
                .contains(" public | gladys_schema_history | table | gladys")
                .contains("(4 rows)")
                .contains("(2 rows)");
        assertThat(out).contains("Table \"public.heuristic_fires\"").contains(" heuristic_id | text")
                .contains("not null")
                .contains("Foreign-key constraints:")
                .contains("REFERENCES heuristics(id) ON DELETE CASCADE")
                .contains("Indexes:")
                .contains("Did not find any relation named \"nothing_here\".")
                .contains("You are connected to database \"" + db.database() + "\" as user \"gladys\"")
                .contains("\\dt [pattern]");
    }

    @Test
    void anInteractiveSessionPromptsAndFollowsTheUsersTransaction() {
        String out = session("""
                CREATE TABLE tx (n int);
                BEGIN;
                INSERT INTO tx
                VALUES (1);
                SELECT 1/0;
                ROLLBACK;
                SELECT count(*) FROM tx;
                """, true, null);
        String db = SqlShellTest.db.database();
        assertThat(out).startsWith("Connected to " + SqlShellTest.db.display() + " as gladys (built-in SQL prompt")
                .contains(db + "=> CREATE TABLE")
                .contains(db + "=*> " + db + "-*> INSERT 0 1")
                .contains("ERROR: division by zero")
                .contains(db + "=!> ROLLBACK")
                .contains(" count\n-------\n     0\n(1 row)");
    }

    @Test
    void atEndOfPipedInputALastStatementWithoutSemicolonRuns() {
        assertThat(session("SELECT 'last' AS word", false, null)).contains(" word\n------\n last\n(1 row)");
    }

    @Test
    void theBuiltInClientIsUsedWhenPsqlIsMissing() {
        DatabaseShell shell = new DatabaseShell(db, DatabaseShell.Client.AUTO, Optional.empty());
        assertThat(shell.usesPsql()).isFalse();
        assertThat(shell.describe()).isEqualTo("the built-in SQL prompt (JDBC)");
        Captured out = new Captured();
        assertThat(shell.command("SELECT name FROM heuristics ORDER BY name LIMIT 1", OutputFormat.CSV, out)).isZero();
        assertThat(out.text()).isEqualTo("name\nLow battery warning\n");
        Captured meta = new Captured();
        shell.command("\\d heuristics", OutputFormat.TEXT, meta);
        assertThat(meta.text()).contains("condition_text");
        assertThatThrownBy(() -> shell.command("\\d nothing", OutputFormat.TEXT, new Captured()))
                .hasMessageContaining("failed");

        StringWriter prompt = new StringWriter();
        int failed = shell.interactive(new BufferedReader(new StringReader("SELECT 2 AS two;\n")),
                new PrintWriter(prompt), false);
        assertThat(failed).isZero();
        assertThat(prompt.toString()).contains(" two\n-----\n   2\n(1 row)");

        assertThatThrownBy(() -> new DatabaseShell(db, DatabaseShell.Client.PSQL, Optional.empty()))
                .hasMessageStartingWith("psql is not on the PATH.");
    }

    @Test
    void psqlRunsACommandWithTheCredentialsInItsEnvironmentOnly(@TempDir Path dir) throws Exception {
        Optional<Path> psql = PsqlClient.find();
        // the invoker build database-goals needs psql too: a machine without it fails both, it skips neither
        assertThat(psql).as("psql is on the PATH (apt-get install postgresql-client)").isPresent();
        DatabaseShell shell = new DatabaseShell(db, DatabaseShell.Client.AUTO, psql);
        assertThat(shell.usesPsql()).isTrue();

        PsqlClient client = new PsqlClient(psql.get(), db);
        ProcessBuilder pb = client.command("SELECT 40 + 2 AS answer", false);
        assertThat(pb.command()).noneMatch(a -> a.contains(db.password().reveal()));
        assertThat(pb.command()).containsSubsequence("-v", "ON_ERROR_STOP=1", "-c", "SELECT 40 + 2 AS answer");
        assertThat(pb.environment()).containsEntry("PGPASSWORD", db.password().reveal())
                .containsEntry("PGDATABASE", db.database()).containsEntry("PGPORT", String.valueOf(db.port()));
        Path out = dir.resolve("out.txt");
        pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(out.toFile()));
        assertThat(PsqlClient.run(pb)).isZero();
        assertThat(Files.readString(out)).contains(" answer \n--------\n     42\n(1 row)");

        Path csv = dir.resolve("csv.txt");
        assertThat(PsqlClient.run(client.command("SELECT 1 AS a", true).redirectOutput(csv.toFile()))).isZero();
        assertThat(Files.readString(csv)).isEqualTo("a\n1\n");

        Path failed = dir.resolve("failed.txt");
        assertThat(PsqlClient.run(client.command("SELECT * FROM nope", false).redirectError(failed.toFile())))
                .isEqualTo(1);
        assertThat(Files.readString(failed)).contains("relation \"nope\" does not exist");

        String secret = "Not-The-Password-99";
        Path refused = dir.resolve("refused.txt");
        PsqlClient wrong = new PsqlClient(psql.get(), SharedPostgres.withPassword(db, secret));
        assertThat(PsqlClient.run(wrong.command("SELECT 1", false).redirectError(refused.toFile()))).isEqualTo(2);
        assertThat(Files.readString(refused)).contains("password authentication failed").doesNotContain(secret);
        assertThat(PsqlClient.exitMeaning(2)).contains("connection");
    }

    /** The built-in client's output, kept in memory. */
    private static final class Captured implements DataSink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintWriter out = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));

        String text() {
            out.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public Writer writer() {
            return out;
        }

        @Override
        public OutputStream stream() {
            out.flush();
            return bytes;
        }

        @Override
        public ProcessBuilder.Redirect processOutput() {
            throw new AssertionError("the built-in client runs no process");
        }

        @Override
        public void commit() {
        }

        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
