package io.gladys.docker;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compose in, catalog terms out: ports, services the catalog does not name, project names, engine host. */
class ComposeProjectTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path p = Files.createDirectories(dir.resolve("My Project.1")).resolve("docker-compose.yml");
        Files.writeString(p, yaml);
        return p;
    }

    private final List<String> warnings = new ArrayList<>();
    private final Console console = new Console() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
        }

        @Override
        public void data(String text) {
        }
    };

    @Test
    void theComposeFileIsTheTruthForPortsAndItsOtherServicesJoinTheCatalog() throws IOException {
        Path file = write("""
                services:
                  postgres:
                    image: pg
                    ports: ["127.0.0.1:6543:5432/tcp"]
                  api:
                    image: api
                    ports:
                      - published: 8081
                        target: 8080
                    depends_on: [postgres]
                  sidecar:
                    image: side
                    depends_on:
                      api:
                        condition: service_started
                """);
        ComposeFile compose = ComposeFile.read(file);
        assertThat(compose.service("postgres").orElseThrow().ports()).containsExactly(new ComposeFile.Port(6543, 5432));
        assertThat(compose.service("api").orElseThrow().ports()).containsExactly(new ComposeFile.Port(8081, 8080));

        Catalog catalog = Catalog.of(List.of(
                ServiceDefinition.builder("db").composeService("postgres").dockerPort(5433).build(),
                ServiceDefinition.builder("api").dockerPort(8081).health(HealthKind.TCP).build()));
        DockerBackend backend = DockerBackend.builder(DockerSettings.DEFAULT, dir.resolve(".gladys")).compose(compose)
                .engine(() -> {
                    throw new AssertionError("adapting the catalog needs no engine");
                }).console(console).build();
        Catalog adapted = backend.adapt(catalog);

        assertThat(adapted.get("db").dockerPort()).isEqualTo(6543);
        assertThat(warnings).singleElement().asString().contains("Service 'db'", "publishes port 6543",
                "<dockerPort>5433", "the Compose file is the truth");
        assertThat(adapted.get("api").dockerPort()).isEqualTo(8081);
        ServiceDefinition sidecar = adapted.get("sidecar");
        assertThat(sidecar.composeService()).isEqualTo("sidecar");
        assertThat(sidecar.health()).isEqualTo(HealthKind.NONE);
        assertThat(sidecar.dependsOn()).extracting(d -> d.service()).containsExactly("api");
    }

    @Test
    void theProjectNameIsTheConfiguredOneElseDerivedFromTheDirectoryAsComposeNormalisesIt() throws IOException {
        Path file = write("services: {a: {image: x}}\n");
        // the tests run without COMPOSE_PROJECT_NAME
        assertThat(ComposeFile.read(file).projectName()).isEqualTo("myproject1");
        assertThat(DockerBackend.findCompose(DockerSettings.builder().composeFile(file).project("Side_B").build(),
                dir).orElseThrow().projectName()).isEqualTo("side_b");
    }

    @Test
    void theComposeFileIsFoundWhereSyncCheckFindsItAndAMissingConfiguredOneIsAnError() throws IOException {
        Path gladys = Files.createDirectories(dir.resolve("src/integration")).resolve("docker-compose.yml");
        Files.writeString(gladys, "services: {a: {image: x}}\n");
        assertThat(DockerBackend.findCompose(DockerSettings.DEFAULT, dir).orElseThrow().file()).isEqualTo(gladys);
        assertThatThrownBy(() -> DockerBackend.findCompose(DockerSettings.builder().composeFile(Path.of("nope.yml")).build(),
                dir)).isInstanceOf(DockerException.class).hasMessageContaining("nope.yml")
                .hasMessageContaining("gladys.composeFile");
    }

    @Test
    void withoutAComposeFileEveryGoalSaysWhereItLooked() {
        DockerBackend backend = DockerBackend.builder(DockerSettings.DEFAULT, dir.resolve(".gladys"))
                .engine(FakeEngine::new).console(console).build();
        assertThatThrownBy(() -> backend.inspect(ServiceDefinition.builder("a").build()))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("src/integration/docker-compose.yml")
                .hasMessageContaining("-Dgladys.composeFile");
    }

    @Test
    void publishedPortsOfARemoteEngineAreReachedOnItsHost() {
        assertThat(new DockerEndpoint(URI.create("tcp://build-host:2375"), "DOCKER_HOST", null).serviceHost())
                .isEqualTo("build-host");
        assertThat(new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), "DOCKER_HOST", null).serviceHost())
                .isEqualTo("localhost");
    }

    @Test
    void aRemoteEngineGivesItsHostToHealthProbesTheBuildAndTheDatabase() throws IOException {
        Path file = write("""
                services:
                  postgres: {image: pg, ports: ["5433:5432"]}
                  api: {image: api, ports: ["8081:8080"]}
                """);
        // docker-java reads DOCKER_HOST from system properties before the environment
        String before = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "tcp://build-host:2375");
        try (var session = io.gladys.session.StackSession.open(DockerFixture.config(dir, file, "remote", List.of(
                ServiceDefinition.builder("db").composeService("postgres").dockerPort(5433).build(),
                ServiceDefinition.builder("api").dockerPort(8081).health(HealthKind.TCP).build())))) {
            assertThat(session.addresses().address(session.catalog().get("api"))).isEqualTo("build-host:8081");
            assertThat(session.addresses().mavenProperties()).containsEntry("gladys.api.host", "build-host")
                    .containsEntry("gladys.db.url", "jdbc:postgresql://build-host:5433/gladys");
            assertThat(session.addresses().variables()).containsEntry("DB_HOST", "build-host");
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", before);
            }
        }
    }

    /** An engine that answers and has no containers. */
    static final class FakeEngine implements ContainerEngine {
        @Override
        public String host() {
            return "fake://";
        }

        @Override
        public java.util.Optional<String> unavailable() {
            return java.util.Optional.empty();
        }

        @Override
        public void requireAvailable() {
        }

        @Override
        public List<Container> containers(String project, String service) {
            return List.of();
        }

        @Override
        public java.util.Optional<Container> inspect(String id) {
            return java.util.Optional.empty();
        }

        @Override
        public void stop(String id, java.time.Duration timeout) {
        }

        @Override
        public void remove(String id, boolean volumes) {
        }

        @Override
        public void removeProjectResources(String project, boolean volumes) {
        }

        @Override
        public List<String> lastLines(String id, int lines) {
            return List.of();
        }

        @Override
        public void logs(String id, int tail, boolean follow, long untilEpochMs,
                         java.util.function.BiConsumer<String, String> sink) {
        }

        @Override
        public void buildImage(Path context, String tag, java.util.function.Consumer<String> output) {
            throw new AssertionError("no image is built here");
        }

        @Override
        public List<String> imageTags(String label) {
            return List.of();
        }

        @Override
        public boolean removeImage(String tag) {
            return false;
        }

        @Override
        public java.util.Optional<String> hostGatewayAddress() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<java.time.Instant> imageCreated(String name) {
            return java.util.Optional.empty();
        }

        @Override
        public void close() {
        }
    }

}
