package io.gladys.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    private static List<String> texts(String sql) {
        return SqlScript.parse(sql).all().stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertThat(texts("SELECT 1; SELECT 2;\nSELECT 3")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(texts("SELECT 'a;b', \"we;ird\" FROM t; SELECT 'it''s;'")).containsExactly(
                "SELECT 'a;b', \"we;ird\" FROM t", "SELECT 'it''s;'");
        assertThat(texts("SELECT E'\\';' ; SELECT 2")).containsExactly("SELECT E'\\';'", "SELECT 2");
        assertThat(texts("SELECT 1 -- no; split\n; /* nor; /* nested; */ here; */ SELECT 2"))
                .containsExactly("SELECT 1 -- no; split", "SELECT 2");
        assertThat(texts("SELECT (1; 2); SELECT 3")).hasSize(2);
    }

    @Test
    void dollarQuotedBodiesKeepTheirSemicolons() {
        String fn = """
                CREATE FUNCTION f() RETURNS int AS $$
                BEGIN
                  RETURN 1;
                END;
                $$ LANGUAGE plpgsql;
                DO $body$ BEGIN PERFORM 1; END $body$;
                SELECT $1, a$b$ FROM t""";
        List<SqlStatement> s = SqlScript.parse(fn).all();
        assertThat(s).hasSize(3);
        assertThat(s.get(0).text()).endsWith("LANGUAGE plpgsql");
        assertThat(s.get(1).text()).isEqualTo("DO $body$ BEGIN PERFORM 1; END $body$");
        assertThat(s.get(1).line()).isEqualTo(6);
        assertThat(s.get(2).text()).isEqualTo("SELECT $1, a$b$ FROM t");
    }

    @Test
    void sqlStandardFunctionBodiesKeepTheirSemicolons() {
        String sql = """
                CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
                  SELECT 2;
                END;
                SELECT 9;""";
        List<SqlStatement> s = SqlScript.parse(sql).all();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).text()).endsWith("END");
        assertThat(s.get(1).text()).isEqualTo("SELECT 9");
        // an ordinary BEGIN is a statement of its own
        assertThat(texts("BEGIN; SELECT 1; COMMIT;")).containsExactly("BEGIN", "SELECT 1", "COMMIT");
    }

    @Test
    void anIncompleteStatementIsTheTail() {
        SqlScript p = SqlScript.parse("SELECT 1;\nSELECT 'open\n");
        assertThat(p.terminated()).hasSize(1);
        assertThat(p.tail()).isEqualTo("SELECT 'open\n");
        assertThat(p.endsInsideLiteral()).isTrue();
        assertThat(SqlScript.parse("SELECT 1; -- only a comment\n").tail()).isEmpty();
        assertThat(SqlScript.parse(" ;; -- nothing\n").all()).isEmpty();
    }

    @Test
    void statementsKnowTheirKindAndTag() {
        assertThat(SqlStatement.of("COMMIT", 1, 1).kind()).isEqualTo(SqlStatement.Kind.TRANSACTION_CONTROL);
        assertThat(SqlStatement.of("rollback to savepoint a", 1, 1).kind()).isEqualTo(SqlStatement.Kind.ORDINARY);
        assertThat(SqlStatement.of("VACUUM heuristics", 1, 1).kind()).isEqualTo(SqlStatement.Kind.NO_TRANSACTION);
        assertThat(SqlStatement.of("CREATE INDEX CONCURRENTLY i ON t (a)", 1, 1).kind())
                .isEqualTo(SqlStatement.Kind.NO_TRANSACTION);
        assertThat(SqlStatement.of("CREATE DATABASE x", 1, 1).kind()).isEqualTo(SqlStatement.Kind.NO_TRANSACTION);
        assertThat(SqlStatement.of("DROP TABLE IF EXISTS system", 1, 1).kind()).isEqualTo(SqlStatement.Kind.ORDINARY);
        assertThat(SqlStatement.of("ALTER DATABASE gladys SET work_mem = '8MB'", 1, 1).kind())
                .isEqualTo(SqlStatement.Kind.ORDINARY);
        assertThat(SqlStatement.of("/* c */ insert into t values (1)", 1, 1).tag(1)).isEqualTo("INSERT 0 1");
        assertThat(SqlStatement.of("UPDATE t SET a = 1", 1, 1).tag(3)).isEqualTo("UPDATE 3");
        assertThat(SqlStatement.of("WITH d AS (SELECT 1) DELETE FROM t", 1, 1).tag(2)).isEqualTo("DELETE 2");
        assertThat(SqlStatement.of("create unique index i on t (a)", 1, 1).tag(0)).isEqualTo("CREATE INDEX");
        assertThat(SqlStatement.of("CREATE TABLE IF NOT EXISTS t (a int)", 1, 1).tag(0)).isEqualTo("CREATE TABLE");
        assertThat(SqlStatement.of("SET search_path = public", 1, 1).tag(0)).isEqualTo("SET");
        assertThat(SqlStatement.of("WITH x AS (SELECT 1) SELECT * FROM x", 1, 1).isQuery()).isTrue();
    }
}
