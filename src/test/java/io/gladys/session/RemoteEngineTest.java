package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.output.OutputFormat;
import io.gladys.db.QueryRunner;
import io.gladys.docker.DockerEngine;
import io.gladys.docker.DockerException;
import io.gladys.docker.DockerSettings;
import io.gladys.grpc.EventPublisher;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortPlan;
import io.gladys.ports.PortSettings;
import io.gladys.report.StatusReport;
import io.gladys.stack.Console;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackException;
import io.gladys.stack.StartOptions;
import io.gladys.testing.DockerProjects;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import io.gladys.testing.TlsEngineEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docker environment on an engine reached as a remote one is: over TCP with TLS and client
 * certificates, at 127.0.0.2 (the test machine's own engine behind a socat TLS endpoint). The plugin's
 * own Compose project, a project's own Compose file through a Docker context, a wrong client certificate,
 * and a hybrid stack. The CA bundles a corporate machine sets are in every environment given: Compose v1
 * would trust them instead of the engine's CA if the plugin passed them on. Every test removes what it made.
 */
@RequiresDocker
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RemoteEngineTest {

    @TempDir
    static Path dir;
    static TlsEngineEndpoint tls;
    static OfflineImages images;
    static final List<String> projects = Collections.synchronizedList(new ArrayList<>());
    /** The ports the last reference configuration gave its services. */
    static int[] catalogPorts;

    /** The plugin's service images the engine had before: those built here are removed afterwards. */
    static List<String> imagesBefore;

    @BeforeAll
    static void endpoint() throws Exception {
        images = OfflineImages.ensure();
        imagesBefore = referenceImages();
        tls = TlsEngineEndpoint.start(dir.resolve("tls"));
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            DockerProjects.remove(projects); // through the local socket, whatever the test left
            try (DockerEngine local = new DockerEngine()) {
                referenceImages().stream().filter(i -> !imagesBefore.contains(i)).forEach(local::removeImage);
            }
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    static List<String> referenceImages() {
        try (DockerEngine local = new DockerEngine()) {
            return local.imageTags(io.gladys.docker.reference.ReferenceComposeProject.IMAGE_LABEL);
        }
    }

    static String project(String name) {
        String p = "gladys-test-" + UUID.randomUUID().toString().substring(0, 8) + "-" + name;
        projects.add(p);
        return p;
    }

    /** The reference stack, every service in docker, on the TLS engine with the given TLS material. */
    static StackConfig reference(Path base, String project, Map<String, String> environment, PortMode ports,
                                 Console console) {
        int[] p = TestStacks.freePorts(5);
        catalogPorts = p;
        List<ServiceDefinition> onFreePorts = List.of(
                ServiceDefinition.builder("db").dockerPort(p[0]).build(),
                ServiceDefinition.builder("memory-python").dockerPort(p[1]).build(),
                ServiceDefinition.builder("memory-rust").dockerPort(p[2]).build(),
                ServiceDefinition.builder("orchestrator").dockerPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").dockerPort(p[4]).build());
        return StackConfig.builder(base, base.resolve(".gladys")).environment(Environment.DOCKER)
                .services(onFreePorts).useDefaultCatalog(true)
                .java(JavaLaunch.currentJvm(TestStacks.pluginClasspath())).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(console)
                .ports(PortSettings.starting(ports))
                .docker(DockerSettings.builder().project(project).javaImage(images.java())
                        .postgresImage(images.postgres()).publishAddress(TlsEngineEndpoint.ADDRESS)
                        .environment(environment).down(true).removeVolumes(true).build())
                .build();
    }

    @Test
    void theReferenceStackRunsOnTheTlsEngineOnDynamicPortsAndEveryGoalReachesIt() throws Exception {
        Path base = Files.createDirectories(dir.resolve("reference"));
        String project = project("remote-ref");
        Recording console = new Recording();
        StackConfig config = reference(base, project, tls.environment(tls.certs()), PortMode.DYNAMIC, console);
        try (StackSession session = StackSession.open(config)) {
            session.start("all", StartOptions.DEFAULT);
            assertThat(console.warnings).as("the publish address is the test's loopback one: no open-ports warning")
                    .noneMatch(w -> w.contains("every interface"));

            List<ServiceStatus> st = session.manager().status("all");
            assertThat(st).hasSize(5).allSatisfy(s -> {
                assertThat(s.state()).as(s.service().name() + " " + s.detail()).isEqualTo(ServiceState.RUNNING);
                assertThat(s.facts().get("ports")).as("where the port is published")
                        .startsWith(TlsEngineEndpoint.ADDRESS + ":" + s.port() + "->");
                assertThat(s.port()).as("a dynamic port, not the catalog's").isNotIn(
                        java.util.Arrays.stream(catalogPorts).boxed().toList());
            });
            Map<ServiceDefinition, HealthResult> health = session.manager().health("all");
            assertThat(health).hasSize(5);
            health.forEach((s, r) -> assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));

            // everything that talks to the services goes to the engine's host
            assertThat(session.database().host()).isEqualTo(TlsEngineEndpoint.ADDRESS);
            assertThat(session.addresses().mavenProperties())
                    .containsEntry("gladys.orchestrator.host", TlsEngineEndpoint.ADDRESS)
                    .containsEntry("gladys.db.url", "jdbc:postgresql://" + TlsEngineEndpoint.ADDRESS + ":"
                            + session.database().port() + "/gladys");
            String json = session.statusReport("all").json().replaceAll("\\s+", "");
            assertThat(json).contains("\"ports\":\"" + TlsEngineEndpoint.ADDRESS + ":");

            EventPublisher publisher = session.publisher("orchestrator", Duration.ofSeconds(5));
            assertThat(publisher.publish(EventPublisher.event("test", "good morning greeting to everyone", ""))
                    .getAccepted()).isTrue();
            var cache = session.cache("memory-rust", Duration.ofSeconds(5));
            assertThat(cache.stats().getCurrentSize()).isGreaterThanOrEqualTo(1);
            assertThat(cache.flush()).isGreaterThanOrEqualTo(1);
            assertThat(cache.stats().getCurrentSize()).isZero();
            StringWriter out = new StringWriter();
            new QueryRunner(session.database()).run("select count(*) as n from heuristics", OutputFormat.TEXT, out);
            assertThat(out.toString()).contains("n").contains("6");

            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            session.manager().logs("db,orchestrator", 5, false, Duration.ZERO, (n, l) -> lines.add(n + "|" + l));
            assertThat(lines).anyMatch(l -> l.startsWith("db|")).anyMatch(l -> l.startsWith("orchestrator|"));

            session.stop("all", Duration.ofSeconds(10));
            assertThat(session.manager().status("all")).allSatisfy(s -> assertThat(s.state()).isEqualTo(ServiceState.STOPPED));
        }
        DockerProjects.assertGone(project);
    }

    @Test
    void aClientCertificateOfAnotherCaFailsAtOnceNamingTheFileAndCreatesNothing() {
        Path base = dir.resolve("wrong-ca");
        String project = project("remote-wrong");
        StackConfig config = reference(base, project, tls.environment(tls.wrongClientCerts()), PortMode.DEFAULT,
                TestStacks.printing());
        try (StackSession session = StackSession.open(config)) {
            assertThatThrownBy(() -> session.start("all", StartOptions.DEFAULT))
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining("refused this client's certificate "
                            + tls.wrongClientCerts().resolve("cert.pem"))
                    .hasMessageContaining(tls.host())
                    .hasMessageContaining("signed by the CA the engine trusts")
                    .hasMessageNotContaining("no Docker engine answers")
                    .hasMessageEndingWith("Nothing was done.");
            assertThatThrownBy(() -> session.manager().status("all")).isInstanceOf(DockerException.class)
                    .hasMessageContaining("refused this client's certificate");
        }
        try (DockerEngine local = new DockerEngine()) {
            assertThat(local.containers(project)).isEmpty();
        }
        assertThat(base.resolve(".gladys/docker/compose.yaml")).as("nothing written").doesNotExist();
    }

    @Test
    void aProjectsOwnComposeFileThroughADockerContextIsNamedForThisUserAndCheckout() throws Exception {
        Path base = Files.createDirectories(dir.resolve("own-compose"));
        Files.createDirectories(base.resolve("seed"));
        int port = TestStacks.freePort();
        Files.writeString(base.resolve("compose.yaml"), """
                services:
                  store:
                    image: %s
                    environment:
                      POSTGRES_PASSWORD: store
                    ports:
                      - "%s:%d:5432"
                    volumes:
                      - ./seed:/seed:ro
                """.formatted(images.postgres(), TlsEngineEndpoint.ADDRESS, port));
        // no DOCKER_HOST: the current context of a Docker configuration names the engine and its TLS files
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.keySet().removeIf(k -> k.startsWith("DOCKER_"));
        environment.put("DOCKER_CONFIG", tls.dockerConfig("remote-test").toString());
        environment.put("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt");
        environment.put("CURL_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt");
        // no configured name: on a shared engine it carries the user and the checkout
        String expected = "own-compose-" + System.getProperty("user.name") + "-" + PortPlan.checkoutSuffix(base);
        projects.add(expected);
        Recording console = new Recording();
        StackConfig config = StackConfig.builder(base, base.resolve(".gladys")).environment(Environment.DOCKER)
                .services(List.of(ServiceDefinition.builder("store").dockerPort(port).health(HealthKind.TCP).build()))
                .java(TestStacks.java()).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(console)
                .docker(DockerSettings.builder().environment(environment).down(true).removeVolumes(true).build())
                .build();
        try (StackSession session = StackSession.open(config)) {
            session.start("store", StartOptions.DEFAULT);
            assertThat(console.warnings).anyMatch(w -> w.contains("mounts ./seed from the host")
                    && w.contains("paths on the engine's host"));
            try (DockerEngine local = new DockerEngine()) {
                assertThat(local.containers(expected)).singleElement()
                        .satisfies(c -> assertThat(c.service()).isEqualTo("store"));
            }
            ServiceStatus st = session.manager().status("store").get(0);
            assertThat(st.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(st.facts().get("ports")).isEqualTo(TlsEngineEndpoint.ADDRESS + ":" + port + "->5432/tcp");
            assertThat(session.manager().health("store").values()).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(HealthState.HEALTHY));
            // reached where nothing publishes it (as behind a firewall): the engine's side is said
            StackConfig elsewhere = config.toBuilder().docker(config.docker().toBuilder().serviceHost("127.0.0.3")
                    .build()).build();
            try (StackSession behindAFirewall = StackSession.open(elsewhere)) {
                assertThat(behindAFirewall.manager().health("store").values()).singleElement().satisfies(r -> {
                    assertThat(r.state()).isNotEqualTo(HealthState.HEALTHY);
                    assertThat(String.join(" ", r.notes())).contains("answers and store's container")
                            .contains("is running, publishing " + TlsEngineEndpoint.ADDRESS + ":" + port)
                            .contains("127.0.0.3:" + port + " does not answer from this machine")
                            .contains("a firewall on the engine's host");
                });
            }
            session.stop("all", Duration.ofSeconds(10));
        }
        DockerProjects.assertGone(expected);
    }

    @Test
    void hybridOnTheRemoteEngineLocalServicesUseItsDatabaseAndNoContainerCallsBack() {
        Path base = dir.resolve("hybrid");
        String project = project("remote-hybrid");
        int[] p = TestStacks.freePorts(5);
        List<ServiceDefinition> onFreePorts = List.of(
                ServiceDefinition.builder("db").dockerPort(p[0]).localPort(p[0]).build(),
                ServiceDefinition.builder("memory-python").localPort(p[1]).dockerPort(p[1]).build(),
                ServiceDefinition.builder("memory-rust").localPort(p[2]).build(),
                ServiceDefinition.builder("orchestrator").localPort(p[3]).dockerPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").localPort(p[4]).build());
        StackConfig.Builder config = StackConfig.builder(base, base.resolve(".gladys")).environment(Environment.LOCAL)
                .services(onFreePorts).useDefaultCatalog(true)
                .java(JavaLaunch.currentJvm(TestStacks.pluginClasspath())).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(TestStacks.printing())
                .docker(DockerSettings.builder().project(project).javaImage(images.java())
                        .postgresImage(images.postgres()).publishAddress(TlsEngineEndpoint.ADDRESS)
                        .environment(tls.environment(tls.certs())).down(true).removeVolumes(true).build());

        try (StackSession refused = StackSession.open(config.placements(StackConfig.Placement.parse(
                "db=docker,orchestrator=docker")).build())) {
            assertThatThrownBy(() -> refused.start("all", StartOptions.DEFAULT)).isInstanceOf(StackException.class)
                    .hasMessageContaining("Cannot start: nothing was launched")
                    .hasMessageContaining("orchestrator runs in docker on the engine " + tls.host())
                    .hasMessageContaining("memory-python")
                    .hasMessageContaining("cannot call back to this machine");
        }
        try (DockerEngine local = new DockerEngine()) {
            assertThat(local.containers(project)).as("refused before anything was launched").isEmpty();
        }

        StackSession session = StackSession.open(config.placements(StackConfig.Placement.parse("db=docker")).build());
        try {
            session.start("all", StartOptions.DEFAULT);
            assertThat(session.database().host()).isEqualTo(TlsEngineEndpoint.ADDRESS);
            session.manager().health("all").forEach((s, r) ->
                    assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));
            StatusReport report = session.statusReport("all");
            assertThat(report.text()).anySatisfy(l -> assertThat(l).matches("db\\s+docker\\s+running\\s.*"));
            session.stop("all", Duration.ofSeconds(10));
        } finally {
            TestStacks.stopAll(List.of(session)); // the local processes too, also when an assertion failed
        }
        DockerProjects.assertGone(project);
    }

    /** A console that keeps the warnings, and prints everything. */
    static final class Recording implements Console {
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String line) {
            System.out.println("[gladys] " + line);
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
            System.out.println("[gladys WARN] " + line);
        }

        @Override
        public void data(String text) {
            System.out.println(text);
        }
    }
}
