package io.gladys.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Compose database's init directory as GLADyS's docker/docker-compose.yml mounts it. */
class DatabaseInitTest {

    @TempDir
    Path project;

    private Path compose(String volumes) throws Exception {
        Files.createDirectories(project.resolve("docker"));
        Path file = project.resolve("docker/docker-compose.yml");
        Files.writeString(file, """
                services:
                  postgres:
                    image: pgvector/pgvector:pg16
                    volumes:
                """ + volumes + """
                  memory-python:
                    build: ..
                    volumes:
                      - ../src/services/memory/gladys_memory:/app/gladys_memory:ro
                """);
        return file;
    }

    @Test
    void anInitDirectoryHoldingOnlyASubdirectoryIsSaid() throws Exception {
        Files.createDirectories(project.resolve("src/db/migrations/archive"));
        Files.writeString(project.resolve("src/db/migrations/archive/001_initial_schema.sql"), "SELECT 1;");
        List<DatabaseInit.Finding> f = DatabaseInit.composeInitDirectories(
                compose("      - ../src/db/migrations:/docker-entrypoint-initdb.d:ro\n"));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ok()).isFalse();
            assertThat(x.subject()).isEqualTo("postgres");
            assertThat(x.message()).isEqualTo("postgres mounts ../src/db/migrations as /docker-entrypoint-initdb.d, "
                    + "which holds no .sql or .sh file directly (PostgreSQL's image does not look in subdirectories): "
                    + "a new database starts empty");
        });
    }

    @Test
    void anInitDirectoryWithAScriptIsInOrderAndTheLongSyntaxIsRead() throws Exception {
        Files.createDirectories(project.resolve("src/db"));
        Files.writeString(project.resolve("src/db/schema.sql"), "CREATE TABLE t (id int);");
        List<DatabaseInit.Finding> f = DatabaseInit.composeInitDirectories(compose("""
                      - type: bind
                        source: ../src/db
                        target: /docker-entrypoint-initdb.d/
                      - pgdata:/var/lib/postgresql/data
                """));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ok()).isTrue();
            assertThat(x.message()).isEqualTo("postgres initialises new databases from ../src/db (1 script)");
        });
    }

    @Test
    void aMissingInitDirectoryIsSaid() throws Exception {
        List<DatabaseInit.Finding> f = DatabaseInit.composeInitDirectories(
                compose("      - ../nowhere:/docker-entrypoint-initdb.d\n"));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("which does not exist"));
    }
}
