package io.gladys.db;

import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A schema file as the baseline of a database without history (GLADyS's src/db/schema.sql with
 * its extensions), numbered migrations on top, an existing schema adopted, archive/ left alone.
 */
@ExtendWith(SharedPostgres.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SchemaBaselineTest {

    private static final String SCHEMA = """
            -- the final state of migrations 001-015
            CREATE TABLE heuristics (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text NOT NULL);
            /* events */ CREATE TABLE IF NOT EXISTS episodic_events (id bigserial PRIMARY KEY, raw_text text);
            CREATE INDEX episodic_events_text ON episodic_events (raw_text);
            """;

    @TempDir
    Path dir;

    private Path layout() throws Exception {
        Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path archive = Files.createDirectories(migrations.resolve("archive"));
        Files.writeString(archive.resolve("001_initial_schema.sql"), "CREATE TABLE archived_only (id int);\n");
        return migrations;
    }

    private Migrations migrations(DatabaseTarget db, Path migrations) {
        return Migrations.inDirectory(db, migrations)
                .baseline(new SchemaBaseline(dir.resolve("schema.sql"), List.of("uuid-ossp")));
    }

    @Test
    void aFreshDatabaseGetsTheExtensionsTheSchemaAndABaselineAndLaterMigrationsRunOnTop() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("baseline_fresh");
        Path migrations = layout();

        Migrations.Outcome first = migrations(db, migrations).migrate();
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).startsWith("Applied schema.sql (extensions uuid-ossp) "
                + "as the baseline (version 0)"));
        assertThat(TestStacks.column(db, "SELECT extname FROM pg_extension ORDER BY extname")).contains("uuid-ossp");
        assertThat(TestStacks.column(db, "SELECT to_regclass('heuristics') IS NOT NULL AND to_regclass('episodic_events') "
                + "IS NOT NULL")).containsExactly("t");
        assertThat(TestStacks.column(db, "SELECT to_regclass('archived_only') IS NULL")).as("archive/ is left alone")
                .containsExactly("t");
        assertThat(TestStacks.column(db, "SELECT type || ' ' || version || ' ' || description FROM gladys_schema_history"))
                .singleElement().asString().startsWith("BASELINE 0 schema schema.sql ");

        Files.writeString(migrations.resolve("016_add_notes.sql"), "ALTER TABLE heuristics ADD COLUMN notes text;\n");
        Migrations.Outcome second = migrations(db, migrations).migrate();
        assertThat(second.migrations()).containsExactly("016 add notes");
        assertThat(TestStacks.column(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'heuristics' "
                + "AND column_name = 'notes'")).containsExactly("1");
        assertThat(migrations(db, migrations).migrate().applied()).isZero();
    }

    @Test
    void anExistingSchemaWithoutHistoryIsAdoptedNotMadeAgain() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("baseline_adopt");
        Path migrations = layout();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
            s.execute("CREATE TABLE heuristics (id uuid PRIMARY KEY, name text NOT NULL)");
            s.execute("CREATE TABLE episodic_events (id bigserial PRIMARY KEY, raw_text text)");
            s.execute("INSERT INTO heuristics VALUES (uuid_generate_v4(), 'kept')");
        }
        Migrations.Outcome o = migrations(db, migrations).migrate();
        assertThat(o.notes()).anySatisfy(n -> assertThat(n).startsWith("Adopted the existing schema as schema.sql"));
        assertThat(TestStacks.column(db, "SELECT name FROM heuristics")).containsExactly("kept");
        assertThat(TestStacks.column(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'episodic_events_text'"))
                .as("the file was not run").containsExactly("0");
    }

    @Test
    void aDatabaseWithPartOfTheSchemaIsRefusedAndKeptAsItWas() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("baseline_partial");
        Path migrations = layout();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE heuristics (id int)");
        }
        assertThatThrownBy(() -> migrations(db, migrations).migrate())
                .hasMessageContaining("has some of the tables of schema.sql (heuristics) but not episodic_events")
                .hasMessageContaining("nothing was applied");
        assertThat(TestStacks.column(db, "SELECT to_regclass('gladys_schema_history') IS NULL")).containsExactly("t");
    }

    @Test
    void aFailingSchemaIsRolledBackWhole() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("baseline_fail");
        Path migrations = layout();
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE a (id int);\nCREATE TABLE b (id nosuchtype);\n");
        assertThatThrownBy(() -> migrations(db, migrations).migrate())
                .hasMessageContaining("The schema schema.sql failed")
                .hasMessageContaining("rolled back")
                .hasMessageContaining("nosuchtype");
        assertThat(TestStacks.column(db, "SELECT to_regclass('a') IS NULL")).containsExactly("t");
        assertThat(TestStacks.column(db, "SELECT to_regclass('gladys_schema_history') IS NULL")).containsExactly("t");
    }

    @Test
    void migrationsInSubdirectoriesRunOnlyWhenAskedFor() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("recursive");
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("002_top.sql"), "CREATE TABLE top_level (id int);\n");
        Files.createDirectories(migrations.resolve("archive"));
        Files.writeString(migrations.resolve("archive/001_old.sql"), "CREATE TABLE archived (id int);\n");
        assertThat(Migrations.inDirectory(db, migrations).migrate().migrations()).containsExactly("002 top");
        DatabaseTarget other = SharedPostgres.emptyDatabase("recursive_on");
        assertThat(Migrations.inDirectory(other, migrations).recursive(true).migrate().migrations())
                .containsExactly("001 old", "002 top");
    }

    @Test
    void syncCheckSaysWhenTheSchemaFileChangedAfterTheBaselineWasMade() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("baseline_sync");
        Path migrations = layout();
        SchemaBaseline schema = new SchemaBaseline(dir.resolve("schema.sql"), List.of("uuid-ossp"));
        migrations(db, migrations).migrate();
        assertThat(io.gladys.sync.DatabaseInit.baseline("Local DB", db, schema)).hasValueSatisfying(f ->
                assertThat(f.ok()).isTrue());

        Files.writeString(dir.resolve("schema.sql"), SCHEMA + "CREATE TABLE heuristic_fires (id bigserial);\n");
        assertThat(io.gladys.sync.DatabaseInit.baseline("Local DB", db, schema)).hasValueSatisfying(f -> {
            assertThat(f.ok()).isFalse();
            assertThat(f.message()).startsWith("Local DB: its baseline was made on ")
                    .contains("from another version of schema.sql")
                    .contains("the database lacks what the file gained since");
            assertThat(f.action()).contains("numbered migration").contains("-Dgladys.db.recreate=true");
        });
    }
}
