package io.gladys.session;

import io.gladys.stack.StartOptions;
import io.gladys.catalog.CatalogSources;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.DotEnv;
import io.gladys.db.DatabaseSettings;
import io.gladys.db.SchemaBaseline;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.docker.DockerEngine;
import io.gladys.docker.DockerSettings;
import io.gladys.testing.DockerProjects;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gladys-checkout catalog on a GLADyS-shaped tree: stand-in {@code uv} and {@code cargo} on the
 * PATH record what they are given (arguments, working directory, environment) and serve the health
 * of the service they stand for, on the port that service takes. The database is the plugin's
 * embedded one, given the checkout's schema as its baseline.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GladysCheckoutTest {

    @TempDir
    Path root;

    private final List<StackSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        TestStacks.stopAll(sessions);
    }

    /** The directories and files the catalog needs, a .env with ports of this test, and the stand-ins. */
    private int[] checkout() throws Exception {
        for (String d : List.of("memory", "salience", "orchestrator", "executive", "dashboard")) {
            Files.createDirectories(root.resolve("src/services").resolve(d));
        }
        Files.createDirectories(root.resolve("src/db/migrations/archive"));
        Files.writeString(root.resolve("src/db/migrations/archive/001_initial_schema.sql"), "CREATE TABLE archived (i int);\n");
        Files.writeString(root.resolve("src/db/schema.sql"), "CREATE TABLE heuristics (id uuid PRIMARY KEY "
                + "DEFAULT uuid_generate_v4(), name text);\nCREATE TABLE episodic_events (id bigserial PRIMARY KEY);\n");
        Path records = Files.createDirectories(root.resolve("records"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        String standIn = """
                #!/bin/sh
                # records what it was given, then serves the health of the service it stands for
                out="$STANDIN_RECORDS/$(basename "$PWD").txt"
                { echo "program=$(basename "$0")"; echo "cwd=$PWD"; for a in "$@"; do echo "arg=$a"; done; env | sed 's/^/env=/'; } > "$out"
                exec "$STANDIN_JAVA" -cp "$STANDIN_CP" io.gladys.testing.GladysStandIn "$@"
                """;
        for (String program : List.of("uv", "cargo")) {
            Path p = bin.resolve(program);
            Files.writeString(p, standIn);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        int[] ports = TestStacks.freePorts(6);
        Files.writeString(root.resolve(".env"), String.join("\n",
                "# GLADyS workspace slot",
                "export MEMORY_PYTHON_PORT=" + ports[0],
                "MEMORY_RUST_PORT=\"" + ports[1] + "\"",
                "ORCHESTRATOR_PORT=" + ports[2] + "   # shifted",
                "EXECUTIVE_PORT='" + ports[3] + "'",
                "DASHBOARD_PORT=" + ports[4],
                "MEMORY_ADDRESS=localhost:${MEMORY_PYTHON_PORT}",
                "OLLAMA_ENDPOINT=local",
                "STANDIN_RECORDS=" + records,
                "STANDIN_JAVA=" + Path.of(System.getProperty("java.home"), "bin", "java"),
                "STANDIN_CP=" + String.join(File.pathSeparator, TestStacks.classpath().stream().map(Path::toString).toList()),
                ""));
        return ports;
    }

    private StackSession session(String path, int dbPort) {
        return session(path, dbPort, c -> c);
    }

    private StackSession session(String path, int dbPort, java.util.function.UnaryOperator<StackConfig> adjust) {
        Map<String, String> dotEnv = DotEnv.load(root.resolve(".env"), System.getenv()).values();
        List<ServiceDefinition> pom = new ArrayList<>();
        for (String s : List.of("memory-python", "memory-rust", "orchestrator", "executive-stub", "dashboard")) {
            pom.add(ServiceDefinition.builder(s).environment(Map.of("PATH", path)).build());
        }
        pom.add(ServiceDefinition.builder("db").localPort(dbPort).build());
        CatalogSources sources = CatalogSources.assemble("gladys-checkout", null, pom, TestStacks.java(), dotEnv,
                System.getenv());
        DatabaseSettings db = DatabaseSettings.builder().embedded(true)
                .migrations(root.resolve(sources.database().get("migrations"))).embeddedVersion("17.6.0")
                .baseline(new SchemaBaseline(root.resolve(sources.database().get("schema")), List.of("uuid-ossp")))
                .build();
        StackSession s = StackSession.open(adjust.apply(TestStacks.config(root.resolve(".gladys"), root,
                sources.services(), false, db, TestStacks.printing())));
        sessions.add(s);
        return s;
    }

    private Map<String, List<String>> record(String dir) throws Exception {
        Map<String, List<String>> r = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("records").resolve(dir + ".txt"))) {
            int eq = line.indexOf('=');
            r.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return r;
    }

    @Test
    void eachServiceGetsWhatGladysLauncherGivesItAndAnswersItsHealth() throws Exception {
        int[] p = checkout();
        StackSession stack = session(root.resolve("bin") + File.pathSeparator + System.getenv("PATH"), p[5]);
        stack.manager().start("all", StartOptions.DEFAULT);

        Map<String, List<String>> memory = record("memory");
        assertThat(memory.get("program")).containsExactly("uv");
        assertThat(memory.get("cwd")).containsExactly(root.resolve("src/services/memory").toString());
        assertThat(memory.get("arg")).containsExactly("run", "python", "-m", "gladys_memory", "start");
        assertThat(memory.get("env")).contains("GRPC_PORT=" + p[0], "MEMORY_ADDRESS=localhost:" + p[0],
                "OLLAMA_ENDPOINT=local", "DB_PORT=" + p[5]);
        Map<String, List<String>> gateway = record("salience");
        assertThat(gateway.get("program")).containsExactly("cargo");
        assertThat(gateway.get("arg")).containsExactly("run", "--release");
        assertThat(gateway.get("env")).contains("GRPC_PORT=" + p[1], "STORAGE_ADDRESS=http://localhost:" + p[0]);
        assertThat(record("orchestrator").get("env")).contains("PORT=" + p[2]);
        assertThat(record("orchestrator").get("arg")).containsExactly("run", "python", "-m", "gladys_orchestrator",
                "start");
        assertThat(record("executive").get("arg")).containsExactly("run", "python", "-m", "gladys_executive", "start",
                "--port", String.valueOf(p[3]));
        assertThat(record("dashboard").get("arg")).containsExactly("run", "uvicorn", "backend.main:app", "--host",
                "127.0.0.1", "--port", String.valueOf(p[4]));

        Map<ServiceDefinition, HealthResult> health = stack.manager().health("all");
        assertThat(health.values()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HealthState.HEALTHY));
        HealthResult dashboard = health.entrySet().stream().filter(e -> e.getKey().name().equals("dashboard"))
                .findFirst().orElseThrow().getValue();
        assertThat(dashboard.message()).isEqualTo("GET /: 200");

        // the schema is the database's baseline; archive/ was left alone
        try (Connection c = stack.database().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('heuristics') IS NOT NULL, "
                     + "to_regclass('archived') IS NULL, (SELECT count(*) FROM gladys_schema_history WHERE type = 'BASELINE')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getInt(3)).isEqualTo(1);
        }
    }

    @Test
    void aMissingUvFailsTheStartBeforeAnythingIsLaunched() throws Exception {
        int[] p = checkout();
        Path empty = Files.createDirectories(root.resolve("empty-bin"));
        StackSession stack = session(empty.toString(), p[5]);
        assertThatThrownBy(() -> stack.manager().start("all", StartOptions.DEFAULT))
                .hasMessageContaining("Cannot start: nothing was launched.")
                .hasMessageContaining("memory-python: the command 'uv' was not found on the PATH. Install uv")
                .hasMessageContaining("memory-rust: the command 'cargo' was not found on the PATH. Install Rust with rustup");
        assertThat(stack.manager().status("all")).allSatisfy(s -> assertThat(s.state().alive()).isFalse());
        assertThat(root.resolve("records")).isEmptyDirectory();
    }

    /**
     * The GLADyS case of a hybrid stack: the checkout's Compose file's {@code postgres} in docker (its
     * other services there are never started), the services as local processes given its published port.
     */
    @Test
    @RequiresDocker
    void theComposeFilesPostgresInDockerAndTheServicesAsLocalProcesses() throws Exception {
        int[] p = checkout();
        OfflineImages images = OfflineImages.ensure();
        String project = "gladys-test-checkout-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // as GLADyS's Compose file: its database initialised by its own scripts, its services built from the tree
        Files.createDirectories(root.resolve("docker/initdb"));
        Files.writeString(root.resolve("docker/initdb/01-schema.sql"), "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n"
                + Files.readString(root.resolve("src/db/schema.sql")));
        Files.writeString(root.resolve("docker/docker-compose.yml"), """
                services:
                  postgres:
                    image: %s
                    environment:
                      POSTGRES_USER: gladys
                      POSTGRES_PASSWORD: gladys
                      POSTGRES_DB: gladys
                    ports:
                      - "127.0.0.1:%d:5432"
                    volumes:
                      - ./initdb:/docker-entrypoint-initdb.d:ro
                    healthcheck:
                      test: ["CMD-SHELL", "pg_isready -U gladys"]
                      interval: 1s
                      retries: 30
                  memory-python:
                    build:
                      context: ../src/services/memory
                    depends_on:
                      postgres:
                        condition: service_healthy
                """.formatted(images.postgres(), p[5]));
        try {
            StackSession stack = session(root.resolve("bin") + File.pathSeparator + System.getenv("PATH"), p[5],
                    c -> c.toBuilder().placements(StackConfig.Placement.parse("db=docker"))
                            .docker(DockerSettings.builder().project(project).down(true).removeVolumes(true).build())
                            .build());
            stack.start("all", StartOptions.DEFAULT);

            try (DockerEngine engine = new DockerEngine()) {
                assertThat(engine.containers(project)).as("only the Compose file's postgres runs").singleElement()
                        .satisfies(c -> assertThat(c.service()).isEqualTo("postgres"));
            }
            assertThat(record("memory").get("env")).contains("DB_HOST=localhost", "DB_PORT=" + p[5]);
            assertThat(stack.manager().status("all")).allSatisfy(s -> assertThat(s.state())
                    .as(s.service().name() + " " + s.detail()).isEqualTo(io.gladys.stack.ServiceState.RUNNING));
            assertThat(stack.manager().health("all").values())
                    .allSatisfy(h -> assertThat(h.state()).isEqualTo(HealthState.HEALTHY));
            try (Connection c = stack.database().connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('heuristics') IS NOT NULL, inet_server_port()")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the Compose file's init scripts made the schema").isTrue();
                assertThat(rs.getInt(2)).as("PostgreSQL's own port, in the container").isEqualTo(5432);
            }

            stack.stop("all", java.time.Duration.ofSeconds(10));
            DockerProjects.assertGone(project);
        } finally {
            DockerProjects.remove(List.of(project));
        }
    }
}
