package io.gladys.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheProjectAndEachServicesImageAndBuildContext() throws Exception {
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, """
                name: GLADyS-Stack
                services:
                  memory-python:
                    build: ./src/services/memory
                  memory-rust:
                    build:
                      context: src/services/salience
                      dockerfile: docker/Dockerfile.dev
                    image: gladys/salience:dev
                  postgres:
                    image: pgvector/pgvector:pg16
                """);
        ComposeFile c = ComposeFile.read(file);
        assertThat(c.projectName()).isEqualTo("gladys-stack");
        assertThat(c.services()).extracting(ComposeFile.Service::name)
                .containsExactly("memory-python", "memory-rust", "postgres");
        ComposeFile.Service mp = c.services().get(0);
        assertThat(mp.context()).isEqualTo(dir.resolve("src/services/memory"));
        assertThat(mp.dockerfile()).isEqualTo(dir.resolve("src/services/memory/Dockerfile"));
        assertThat(c.imageNames(mp)).containsExactly("gladys-stack-memory-python", "gladys-stack_memory-python");
        ComposeFile.Service mr = c.services().get(1);
        assertThat(mr.dockerfile()).isEqualTo(dir.resolve("src/services/salience/docker/Dockerfile.dev"));
        assertThat(c.imageNames(mr).get(0)).isEqualTo("gladys/salience:dev");
        assertThat(c.services().get(2).built()).isFalse();
    }

    @Test
    void withoutANameTheProjectIsTheDirectory() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("My_Project"));
        Files.writeString(sub.resolve("compose.yaml"), "services:\n  web:\n    build: .\n");
        assertThat(ComposeFile.find(sub)).contains(sub.resolve("compose.yaml"));
        assertThat(ComposeFile.read(sub.resolve("compose.yaml")).projectName()).isEqualTo("my_project");
    }

    @Test
    void invalidYamlIsSaidSo() throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, "services: [unclosed\n");
        assertThatThrownBy(() -> ComposeFile.read(file)).isInstanceOf(DockerException.class)
                .hasMessageContaining("is not valid YAML");
    }
}
