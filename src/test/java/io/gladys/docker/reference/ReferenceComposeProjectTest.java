package io.gladys.docker.reference;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.DefaultCatalog;
import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.Secret;
import io.gladys.docker.DockerException;
import io.gladys.testing.ComposeCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the writer puts on disk, without an engine: the Compose file, the build context, and when it rewrites them. */
class ReferenceComposeProjectTest {

    private static final String PASSWORD = "not-in-the-file";
    private static final String PASSWORD_FROM_CLI =
            "${GLADYS_DB_PASSWORD?set GLADYS_DB_PASSWORD to the database password (the plugin does when it runs Compose)}";

    @TempDir
    Path dir;
    private JavaLaunch java;
    private Path jar;

    @BeforeEach
    void classpath() throws Exception {
        jar = Files.writeString(dir.resolve("gladys-maven-plugin-0.1.0.jar"), "jar bytes");
        Path classes = Files.createDirectories(dir.resolve("classes/io/gladys"));
        Files.writeString(classes.resolve("A.class"), "class bytes");
        java = new JavaLaunch(Path.of("/usr/lib/jvm/java-17/bin/java"), List.of(jar, dir.resolve("classes")),
                JavaLaunch.SMALL_JVM);
    }

    private ReferenceComposeProject project(Catalog catalog) {
        return ReferenceComposeProject.builder(dir.resolve("docker"))
                .catalog(catalog).java(java)
                .javaImage("gladys-local/jre:17").postgresImage("gladys-local/postgres:17")
                .database("gladys", "gladys", Secret.of(PASSWORD))
                .build();
    }

    private ReferenceComposeProject project() {
        return project(DefaultCatalog.create(java));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @Test
    void composeFileRunsTheDatabaseAndEveryJavaServiceOnLoopbackPorts() throws Exception {
        ReferenceComposeProject.Written w = project().write();
        Map<String, Object> compose = yaml(w.composeFile());

        assertThat(compose.get("version")).isEqualTo("2.4");
        assertThat((Map<String, Object>) compose.get("services")).containsOnlyKeys("postgres", "memory-python",
                "memory-rust", "orchestrator", "executive-stub");
        assertThat(service(compose, "postgres")).containsEntry("image", "gladys-local/postgres:17")
                .containsEntry("ports", List.of("127.0.0.1:5433:5432"))
                .containsEntry("stop_signal", "SIGINT")
                .containsEntry("environment", Map.of("POSTGRES_DB", "gladys", "POSTGRES_USER", "gladys",
                        "POSTGRES_PASSWORD", PASSWORD_FROM_CLI));
        assertThat(service(compose, "memory-python")).containsEntry("image", w.image())
                .containsEntry("ports", List.of("127.0.0.1:50061:50051"));
        assertThat(service(compose, "memory-rust").get("ports")).isEqualTo(List.of("127.0.0.1:50062:50052"));
        assertThat(service(compose, "orchestrator").get("ports")).isEqualTo(List.of("127.0.0.1:50060:50050"));
        assertThat(service(compose, "executive-stub").get("ports")).isEqualTo(List.of("127.0.0.1:50063:50053"));
        assertThat(w.image()).matches("gladys-reference:[0-9a-f]{16}");
    }

    @Test
    void aRemoteEnginesProjectPublishesOnTheAddressItIsGiven() throws Exception {
        Map<String, Object> every = yaml(ReferenceComposeProject.builder(dir.resolve("every")).catalog(DefaultCatalog.create(java))
                .java(java).javaImage("gladys-local/jre:17").postgresImage("gladys-local/postgres:17")
                .database("gladys", "gladys", Secret.of(PASSWORD)).publishAddress("0.0.0.0").build().write().composeFile());
        assertThat(service(every, "postgres").get("ports")).isEqualTo(List.of("0.0.0.0:5433:5432"));
        assertThat(service(every, "orchestrator").get("ports")).isEqualTo(List.of("0.0.0.0:50060:50050"));
        Map<String, Object> v6 = yaml(ReferenceComposeProject.builder(dir.resolve("v6")).catalog(DefaultCatalog.create(java))
                .java(java).javaImage("gladys-local/jre:17").postgresImage("gladys-local/postgres:17")
                .database("gladys", "gladys", Secret.of(PASSWORD)).publishAddress("::1").build().write().composeFile());
        assertThat(service(v6, "postgres").get("ports")).isEqualTo(List.of("[::1]:5433:5432"));
    }

    @Test
    void servicesRunTheirMainClassWithTheStackAddressesOfTheComposeNetwork() throws Exception {
        Map<String, Object> compose = yaml(project().write().composeFile());
        Map<String, Object> gateway = service(compose, "memory-rust");

        assertThat(gateway.get("command")).asList().startsWith("java").endsWith(
                "io.gladys.reference.gateway.GatewayServer").containsAll(JavaLaunch.SMALL_JVM);
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) gateway.get("environment");
        assertThat(env).containsEntry("GLADYS_PORT", "50052")
                .containsEntry("GLADYS_SERVICE", "memory-rust")
                .containsEntry("GLADYS_ENV", "docker")
                .containsEntry("GLADYS_BIND_ADDRESS", "0.0.0.0")
                .containsEntry("CACHE_CAPACITY", "1000")
                .containsEntry("MEMORY_STORAGE_ADDRESS", "memory-python:50051")
                .containsEntry("PYTHON_ADDRESS", "memory-python:50051")
                .containsEntry("EXECUTIVE_ADDRESS", "executive-stub:50053")
                .containsEntry("GLADYS_ORCHESTRATOR_ADDRESS", "orchestrator:50050")
                .containsEntry("DB_HOST", "postgres")
                .containsEntry("DB_PORT", "5432")
                .containsEntry("GLADYS_DB_URL", "jdbc:postgresql://postgres:5432/gladys")
                .containsEntry("DB_PASSWORD", PASSWORD_FROM_CLI)
                // the host's class path means nothing in the container; the image has its own
                .doesNotContainKey("CLASSPATH");
    }

    @Test
    void inAHybridStackOnlyTheDockerServicesAreWrittenAndTheyCallTheLocalOnesOnTheHost() throws Exception {
        Catalog placed = Catalog.of(DefaultCatalog.create(java).services().stream()
                .map(s -> s.toBuilder().runsIn(s.name().equals("orchestrator") ? Environment.DOCKER : Environment.LOCAL)
                        .build()).toList());
        Map<String, Object> compose = yaml(project(placed).write().composeFile());

        assertThat((Map<String, Object>) compose.get("services")).containsOnlyKeys("orchestrator");
        assertThat(compose).as("no database volume: the database is a local process").doesNotContainKey("volumes");
        Map<String, Object> orchestrator = service(compose, "orchestrator");
        assertThat(orchestrator).doesNotContainKey("depends_on")
                .containsEntry("extra_hosts", List.of("host.docker.internal:host-gateway"))
                .containsEntry("ports", List.of("127.0.0.1:50060:50050"));
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) orchestrator.get("environment");
        assertThat(env).containsEntry("GLADYS_BIND_ADDRESS", "0.0.0.0")
                .containsEntry("MEMORY_STORAGE_ADDRESS", "host.docker.internal:50051")
                .containsEntry("SALIENCE_GATEWAY_ADDRESS", "host.docker.internal:50052")
                .containsEntry("EXECUTIVE_ADDRESS", "host.docker.internal:50053")
                .containsEntry("DB_HOST", "host.docker.internal")
                .containsEntry("DB_PORT", "5432");
    }

    @Test
    void aDatabaseAloneInDockerIsTheProjectsOnlyServiceWithItsVolume() throws Exception {
        Catalog placed = Catalog.of(DefaultCatalog.create(java).services().stream()
                .map(s -> s.toBuilder().runsIn(s.isDatabase() ? Environment.DOCKER : Environment.LOCAL).build())
                .toList());
        Map<String, Object> compose = yaml(project(placed).write().composeFile());
        assertThat((Map<String, Object>) compose.get("services")).containsOnlyKeys("postgres");
        assertThat(compose).containsKey("volumes");
        assertThat(service(compose, "postgres")).containsEntry("ports", List.of("127.0.0.1:5433:5432"))
                .containsKey("extra_hosts");
    }

    @Test
    void dependsOnIsCompose1Compatible() throws Exception {
        Map<String, Object> compose = yaml(project().write().composeFile());

        // the database has a healthcheck to wait for; the Java services are waited for by the plugin
        assertThat(service(compose, "memory-python").get("depends_on"))
                .isEqualTo(Map.of("postgres", Map.of("condition", "service_healthy")));
        assertThat(service(compose, "memory-rust").get("depends_on"))
                .isEqualTo(Map.of("memory-python", Map.of("condition", "service_started")));
        assertThat(service(compose, "postgres")).containsKey("healthcheck").doesNotContainKey("depends_on");
    }

    @Test
    void thePasswordStaysOutOfTheFilesAndGoesToTheComposeCli() throws Exception {
        ReferenceComposeProject project = project();
        ReferenceComposeProject.Written w = project.write();

        assertThat(Files.readString(w.composeFile())).doesNotContain(PASSWORD);
        assertThat(project.composeEnvironment()).containsExactly(Map.entry("GLADYS_DB_PASSWORD", PASSWORD));
    }

    @Test
    void theBuildContextHoldsTheClassPathOnTheJavaImage() throws Exception {
        project().write();
        Path context = dir.resolve("docker/context");
        String dockerfile = Files.readString(context.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM gladys-local/jre:17\n")
                .contains("ENV CLASSPATH=/opt/gladys/lib/000-gladys-maven-plugin-0.1.0.jar:/opt/gladys/lib/001-classes\n");
        assertThat(context.resolve("lib/000-gladys-maven-plugin-0.1.0.jar")).hasContent("jar bytes");
        assertThat(context.resolve("lib/001-classes/io/gladys/A.class")).hasContent("class bytes");
    }

    @Test
    void theSameInputWritesTheSameBytesAndRewritesNothing() throws Exception {
        ReferenceComposeProject.Written first = project().write();
        byte[] compose = Files.readAllBytes(first.composeFile());
        Path dockerfile = dir.resolve("docker/context/Dockerfile");
        var dockerfileTime = Files.getLastModifiedTime(dockerfile);
        var composeTime = Files.getLastModifiedTime(first.composeFile());

        ReferenceComposeProject.Written second = project().write();

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(second.image()).isEqualTo(first.image());
        assertThat(Files.readAllBytes(second.composeFile())).isEqualTo(compose);
        assertThat(Files.getLastModifiedTime(dockerfile)).isEqualTo(dockerfileTime);
        assertThat(Files.getLastModifiedTime(second.composeFile())).isEqualTo(composeTime);
    }

    @Test
    void aChangedJarGivesANewImageAndANewContext() throws Exception {
        ReferenceComposeProject.Written before = project().write();
        Files.writeString(jar, "new jar bytes");

        ReferenceComposeProject.Written after = project().write();

        assertThat(after.changed()).isTrue();
        assertThat(after.image()).isNotEqualTo(before.image());
        assertThat(dir.resolve("docker/context/lib/000-gladys-maven-plugin-0.1.0.jar")).hasContent("new jar bytes");
        assertThat(Files.readString(after.composeFile())).contains("image: " + after.image());
    }

    @Test
    void anotherJavaImageGivesAnotherServicesImage() {
        String local = project().image();
        String temurin = ReferenceComposeProject.builder(dir.resolve("docker")).catalog(DefaultCatalog.create(java))
                .java(java).javaImage("eclipse-temurin:17-jre").postgresImage("pgvector/pgvector:pg17")
                .database("gladys", "gladys", Secret.of(PASSWORD)).build().image();

        assertThat(temurin).isNotEqualTo(local);
    }

    @Test
    void dollarsInValuesAreKeptLiteral() throws Exception {
        Catalog catalog = Catalog.merge(DefaultCatalog.create(java), List.of(ServiceDefinition.builder("executive-stub")
                .environment(Map.of("LLM_ENDPOINT", "http://llm/$model")).build()));

        Map<String, Object> compose = yaml(project(catalog).write().composeFile());

        assertThat(service(compose, "executive-stub").get("environment")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("LLM_ENDPOINT", "http://llm/$$model");
    }

    @Test
    void aServiceThatIsNotAJavaLaunchIsRefusedByName() {
        Catalog catalog = Catalog.merge(DefaultCatalog.create(java), List.of(ServiceDefinition.builder("memory-python")
                .command(List.of("uv", "run", "python", "-m", "gladys_memory")).build()));

        assertThatThrownBy(() -> project(catalog).write()).isInstanceOf(DockerException.class)
                .hasMessageContaining("Service 'memory-python' runs 'uv run python -m gladys_memory'")
                .hasMessageContaining("Compose file");
        assertThat(dir.resolve("docker/compose.yaml")).doesNotExist();
    }

    @Test
    void aServiceWithoutDockerPortIsRefusedByName() {
        Catalog catalog = Catalog.merge(DefaultCatalog.create(java),
                List.of(ServiceDefinition.builder("extra").command(java.command("io.example.Main")).localPort(50070).build()));

        assertThatThrownBy(() -> project(catalog).write()).isInstanceOf(DockerException.class)
                .hasMessageContaining("Service 'extra' has no <dockerPort>");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void composeV1AcceptsTheFileWithThePasswordFromItsEnvironmentAndStopsWithoutIt() throws Exception {
        assumeTrue(ComposeCli.v1Installed(), "docker-compose (v1) is not installed");
        ReferenceComposeProject project = project();
        Path file = project.write().composeFile();

        ComposeCli.Result with = ComposeCli.v1(project.composeEnvironment(), "-f", file.toString(), "config");
        Map<String, String> unset = new HashMap<>();
        unset.put(ReferenceComposeProject.PASSWORD_VARIABLE, null);
        ComposeCli.Result without = ComposeCli.v1(unset, "-f", file.toString(), "config", "-q");

        assertThat(with.exitCode()).as(with.output()).isZero();
        assertThat(with.output()).contains("POSTGRES_PASSWORD: " + PASSWORD);
        assertThat(without.exitCode()).isNotZero();
        assertThat(without.output()).contains("set GLADYS_DB_PASSWORD to the database password");
    }
}
