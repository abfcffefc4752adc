package io.gladys.db;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements that must run outside a transaction, held against the real server (which refuses
 * them inside a transaction block with SQLSTATE 25001) and against Flyway's list for PostgreSQL.
 */
@ExtendWith(SharedPostgres.class)
class SqlTransactionRulesTest {

    /** PostgreSQL's "cannot run inside a transaction block". */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    /** One of each kind of statement PostgreSQL treats specially, and neighbours it accepts. */
    private static final List<String> STATEMENTS = List.of(
            "VACUUM t",
            "VACUUM (VERBOSE) t",
            "ANALYZE t",
            "CLUSTER",
            "CLUSTER t USING t_a",
            "CREATE DATABASE rules_never_made",
            "DROP DATABASE IF EXISTS rules_never_made",
            "ALTER DATABASE rules_db SET TABLESPACE pg_default",
            "ALTER DATABASE rules_db SET work_mem = '8MB'",
            "CREATE TABLESPACE rules_ts LOCATION '/nonexistent'",
            "DROP TABLESPACE IF EXISTS rules_ts",
            "ALTER SYSTEM SET work_mem = '8MB'",
            "CREATE INDEX CONCURRENTLY t_b ON t (a)",
            "CREATE UNIQUE INDEX CONCURRENTLY t_c ON t (a)",
            "CREATE INDEX t_d ON t (a)",
            "DROP INDEX CONCURRENTLY t_a",
            "DROP INDEX t_a",
            "REINDEX TABLE t",
            "REINDEX TABLE CONCURRENTLY t",
            "REINDEX SCHEMA public",
            "REINDEX (VERBOSE) SCHEMA public",
            "REINDEX DATABASE rules_db",
            "REINDEX SYSTEM rules_db",
            "DISCARD ALL",
            "DISCARD PLANS",
            "COMMIT PREPARED 'nothing'",
            "ROLLBACK PREPARED 'nothing'",
            "ALTER TYPE mood ADD VALUE 'calm'",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            "/* a /* b */ c */ VACUUM t",
            "-- a comment; with a semicolon\nVACUUM t");

    /**
     * Flyway lists ALTER TYPE ... ADD VALUE for the servers before PostgreSQL 12; since 12 the server
     * accepts it in a transaction, and so does this project.
     */
    private static final Set<String> FLYWAY_ONLY = Set.of("ALTER TYPE mood ADD VALUE 'calm'");

    private static DatabaseTarget db;

    @BeforeAll
    static void schema() throws SQLException {
        db = SharedPostgres.emptyDatabase("rules_db");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a int)");
            s.execute("CREATE UNIQUE INDEX t_a ON t (a)");
            s.execute("CREATE TYPE mood AS ENUM ('sad')");
            s.execute("CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one");
            s.execute("CREATE UNIQUE INDEX mv_one ON mv (one)");
        }
    }

    @Test
    void whatTheServerRefusesInsideATransactionIsExactlyWhatRunsWithoutOne() throws SQLException {
        List<String> disagreements = new ArrayList<>();
        for (String sql : STATEMENTS) {
            // the database name inside the statements is the one this test made
            String statement = sql.replace("rules_db", db.database());
            boolean refused = refusedInsideATransaction(statement);
            boolean ours = SqlStatement.of(statement, 1, 1).kind() == SqlStatement.Kind.NO_TRANSACTION;
            if (refused != ours) {
                disagreements.add(sql + " (server refuses it in a transaction: " + refused + ")");
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyStatementFlywayRunsWithoutATransactionDoesSoHereToo() throws Exception {
        List<Pattern> flyway = flywayPatterns();
        assertThat(flyway).as("Flyway's patterns were found").hasSizeGreaterThanOrEqualTo(6);
        List<String> disagreements = new ArrayList<>();
        for (String sql : STATEMENTS) {
            String simplified = String.join(" ", SqlStatement.of(sql, 1, 1).words(20)).toUpperCase(Locale.ROOT);
            boolean flywaySays = flyway.stream().anyMatch(p -> p.matcher(simplified).find())
                    && !FLYWAY_ONLY.contains(sql);
            boolean ours = SqlStatement.of(sql, 1, 1).kind() == SqlStatement.Kind.NO_TRANSACTION;
            if (flywaySays && !ours) {
                disagreements.add(sql);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void aNestedCommentDoesNotHideTheVerb() {
        SqlStatement s = SqlStatement.of("/* a /* b */ c */ VACUUM t", 1, 1);
        assertThat(s.verb()).isEqualTo("VACUUM");
        assertThat(s.kind()).isEqualTo(SqlStatement.Kind.NO_TRANSACTION);
        assertThat(SqlScript.parse("SELECT 1; /* x /* ; */ ; */ VACUUM t; SELECT 2").all())
                .extracting(SqlStatement::verb).containsExactly("SELECT", "VACUUM", "SELECT");
        assertThat(SqlStatement.firstTokenLine("/* a\n/* b\n*/ c */\n-- d\nSELECT 1")).isEqualTo(5);
    }

    private static boolean refusedInsideATransaction(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute(sql);
                return false;
            } catch (SQLException e) {
                return ACTIVE_SQL_TRANSACTION.equals(e.getSQLState());
            } finally {
                c.rollback();
            }
        }
    }

    /** The patterns of Flyway's PostgreSQL parser that mark a statement as not for a transaction. */
    private static List<Pattern> flywayPatterns() throws Exception {
        Class<?> parser = Class.forName("org.flywaydb.database.postgresql.PostgreSQLParser");
        List<Pattern> patterns = new ArrayList<>();
        for (Field f : parser.getDeclaredFields()) {
            // COPY FROM STDIN is about the client feeding data, not about transactions
            if (f.getType() == Pattern.class && Modifier.isStatic(f.getModifiers()) && !f.getName().startsWith("COPY")) {
                f.setAccessible(true);
                patterns.add((Pattern) f.get(null));
            }
        }
        return patterns;
    }
}
