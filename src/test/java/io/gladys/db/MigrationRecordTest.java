package io.gladys.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record that lets a start skip Flyway, against a real PostgreSQL: each test has its own database. */
@ExtendWith(SharedPostgres.class)
class MigrationRecordTest {

    @TempDir
    Path dir;

    private Path migrations() throws IOException {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_initial_schema.sql"), "CREATE TABLE a (id int PRIMARY KEY);\n");
        Files.writeString(m.resolve("002_add_b.sql"), "CREATE TABLE b (id int);\n");
        return m;
    }

    private MigrationRecord record() {
        return new MigrationRecord(dir.resolve("state/migrations/local.record"));
    }

    private static void execute(DatabaseTarget db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aSecondRunWithNothingChangedSkipsFlyway() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        Path m = migrations();
        Optional<Migrations.Outcome> first = record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT);
        assertThat(first).isPresent();
        assertThat(first.get().applied()).isEqualTo(2);
        assertThat(dir.resolve("state/migrations/local.record")).exists();

        assertThat(record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT)).isEmpty();
        // the same files elsewhere are the same inputs
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(m)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        assertThat(record().migrate(Migrations.inDirectory(db, copy), "b1", SchemaHistory.DIRECT)).isEmpty();
    }

    @Test
    void aNewFileIsAppliedAndThenRecorded() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        Path m = migrations();
        record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT);
        Files.writeString(m.resolve("003_add_c.sql"), "CREATE TABLE c (id int);\n");
        Optional<Migrations.Outcome> o = record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT);
        assertThat(o).isPresent();
        assertThat(o.get().migrations()).containsExactly("003 add c");
        assertThat(record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT)).isEmpty();
    }

    @Test
    void anAppliedFileEditedAfterwardsGoesToFlywayWhichRefusesIt() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        Path m = migrations();
        record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT);
        Files.writeString(m.resolve("002_add_b.sql"), "CREATE TABLE b (id int, name text);\n");
        assertThatThrownBy(() -> record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("002_add_b.sql");
        assertThat(dir.resolve("state/migrations/local.record")).as("no record of a run that failed").doesNotExist();
    }

    @Test
    void aHistoryChangedByAnotherToolOrAnotherBuildGoesToFlyway() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        Path m = migrations();
        record().migrate(Migrations.inDirectory(db, m), "b1", SchemaHistory.DIRECT);
        assertThat(record().migrate(Migrations.inDirectory(db, m), "b2", SchemaHistory.DIRECT)).isPresent();
        assertThat(record().migrate(Migrations.inDirectory(db, m), "b2", SchemaHistory.DIRECT)).isEmpty();

        // the last migration taken back by hand: Flyway sees it pending and applies it again
        execute(db, "DROP TABLE b");
        execute(db, "DELETE FROM " + Migrations.HISTORY_TABLE + " WHERE version = '002'");
        Optional<Migrations.Outcome> o = record().migrate(Migrations.inDirectory(db, m), "b2", SchemaHistory.DIRECT);
        assertThat(o).isPresent();
        assertThat(o.get().migrations()).containsExactly("002 add b");
    }

    @Test
    void aHistoryThatCannotBeReadGoesToFlywayEveryTime() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        Path m = migrations();
        AtomicInteger reads = new AtomicInteger();
        SchemaHistory.Reader broken = t -> {
            reads.incrementAndGet();
            throw new DatabaseException("cannot read");
        };
        assertThat(record().migrate(Migrations.inDirectory(db, m), "b1", broken)).isPresent();
        assertThat(record().migrate(Migrations.inDirectory(db, m), "b1", broken)).isPresent();
        assertThat(reads).hasValue(4);
    }

    @Test
    void theDigestChangesWithEveryRowAndIsNoneWithoutAHistory() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("rec");
        assertThat(SchemaHistory.DIRECT.digest(db)).isEqualTo(SchemaHistory.NONE);
        Migrations.inDirectory(db, migrations()).migrate();
        String d = SchemaHistory.DIRECT.digest(db);
        assertThat(d).startsWith("public." + Migrations.HISTORY_TABLE + ":2:").isEqualTo(SchemaHistory.DIRECT.digest(db));
        execute(db, "UPDATE " + Migrations.HISTORY_TABLE + " SET installed_by = 'someone else' WHERE version = '001'");
        assertThat(SchemaHistory.DIRECT.digest(db)).isNotEqualTo(d);
        assertThatThrownBy(() -> SchemaHistory.DIRECT.digest(SharedPostgres.down())).isInstanceOf(DatabaseException.class);
    }

    @Test
    void classpathLocationsCountTheirEntriesInAJarOrADirectory() throws Exception {
        DatabaseTarget db = SharedPostgres.gladys();
        Path jar = dir.resolve("m.jar");
        writeJar(jar, "CREATE TABLE a (id int);\n");
        Optional<String> one = inputsFromJar(db, jar);
        writeJar(jar, "CREATE TABLE a (id bigint);\n");
        Optional<String> other = inputsFromJar(db, jar);
        assertThat(one).isPresent().get().asString().contains("entry 001_a.sql");
        assertThat(other).isPresent().isNotEqualTo(one);
        assertThat(one.get()).doesNotContain("unrelated");
        // the bundled schema, as this JVM finds it
        assertThat(MigrationRecord.inputs(new Migrations(db, Migrations.BUNDLED_REFERENCE_SCHEMA))).get().asString()
                .contains("001_");
        assertThat(MigrationRecord.inputs(new Migrations(db, "classpath:no/such/place"))).isEmpty();
    }

    private static Optional<String> inputsFromJar(DatabaseTarget db, Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return MigrationRecord.inputs(new Migrations(db, "classpath:m"), loader);
        }
    }

    private static void writeJar(Path jar, String sql) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("m/"));
            j.closeEntry();
            j.putNextEntry(new JarEntry("m/001_a.sql"));
            j.write(sql.getBytes());
            j.closeEntry();
            j.putNextEntry(new JarEntry("unrelated/x.sql"));
            j.write("x".getBytes());
            j.closeEntry();
        }
    }
}
