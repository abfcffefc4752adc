package io.gladys.db;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The query goal's core against a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class QueryRunnerTest {

    static DatabaseTarget db;
    static QueryRunner runner;

    @BeforeAll
    static void schema() {
        db = SharedPostgres.emptyDatabase("query");
        runner = new QueryRunner(db);
        run("""
                CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2), active boolean,
                                    tags text[], meta jsonb, seen timestamptz, ratio float8);
                INSERT INTO items VALUES
                  (1, 'plain', 9.50, true, '{a,b}', '{"k": [1, 2]}', '2024-05-01 10:00:00+00', 0.5),
                  (2, 'comma, "quoted"', 12.00, false, '{}', null, null, 'NaN'),
                  (3, '', null, null, null, null, null, null),
                  (4, e'two\\nlines', 100000.25, true, '{x}', '"s"', '2024-05-02 11:30:00+00', 1e30);
                """, OutputFormat.TEXT);
    }

    private static String run(String sql, OutputFormat format) {
        StringWriter out = new StringWriter();
        runner.run(sql, format, out);
        return out.toString();
    }

    @Test
    void textIsAnAlignedTableWithARowCount() {
        String out = run("SELECT id, name, price, active FROM items ORDER BY id", OutputFormat.TEXT);
        assertThat(out).isEqualTo("""
                 id |      name       |   price   | active
                ----+-----------------+-----------+--------
                  1 | plain           |      9.50 | t
                  2 | comma, "quoted" |     12.00 | f
                  3 |                 |           |
                  4 | two\\nlines      | 100000.25 | t
                (4 rows)
                """);
        assertThat(run("SELECT 1 AS one WHERE false", OutputFormat.TEXT)).isEqualTo(" one\n-----\n(0 rows)\n");
    }

    @Test
    void laterRowsWiderThanTheAlignmentWindowOverflowInsteadOfBeingHeld() {
        StringWriter out = new StringWriter();
        new QueryRunner(db).alignWindow(2).run("SELECT v FROM (VALUES (1, 'a'), (2, 'bb'), (3, 'wider')) t(k, v) "
                + "ORDER BY k", OutputFormat.TEXT, out);
        assertThat(out.toString()).isEqualTo(" v\n----\n a\n bb\n wider\n(3 rows)\n");
    }

    @Test
    void csvQuotesAsRfc4180AndTellsNullFromEmpty() {
        String out = run("SELECT id, name, price FROM items ORDER BY id", OutputFormat.CSV);
        assertThat(out).isEqualTo("""
                id,name,price
                1,plain,9.50
                2,"comma, ""quoted\"\"\",12.00
                3,"",
                4,"two
                lines",100000.25
                """);
    }

    @Test
    void textWidthsCountCharactersNotBytesAndShowEscapesAndByteaAsPsqlDoes(@TempDir Path dir) throws IOException {
        String sql = "SELECT * FROM (VALUES ('grüße', '\\x41'::bytea, e'a\\tb', 'end  ', 1.5),"
                + " ('\uD83D\uDE00x', NULL, 'c', e'x\\u3000', -2), ('x', '', e'l1\\nl2\\r', NULL, NULL)) v(a, b, c, d, n)";
        assertThat(run(sql, OutputFormat.TEXT)).isEqualTo("""
                   a   |  b   |    c     |   d   |  n
                -------+------+----------+-------+-----
                 grüße | \\x41 | a\\tb     | end   | 1.5
                 \uD83D\uDE00x   |      | c        | x\u3000    |  -2
                 x     | \\x   | l1\\nl2\\r |       |
                (3 rows)
                """);
        // into a sink, the rows go out as bytes: the same text
        try (DataSink sink = DataSink.open("table.txt", dir)) {
            runner.run(sql + "; SELECT 1 AS one", OutputFormat.TEXT, sink);
            sink.commit();
        }
        assertThat(Files.readString(dir.resolve("table.txt"))).isEqualTo(run(sql + "; SELECT 1 AS one", OutputFormat.TEXT));
        // trailing whitespace of the last column is not printed, whatever its encoding
        assertThat(run("SELECT e'x\\u3000 ' AS z", OutputFormat.TEXT)).isEqualTo("  z\n-----\n x\n(1 row)\n");
    }

    @Test
    void csvOfAQueryIsMadeByTheServerThroughCopy() {
        // current_query() is the text the server runs: the query wrapped in COPY
        assertThat(run("SELECT current_query() AS q", OutputFormat.CSV)).startsWith("q\n\"COPY (SELECT current_query()");
        assertThat(run("SELECT current_query() AS q", OutputFormat.TEXT)).doesNotContain("COPY");
        // what COPY cannot wrap runs through the cursor, with the same CSV
        assertThat(run("SELECT 7 AS n; SELECT current_query() AS q", OutputFormat.CSV))
                .startsWith("n\n7\n\nq\n").doesNotContain("COPY");
        assertThat(run("SHOW client_encoding", OutputFormat.CSV)).isEqualTo("client_encoding\nUTF8\n");
    }

    @Test
    void csvThroughCopyQuotesNullsQuotesNewlinesAndCommasAsBefore() {
        String sql = "SELECT * FROM (VALUES (1, NULL, 'a,b', 'say \"hi\"', e'one\\ntwo', '', 'grüße \u2603'),"
                + " (2, 'x', NULL, NULL, e'cr\\rlf', ' ', 'plain')) v(\"id\", \"may be, null\", c, q, nl, e, u)"
                + " -- a trailing comment";
        String expected = "id,\"may be, null\",c,q,nl,e,u\n"
                + "1,,\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\",\"\",grüße \u2603\n"
                + "2,x,,,\"cr\rlf\", ,plain\n";
        assertThat(run(sql, OutputFormat.CSV)).isEqualTo(expected);
        // the Java printer (the cursor path) and the server agree
        StringWriter printed = new StringWriter();
        new QueryRunner(db).run(sql + "\n;SELECT 1 WHERE false", OutputFormat.CSV, printed);
        assertThat(printed.toString()).isEqualTo(expected + "\n?column?\n");
        assertThat(run("SELECT id, name FROM items WHERE false", OutputFormat.CSV)).isEqualTo("id,name\n");
    }

    @Test
    void csvThroughCopyFailsWithTheSameMessageAndPositionAsTheOtherFormats() {
        for (String bad : List.of("SELECT id FROM items WHER id = 1", "SELECT id FROM items WHERE", "SELECT nope FROM items",
                "SELECT id FROM nowhere", "SELECT\n  id,\n  'x'::int FROM items", "SELECT 1 / (id - 3) FROM items ORDER BY id")) {
            String text = catchThrowable(() -> run(bad, OutputFormat.TEXT)).getMessage();
            assertThatThrownBy(() -> run(bad, OutputFormat.CSV)).isInstanceOf(DatabaseException.class)
                    .hasMessage(text);
        }
        // an error outside class 42 is not a refusal the statement is rerun for: 22P02 comes while the server
        // analyses the wrapped query, and its position is moved back to the user's text
        assertThatThrownBy(() -> run("SELECT\n  id,\n  'x'::int FROM items", OutputFormat.CSV))
                .hasMessage("ERROR: invalid input syntax for type integer: \"x\" [SQLSTATE 22P02]\n"
                        + "LINE 3:   'x'::int FROM items\n"
                        + "          ^");
        assertThatThrownBy(() -> run("SELECT id FROM items WHERE", OutputFormat.CSV))
                .hasMessageContaining("syntax error at end of input");
        // an error while rows are produced (the third row divides by zero): the server's message, no position,
        // nothing of the COPY that wrapped the query
        String runtime = "SELECT 1/(g-3) FROM generate_series(1,5) g";
        assertThatThrownBy(() -> run(runtime, OutputFormat.CSV)).isInstanceOf(DatabaseException.class)
                .hasMessage(catchThrowable(() -> run(runtime, OutputFormat.TEXT)).getMessage())
                .hasMessageStartingWith("ERROR: division by zero [SQLSTATE 22012]")
                .hasMessageNotContaining("LINE").hasMessageNotContaining("COPY");
    }

    @Test
    void jsonIsAnArrayOfTypedObjects() {
        String out = run("SELECT * FROM items ORDER BY id", OutputFormat.JSON);
        JsonArray rows = onlyStatement(out).getAsJsonArray("rows");
        assertThat(rows).hasSize(4);
        JsonObject first = rows.get(0).getAsJsonObject();
        assertThat(first.get("id").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(first.get("price").getAsBigDecimal()).isEqualByComparingTo("9.50");
        assertThat(first.get("active").getAsJsonPrimitive().isBoolean()).isTrue();
        assertThat(first.get("tags").getAsJsonArray()).containsExactly(JsonParser.parseString("\"a\""),
                JsonParser.parseString("\"b\""));
        assertThat(first.getAsJsonObject("meta").getAsJsonArray("k")).hasSize(2);
        assertThat(first.get("seen").getAsString()).startsWith("2024-05-01");
        JsonObject second = rows.get(1).getAsJsonObject();
        assertThat(second.get("meta").isJsonNull()).isTrue();
        assertThat(second.get("ratio").getAsString()).isEqualTo("NaN");
        assertThat(rows.get(2).getAsJsonObject().get("name").getAsString()).isEmpty();
        assertThat(rows.get(3).getAsJsonObject().get("ratio").getAsDouble()).isEqualTo(1e30);
        // one row per line, so a long result stays readable and greppable
        assertThat(out.lines().filter(l -> l.startsWith("    {\"id\": ")).count()).isEqualTo(4);
        assertThat(run("SELECT 1 AS a, 2 AS a", OutputFormat.JSON)).contains("\"a\": 1, \"a_2\": 2");
        JsonObject none = onlyStatement(run("SELECT 1 WHERE false", OutputFormat.JSON));
        assertThat(none.getAsJsonArray("rows")).isEmpty();
        assertThat(none.get("count").getAsInt()).isZero();
    }

    /** The query goal's one JSON shape: a versioned document with one entry per statement. */
    private static JsonObject onlyStatement(String json) {
        JsonObject doc = JsonParser.parseString(json).getAsJsonObject();
        assertThat(doc.get("schemaVersion").getAsInt()).isEqualTo(1);
        JsonArray statements = doc.getAsJsonArray("statements");
        assertThat(statements).hasSize(1);
        JsonObject s = statements.get(0).getAsJsonObject();
        assertThat(s.get("statement").getAsInt()).isEqualTo(1);
        return s;
    }

    @Test
    void resultsStreamIntoAnOutputFileThatAJsonAndACsvReaderParse(@TempDir Path dir) throws IOException {
        try (DataSink sink = DataSink.open("out/items.csv", dir)) {
            runner.run("SELECT id, name, price FROM items ORDER BY id", OutputFormat.CSV, sink.writer());
            sink.commit();
        }
        try (CSVParser csv = CSVParser.parse(dir.resolve("out/items.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames()).containsExactly("id", "name", "price");
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).extracting(r -> r.get("id")).containsExactly("1", "2", "3", "4");
            assertThat(rows.get(1).get("name")).isEqualTo("comma, \"quoted\"");
            assertThat(rows.get(3).get("name")).isEqualTo("two\nlines");
            assertThat(rows.get(3).get("price")).isEqualTo("100000.25");
        }

        try (DataSink sink = DataSink.open("out/items.json", dir)) {
            runner.run("SELECT id, name FROM items ORDER BY id; SELECT count(*) AS n FROM items", OutputFormat.JSON,
                    sink.writer());
            sink.commit();
        }
        JsonObject doc = JsonParser.parseString(Files.readString(dir.resolve("out/items.json"))).getAsJsonObject();
        assertThat(doc.get("schemaVersion").getAsInt()).isEqualTo(1);
        JsonArray statements = doc.getAsJsonArray("statements");
        assertThat(statements.get(0).getAsJsonObject().getAsJsonArray("rows")).hasSize(4);
        assertThat(statements.get(0).getAsJsonObject().getAsJsonArray("rows").get(1).getAsJsonObject().get("name")
                .getAsString()).isEqualTo("comma, \"quoted\"");
        assertThat(statements.get(1).getAsJsonObject().getAsJsonArray("rows").get(0).getAsJsonObject().get("n")
                .getAsInt()).isEqualTo(4);
        assertThat(Files.list(dir.resolve("out")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("items.csv", "items.json");
    }

    @Test
    void aQueryThatFailsHalfwayLeavesNoOutputFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("previous.json"), "{}");
        try (DataSink sink = DataSink.open("previous.json", dir)) {
            // rows stream through a cursor: thousands are written before the division by zero
            assertThatThrownBy(() -> new QueryRunner(db).fetchSize(100).run(
                    "SELECT n, 1 / (5000 - n) AS x FROM generate_series(1, 10000) n", OutputFormat.JSON, sink.writer()))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("division by zero");
        }
        assertThat(dir.resolve("previous.json")).hasContent("{}");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("previous.json");
    }

    @Test
    void csvThroughCopyThatFailsHalfwayLeavesTheOutputFileAsItWas(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("previous.csv"), "old\n");
        try (DataSink sink = DataSink.open("previous.csv", dir)) {
            assertThatThrownBy(() -> runner.run(
                    "SELECT n, 1 / (50000 - n) AS x FROM generate_series(1, 100000) n", OutputFormat.CSV, sink))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("division by zero");
            // rows were written before the error: the sink holds them, the file does not
            assertThat(Files.size(((io.gladys.output.AtomicFile) sink).temp())).isGreaterThan(0);
        }
        assertThat(dir.resolve("previous.csv")).hasContent("old");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("previous.csv");

        try (DataSink sink = DataSink.open("previous.csv", dir)) {
            QueryResult r = runner.run("SELECT id, name FROM items ORDER BY id", OutputFormat.CSV, sink);
            sink.commit();
            assertThat(r.summary()).isEqualTo("SELECT 4");
        }
        assertThat(Files.readString(dir.resolve("previous.csv"))).startsWith("id,name\n1,plain\n2,\"comma, ");
    }

    @Test
    void dataChangesPrintTheirCounts() {
        run("CREATE TABLE counts (n int)", OutputFormat.TEXT);
        assertThat(run("INSERT INTO counts SELECT generate_series(1, 3)", OutputFormat.TEXT)).isEqualTo("INSERT 0 3\n");
        assertThat(run("UPDATE counts SET n = n + 1 WHERE n > 1", OutputFormat.TEXT)).isEqualTo("UPDATE 2\n");
        assertThat(run("UPDATE counts SET n = n", OutputFormat.CSV)).isEqualTo("UPDATE 3\n");
        assertThat(run("DELETE FROM counts WHERE n = 1", OutputFormat.JSON))
                .isEqualTo("{\"schemaVersion\": 1, \"statements\": [\n  {\"statement\": 1, \"command\": \"DELETE\", "
                        + "\"count\": 1}\n]}\n");
        assertThat(run("INSERT INTO counts VALUES (7) RETURNING n", OutputFormat.TEXT))
                .isEqualTo(" n\n---\n 7\n(1 row)\n\nINSERT 0 1\n");
        assertThat(run("CREATE INDEX counts_n ON counts (n)", OutputFormat.TEXT)).isEqualTo("CREATE INDEX\n");
        assertThat(run("SELECT count(*) FROM counts", OutputFormat.CSV)).isEqualTo("count\n3\n");
    }

    @Test
    void aScriptRunsInOneTransactionAndPrintsEveryResult() {
        run("CREATE TABLE script (n int)", OutputFormat.TEXT);
        String sql = """
                -- fill, change, read
                INSERT INTO script VALUES (1), (2);
                UPDATE script SET n = n * 10 WHERE n = 2;
                SELECT n FROM script ORDER BY n
                """;
        StringWriter out = new StringWriter();
        QueryResult r = runner.run(sql, OutputFormat.TEXT, out);
        assertThat(out.toString()).isEqualTo("INSERT 0 2\n\nUPDATE 1\n\n n\n----\n  1\n 20\n(2 rows)\n");
        assertThat(r.mode()).isEqualTo(QueryResult.Mode.SCRIPT);
        assertThat(r.statements()).extracting(QueryResult.Statement::tag)
                .containsExactly("INSERT 0 2", "UPDATE 1", "SELECT 2");
        assertThat(r.summary()).isEqualTo("3 statements ran in one transaction and were committed.");

        JsonArray results = JsonParser.parseString(run("SELECT n FROM script ORDER BY n; DELETE FROM script WHERE n = 1",
                OutputFormat.JSON)).getAsJsonObject().getAsJsonArray("statements");
        assertThat(results).hasSize(2);
        JsonObject select = results.get(0).getAsJsonObject();
        assertThat(select.get("command").getAsString()).isEqualTo("SELECT");
        assertThat(select.get("count").getAsInt()).isEqualTo(2);
        assertThat(select.getAsJsonArray("rows").get(1).getAsJsonObject().get("n").getAsInt()).isEqualTo(20);
        JsonObject delete = results.get(1).getAsJsonObject();
        assertThat(delete.get("statement").getAsInt()).isEqualTo(2);
        assertThat(delete.get("count").getAsInt()).isEqualTo(1);
    }

    @Test
    void aFailingScriptStatementRollsBackTheWholeScriptAndIsNamed() {
        run("CREATE TABLE atomic (n int)", OutputFormat.TEXT);
        String sql = "INSERT INTO atomic VALUES (1);\nINSERT INTO atomic VALUES (2);\n\nUPDATE atomic\n   SET nope = 1;\n"
                + "INSERT INTO atomic VALUES (3);";
        assertThatThrownBy(() -> run(sql, OutputFormat.TEXT))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("statement 3 (line 4: UPDATE atomic) failed")
                .hasMessageContaining("column \"nope\" of relation \"atomic\" does not exist")
                .hasMessageContaining("[SQLSTATE 42703]")
                .hasMessageContaining("LINE 5:    SET nope = 1\n" + " ".repeat(15) + "^")
                .hasMessageContaining("rolled back: nothing was changed");
        assertThat(run("SELECT count(*) FROM atomic", OutputFormat.CSV)).isEqualTo("count\n0\n");
    }

    @Test
    void badSqlFailsWithTheServersMessageAndPosition() {
        assertThatThrownBy(() -> run("SELECT id FROM items WHER id = 1", OutputFormat.TEXT))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("ERROR: syntax error at or near \"id\" [SQLSTATE 42601]\n"
                        + "LINE 1: SELECT id FROM items WHER id = 1\n"
                        + "                                  ^");
        assertThatThrownBy(() -> run("SELECT missing FROM items", OutputFormat.JSON))
                .hasMessageContaining("column \"missing\" does not exist");
        assertThatThrownBy(() -> run("  -- only a comment\n ; ", OutputFormat.TEXT))
                .hasMessage("The SQL is empty: there is no statement to run.");
    }

    @Test
    void scriptsThatHandleTransactionsThemselvesAreRefusedBeforeAnythingRuns() {
        run("CREATE TABLE txn (n int)", OutputFormat.TEXT);
        assertThatThrownBy(() -> run("INSERT INTO txn VALUES (1);\nCOMMIT;\nINSERT INTO txn VALUES (2);",
                OutputFormat.TEXT))
                .hasMessageContaining("statement 2 (line 2: COMMIT) handles the transaction itself")
                .hasMessageContaining("Nothing was run.");
        assertThatThrownBy(() -> run("INSERT INTO txn VALUES (1); VACUUM txn;", OutputFormat.TEXT))
                .hasMessageContaining("VACUUM txn) cannot run inside a transaction");
        assertThat(run("SELECT count(*) FROM txn", OutputFormat.CSV)).isEqualTo("count\n0\n");
        // a plain BEGIN ... COMMIT around the whole script is what happens anyway
        assertThat(run("BEGIN;\nINSERT INTO txn VALUES (1);\nINSERT INTO txn VALUES (2);\nCOMMIT;", OutputFormat.TEXT))
                .isEqualTo("INSERT 0 1\n\nINSERT 0 1\n");
        // on its own, a statement PostgreSQL runs outside transactions works
        assertThat(run("VACUUM txn", OutputFormat.TEXT)).isEqualTo("VACUUM\n");
    }

    @Test
    void noticesAreShownInText() {
        String out = run("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$", OutputFormat.TEXT);
        assertThat(out).contains("NOTICE: hello 42").contains("DO");
    }

    @Test
    void aSqlFileRunsAsAScript(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.sql");
        java.nio.file.Files.writeString(file, "SELECT 1 AS a;\nSELECT 2 AS b;\n");
        StringWriter out = new StringWriter();
        runner.runFile(file, OutputFormat.CSV, out);
        assertThat(out.toString()).isEqualTo("a\n1\n\nb\n2\n");
        assertThatThrownBy(() -> runner.runFile(dir.resolve("missing.sql"), OutputFormat.TEXT, new StringWriter()))
                .hasMessage("The SQL file " + dir.resolve("missing.sql") + " does not exist.");
    }

    /** Counts lines without keeping them; remembers when output began and the last line. */
    static final class TrackingWriter extends Writer {
        long lines;
        Instant firstWrite;
        String lastLine = "";
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(char[] buf, int off, int len) {
            if (firstWrite == null && len > 0) {
                firstWrite = Instant.now();
            }
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    lines++;
                    lastLine = line.toString();
                    line.setLength(0);
                } else {
                    line.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void largeResultsStreamThroughACursor() {
        // Each row carries the server's clock at the moment the row was produced. Had the driver read
        // the whole result before handing over the first row, the last row would be older than the
        // first output; through a cursor, the last rows are produced after the first were printed.
        TrackingWriter out = new TrackingWriter();
        QueryResult r = new QueryRunner(db).fetchSize(1000).run("SELECT g, (extract(epoch FROM clock_timestamp()) "
                + "* 1000000)::bigint AS produced FROM generate_series(1, 200000) g", OutputFormat.CSV, out);
        assertThat(out.lines).isEqualTo(200_001);
        assertThat(r.statements().get(0).rows()).isEqualTo(200_000);
        String[] lastRow = out.lastLine.split(",");
        assertThat(lastRow[0]).isEqualTo("200000");
        long firstOutput = out.firstWrite.getEpochSecond() * 1_000_000 + out.firstWrite.getNano() / 1_000;
        assertThat(Long.parseLong(lastRow[1])).as("the last row was produced after the first output")
                .isGreaterThan(firstOutput);
    }

    @Test
    void aWrongPasswordGetsOneClearLineWithoutThePassword() {
        String secret = "Wrong-Secret-4711";
        QueryRunner wrong = new QueryRunner(SharedPostgres.withPassword(db, secret));
        assertThatThrownBy(() -> wrong.run("SELECT 1", OutputFormat.TEXT, new StringWriter()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("refused the credentials of user 'gladys'")
                .hasMessageNotContaining(secret)
                .satisfies(e -> {
                    for (Throwable c = e; c != null; c = c.getCause()) {
                        assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                    }
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void aDatabaseThatIsDownGetsOneClearLine() throws Exception {
        QueryRunner down = new QueryRunner(SharedPostgres.down());
        assertThatThrownBy(() -> down.run("SELECT 1", OutputFormat.TEXT, new StringWriter()))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("is not reachable (connection refused)")
                .hasMessageContaining("mvn gladys:start -Dservice=db");
    }

    @Test
    void jsonElementsAreParsable() {
        JsonElement e = JsonParser.parseString(run("SELECT ARRAY[1,2] AS a, ARRAY[[true,false]] AS b, "
                + "'{\"x\":null}'::json AS j, 1.5::float4 AS f, 12345678901234567890::numeric AS big", OutputFormat.JSON));
        JsonObject row = e.getAsJsonObject().getAsJsonArray("statements").get(0).getAsJsonObject()
                .getAsJsonArray("rows").get(0).getAsJsonObject();
        assertThat(row.getAsJsonArray("a")).hasSize(2);
        assertThat(row.getAsJsonArray("b").get(0).getAsJsonArray().get(0).getAsBoolean()).isTrue();
        assertThat(row.getAsJsonObject("j").get("x").isJsonNull()).isTrue();
        assertThat(row.get("f").getAsDouble()).isEqualTo(1.5);
        assertThat(row.get("big").getAsBigInteger()).hasToString("12345678901234567890");
    }
}
