package io.gladys.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database migrated by one set of migrations, then pointed at another directory. */
@ExtendWith(SharedPostgres.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AnotherMigrationSetTest {

    @TempDir
    Path dir;

    @Test
    void aHistoryFromAnotherDirectoryIsSaidAsSuchWithItsVersionsAndTheFilesNow() throws Exception {
        // the reference schema, as a first start applies it: 001 initial schema, 002 demo heuristics
        DatabaseTarget db = SharedPostgres.referenceDatabase("another_set");
        Files.writeString(dir.resolve("001_create_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("002_add_tags.sql"), "ALTER TABLE notes ADD COLUMN tags text;\n");

        MigrationStatus status = Migrations.inDirectory(db, dir).status();
        assertThat(status.blocking()).extracting(MigrationStatus.Problem::kind)
                .containsExactly(MigrationStatus.Kind.ANOTHER_SET);
        assertThatThrownBy(() -> Migrations.inDirectory(db, dir).migrate())
                .hasMessageContaining("was written by another set of migrations than " + dir)
                .hasMessageContaining("history: 001 'initial schema', 002 'demo heuristics'")
                .hasMessageContaining("files:   001_create_notes.sql, 002_add_tags.sql")
                .hasMessageContaining("mvn gladys:reset -Dgladys.db.recreate=true")
                .hasMessageNotContaining("was changed after it was applied");
    }

    @Test
    void anEditedFileOfTheSameSetIsStillAChangedFile() throws Exception {
        DatabaseTarget db = SharedPostgres.emptyDatabase("same_set");
        Files.writeString(dir.resolve("001_create_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);\n");
        Migrations.inDirectory(db, dir).migrate();
        Files.writeString(dir.resolve("001_create_notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY);\n");

        assertThat(Migrations.inDirectory(db, dir).status().blocking()).extracting(MigrationStatus.Problem::kind)
                .containsExactly(MigrationStatus.Kind.CHECKSUM_MISMATCH);
    }
}
