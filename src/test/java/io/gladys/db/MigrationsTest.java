package io.gladys.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrate goal's core against a real PostgreSQL: each test has its own empty database. */
@ExtendWith(SharedPostgres.class)
class MigrationsTest {

    @TempDir
    Path dir;

    private Path file(String name, String sql) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, sql);
        return p;
    }

    private static List<String> query(DatabaseTarget db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= cols; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    private static List<String> tables(DatabaseTarget db) throws SQLException {
        return query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "ORDER BY table_name");
    }

    @Test
    void appliesPendingMigrationsOnceAndRecordsWhoWhenHowLong() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_initial_schema.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
        file("002_add_b.sql", "CREATE TABLE b (id int REFERENCES a (id));\nINSERT INTO a VALUES (1);\n");
        file("README.md", "not a migration");
        Migrations m = Migrations.inDirectory(db, dir).installedBy("tester");

        MigrationStatus before = m.status();
        assertThat(before.applied()).isEmpty();
        assertThat(before.pending()).extracting(MigrationStatus.Migration::script)
                .containsExactly("001_initial_schema.sql", "002_add_b.sql");
        assertThat(m.plan(null)).hasSize(2);
        assertThat(tables(db)).isEmpty();

        Instant start = Instant.now().minusSeconds(5);
        Migrations.Outcome o = m.migrate();
        assertThat(o.applied()).isEqualTo(2);
        assertThat(o.schemaVersion()).isEqualTo("002");
        assertThat(o.migrations()).containsExactly("001 initial schema", "002 add b");
        assertThat(tables(db)).containsExactly("a", "b", Migrations.HISTORY_TABLE);

        assertThat(query(db, "SELECT version, description, script, installed_by, success, checksum IS NOT NULL "
                + "FROM gladys_schema_history ORDER BY installed_rank")).containsExactly(
                "001|initial schema|001_initial_schema.sql|tester|t|t",
                "002|add b|002_add_b.sql|tester|t|t");
        MigrationStatus after = m.status();
        assertThat(after.upToDate()).isTrue();
        assertThat(after.currentVersion()).isEqualTo("002");
        MigrationStatus.Migration first = after.applied().get(0);
        assertThat(first.installedOn()).isBetween(start, Instant.now().plus(Duration.ofSeconds(5)));
        // the status reads the history as Flyway wrote it
        assertThat(query(db, "SELECT execution_time FROM gladys_schema_history WHERE version = '001'"))
                .containsExactly(String.valueOf(first.executionMillis()));
        assertThat(after.applied()).extracting(MigrationStatus.Migration::script)
                .containsExactly("001_initial_schema.sql", "002_add_b.sql");

        // a second run applies nothing again (the scripts GLADyS had re-applied every file every time)
        assertThat(m.migrate().applied()).isZero();
        assertThat(query(db, "SELECT count(*) FROM a")).containsExactly("1");
    }

    @Test
    void aMigrationEditedAfterItWasAppliedBlocksUntilRestoredOrRepaired() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        String original = "CREATE TABLE a (id int);\n";
        Path first = file("001_a.sql", original);
        Migrations m = Migrations.inDirectory(db, dir);
        m.migrate();

        Files.writeString(first, "CREATE TABLE a (id int, extra text);\n");
        file("002_b.sql", "CREATE TABLE b (id int);\n");
        MigrationStatus status = m.status();
        assertThat(status.blocking()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MigrationStatus.Kind.CHECKSUM_MISMATCH);
            assertThat(p.script()).isEqualTo("001_a.sql");
        });
        assertThatThrownBy(m::migrate).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot run until this is resolved (nothing was applied)")
                .hasMessageContaining("001_a.sql was changed after it was applied")
                .hasMessageContaining("Restore the file as it was applied")
                .hasMessageContaining("run repair");
        assertThatThrownBy(() -> m.plan(null)).hasMessageContaining("001_a.sql was changed");
        assertThat(tables(db)).doesNotContain("b");

        // restored: migrate goes on
        Files.writeString(first, original);
        assertThat(m.migrate().migrations()).containsExactly("002 b");

        // an intended edit: repair records it, explicitly
        Files.writeString(first, original + "-- documented\n");
        assertThatThrownBy(m::migrate).hasMessageContaining("001_a.sql was changed");
        assertThat(m.repair()).containsExactly("Recorded the current checksum and name of 001 a");
        assertThat(m.status().upToDate()).isTrue();
    }

    @Test
    void aFailingMigrationRollsBackLeavesTheSchemaAsItWasAndNamesTheStatement() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_a.sql", "CREATE TABLE a (id int);\n");
        file("002_b.sql", "CREATE TABLE b (id int);\n");
        file("003_broken.sql", """
                CREATE TABLE c (id int);
                ALTER TABLE a ADD COLUMN z int;
                INSERT INTO a VALUES (1, 2);
                -- the next statement fails
                INSERT INTO missing_table
                  VALUES (1);
                """);
        file("004_d.sql", "CREATE TABLE d (id int);\n");
        Migrations m = Migrations.inDirectory(db, dir);

        assertThatThrownBy(m::migrate).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("Migration 003_broken.sql failed at line 5 and was rolled back: the database "
                        + "is as it was before it.")
                .hasMessageContaining("ERROR: relation \"missing_table\" does not exist [SQLSTATE 42P01]\n"
                        + "LINE 5: INSERT INTO missing_table\n"
                        + "                    ^")
                .hasMessageContaining("Applied before it in this run, and kept: 001_a.sql, 002_b.sql.")
                .hasMessageContaining("Later migrations were not run. Fix 003_broken.sql and run migrate again.");

        assertThat(tables(db)).containsExactly("a", "b", Migrations.HISTORY_TABLE);
        assertThat(query(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'a'"))
                .containsExactly("id");
        assertThat(query(db, "SELECT count(*) FROM a")).containsExactly("0");
        assertThat(query(db, "SELECT script, success FROM gladys_schema_history ORDER BY installed_rank"))
                .containsExactly("001_a.sql|t", "002_b.sql|t");
        assertThat(m.status().pending()).extracting(MigrationStatus.Migration::script)
                .containsExactly("003_broken.sql", "004_d.sql");
    }

    @Test
    void filesFlywayWouldTakeForSomethingElseAreRefusedByName() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_ok.sql", "CREATE TABLE ok (id int);\n");
        file("R__refresh_view.sql", "SELECT 1;\n");
        file("B002_baseline.sql", "SELECT 1;\n");
        file("U001_undo.sql", "SELECT 1;\n");
        file("afterMigrate.sql", "SELECT 1;\n");
        file("beforeEachMigrate__log.sql", "SELECT 1;\n");
        file("V3__flyway_style.sql", "SELECT 1;\n");
        file("notes.sql", "SELECT 1;\n");
        file("004-dash.sql", "SELECT 1;\n");
        file("005_upper.SQL", "SELECT 1;\n");
        file("sub/006_nested_ok.sql", "SELECT 1;\n");
        Migrations m = Migrations.inDirectory(db, dir);

        MigrationStatus status = m.status();
        assertThat(status.blocking()).extracting(MigrationStatus.Problem::script).containsExactlyInAnyOrder(
                "R__refresh_view.sql", "B002_baseline.sql", "U001_undo.sql", "afterMigrate.sql",
                "beforeEachMigrate__log.sql", "V3__flyway_style.sql", "notes.sql", "004-dash.sql", "005_upper.SQL");
        assertThatThrownBy(m::migrate).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("R__refresh_view.sql starts with R: Flyway would take it for a repeatable migration")
                .hasMessageContaining("B002_baseline.sql starts with B: Flyway would take it for a baseline migration "
                        + "(prefix B), which would mark every lower version as applied without running it")
                .hasMessageContaining("U001_undo.sql starts with U")
                .hasMessageContaining("afterMigrate.sql is named like a Flyway callback (afterMigrate)")
                .hasMessageContaining("beforeEachMigrate__log.sql is named like a Flyway callback (beforeEachMigrate)")
                .hasMessageContaining("notes.sql is not named <version>_<description>.sql")
                .hasMessageContaining("004-dash.sql is not named")
                .hasMessageContaining("005_upper.SQL ends in .SQL, but only .sql (lower case) is read")
                .hasMessageContaining("e.g. 001_initial_schema.sql")
                .hasMessageNotContaining("006_nested_ok.sql");
        assertThat(tables(db)).isEmpty();
    }

    @Test
    void duplicateVersionsAreRefused() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_first.sql", "CREATE TABLE a (id int);\n");
        file("1_also_first.sql", "CREATE TABLE b (id int);\n");
        file("002_x.sql", "SELECT 1;\n");
        file("002_y.sql", "SELECT 1;\n");
        Migrations m = Migrations.inDirectory(db, dir);
        assertThatThrownBy(m::migrate)
                .hasMessageContaining("Version 001 is used by 2 files: 001_first.sql, 1_also_first.sql. Each migration "
                        + "needs its own version: renumber all but one.")
                .hasMessageContaining("Version 002 is used by 2 files: 002_x.sql, 002_y.sql.");
        assertThat(tables(db)).isEmpty();
    }

    @Test
    void aMigrationThatArrivesOutOfOrderIsRefused() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_a.sql", "CREATE TABLE a (id int);\n");
        file("003_c.sql", "CREATE TABLE c (id int);\n");
        Migrations m = Migrations.inDirectory(db, dir);
        m.migrate();
        file("002_late.sql", "CREATE TABLE late (id int);\n");
        file("004_d.sql", "CREATE TABLE d (id int);\n");
        assertThat(m.status().blocking()).extracting(MigrationStatus.Problem::kind)
                .containsExactly(MigrationStatus.Kind.OUT_OF_ORDER);
        assertThatThrownBy(m::migrate)
                .hasMessageContaining("002_late.sql (version 002) is not applied, but the database is already at "
                        + "version 003: it arrived out of order")
                .hasMessageContaining("renumber it above 003");
        assertThat(tables(db)).doesNotContain("late", "d");
    }

    @Test
    void aMissingDirectoryIsAClearError() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        assertThatThrownBy(() -> Migrations.inDirectory(db, dir.resolve("src/db/migrations")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("The migrations directory " + dir.resolve("src/db/migrations")
                        + " does not exist.")
                .hasMessageContaining("<database><migrations>");
        Path notADir = file("migrations", "");
        assertThatThrownBy(() -> Migrations.inDirectory(db, notADir)).hasMessageContaining("is a file, not a directory");
    }

    @Test
    void onlyFileAppliesExactlyTheNextPendingMigration() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        file("001_a.sql", "CREATE TABLE a (id int);\n");
        file("002_b.sql", "CREATE TABLE b (id int);\n");
        file("003_c.sql", "CREATE TABLE c (id int);\n");
        Migrations m = Migrations.inDirectory(db, dir);

        assertThatThrownBy(() -> m.migrate("002_b.sql"))
                .hasMessage("Cannot apply 002_b.sql alone: 001_a.sql comes before it and is not applied yet, and "
                        + "migrations run in version order. Apply 001_a.sql first, or run migrate without a file to "
                        + "apply all pending ones.");
        assertThatThrownBy(() -> m.plan("003")).hasMessageContaining("001_a.sql, 002_b.sql come before it");
        assertThat(m.plan("001_a")).extracting(MigrationStatus.Migration::script).containsExactly("001_a.sql");
        assertThat(tables(db)).isEmpty();

        assertThat(m.migrate("001_a.sql").migrations()).containsExactly("001 a");
        assertThat(m.migrate(dir.resolve("002_b.sql").toString()).migrations()).containsExactly("002 b");
        assertThat(tables(db)).containsExactly("a", "b", Migrations.HISTORY_TABLE);

        Migrations.Outcome again = m.migrate("2");
        assertThat(again.applied()).isZero();
        assertThat(again.notes()).singleElement().asString().startsWith("002_b.sql was already applied on ");

        assertThatThrownBy(() -> m.migrate("009_nothing.sql"))
                .hasMessageContaining("No migration matches '009_nothing.sql' in " + dir)
                .hasMessageContaining("Pending: 003_c.sql (pending).");
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneBlocksUntilRepaired() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        Path gone = file("001_a.sql", "CREATE TABLE a (id int);\n");
        file("002_b.sql", "CREATE TABLE b (id int);\n");
        Migrations m = Migrations.inDirectory(db, dir);
        m.migrate();
        Files.delete(gone);
        file("003_c.sql", "CREATE TABLE c (id int);\n");
        assertThatThrownBy(m::migrate).hasMessageContaining("Migration 001 (001_a.sql) was applied on")
                .hasMessageContaining("but its file is gone from " + dir);
        assertThat(m.repair()).containsExactly("Marked 001 a as deleted (its file is gone)");
        assertThat(m.migrate().migrations()).containsExactly("003 c");
    }

    @Test
    void aSchemaWithoutHistoryIsNotMigratedOverButCanBeBaselined() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        new QueryRunner(db).run("CREATE TABLE a (id int)", io.gladys.output.OutputFormat.TEXT,
                new java.io.StringWriter());
        file("001_a.sql", "CREATE TABLE a (id int);\n");
        file("002_b.sql", "CREATE TABLE b (id int);\n");
        Migrations m = Migrations.inDirectory(db, dir);
        assertThat(m.status().blocking()).extracting(MigrationStatus.Problem::kind)
                .containsExactly(MigrationStatus.Kind.UNTRACKED_SCHEMA);
        assertThatThrownBy(m::migrate).hasMessageContaining("already has tables but no migration history");

        m.baseline("001");
        assertThatThrownBy(() -> m.baseline("001")).hasMessageContaining("already has a migration history");
        assertThat(m.status().pending()).extracting(MigrationStatus.Migration::script).containsExactly("002_b.sql");
        assertThat(m.migrate().migrations()).containsExactly("002 b");
    }

    @Test
    void theBundledReferenceSchemaStillApplies() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("mig");
        Migrations m = new Migrations(db, Migrations.BUNDLED_REFERENCE_SCHEMA);
        assertThat(m.migrate().applied()).isEqualTo(2);
        assertThat(tables(db)).contains("heuristics", "episodic_events", "heuristic_fires");
        assertThat(m.status().upToDate()).isTrue();
    }

    @Test
    void connectionFailuresAreOneLineWithoutThePassword() throws Exception {
        file("001_a.sql", "SELECT 1;\n");
        String secret = "Migrate-Secret-123";
        DatabaseTarget wrong = SharedPostgres.withPassword(SharedPostgres.gladys(), secret);
        assertThatThrownBy(() -> Migrations.inDirectory(wrong, dir).migrate())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining(secret)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Migrations.inDirectory(SharedPostgres.down(), dir).status())
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("is not reachable");
    }
}
