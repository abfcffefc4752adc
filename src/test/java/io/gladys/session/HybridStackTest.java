package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.DockerEngine;
import io.gladys.docker.DockerException;
import io.gladys.docker.DockerSettings;
import io.gladys.grpc.EventPublisher;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.proto.v1.EventAck;
import io.gladys.report.StatusReport;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackException;
import io.gladys.stack.StartOptions;
import io.gladys.testing.DockerProjects;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hybrid stack, the common one: PostgreSQL in a container (placed there by gladys.environments), the four
 * services as local processes on this machine. Started and healthy, reported per environment, its database
 * migrated and written through the local services, reset, logged from both sides, a move of the running
 * database refused, then stopped with down: no container, volume, network or process left.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HybridStackTest {

    @TempDir
    static Path dir;
    static String project;
    static OfflineImages images;
    static int[] ports;
    static StackSession session;

    static StackConfig config(String placements, boolean down) {
        List<ServiceDefinition> onFreePorts = List.of(
                ServiceDefinition.builder("db").dockerPort(ports[0]).localPort(ports[0]).build(),
                ServiceDefinition.builder("memory-python").localPort(ports[1]).build(),
                ServiceDefinition.builder("memory-rust").localPort(ports[2]).build(),
                ServiceDefinition.builder("orchestrator").localPort(ports[3]).build(),
                ServiceDefinition.builder("executive-stub").localPort(ports[4]).build());
        DockerSettings docker = DockerSettings.builder().project(project).javaImage(images.java())
                .postgresImage(images.postgres()).down(down).removeVolumes(down).build();
        return StackConfig.builder(dir, dir.resolve(".gladys")).environment(Environment.LOCAL)
                .placements(StackConfig.Placement.parse(placements)).services(onFreePorts).useDefaultCatalog(true)
                .java(JavaLaunch.currentJvm(TestStacks.pluginClasspath())).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(TestStacks.printing()).docker(docker).build();
    }

    @BeforeAll
    static void start() {
        images = OfflineImages.ensure();
        project = "gladys-test-hybrid-" + UUID.randomUUID().toString().substring(0, 8);
        ports = TestStacks.freePorts(5);
        session = StackSession.open(config("db=docker", false));
        session.start("all", StartOptions.DEFAULT);
    }

    @AfterAll
    static void removeEverything() {
        if (session == null) {
            return;
        }
        try {
            TestStacks.stopAll(List.of(session));
        } finally {
            DockerProjects.remove(List.of(project));
        }
    }

    @Test
    @Order(1)
    void theDatabaseRunsInAContainerTheServicesAsProcessesAllHealthy() {
        assertThat(session.hybrid()).isTrue();
        assertThat(session.environmentId()).isEqualTo("hybrid");
        List<ServiceStatus> st = session.manager().status("all");
        assertThat(st).hasSize(5).allSatisfy(s ->
                assertThat(s.state()).as(s.service().name() + " " + s.detail()).isEqualTo(ServiceState.RUNNING));
        assertThat(st).filteredOn(s -> s.service().isDatabase()).singleElement().satisfies(s -> {
            assertThat(s.id()).as("a container id").matches("[0-9a-f]{12}");
            assertThat(s.port()).isEqualTo(ports[0]);
        });
        assertThat(st).filteredOn(s -> !s.service().isDatabase()).allSatisfy(s -> {
            assertThat(s.id()).as("a pid").matches("[0-9]+");
            assertThat(ProcessHandle.of(Long.parseLong(s.id()))).as(s.service().name()).hasValueSatisfying(
                    p -> assertThat(p.isAlive()).isTrue());
        });
        try (DockerEngine engine = new DockerEngine()) {
            assertThat(engine.containers(project)).as("only the database is a container").singleElement()
                    .satisfies(c -> assertThat(c.image()).isEqualTo(images.postgres()));
        }
        Map<ServiceDefinition, HealthResult> health = session.manager().health("all");
        assertThat(health).hasSize(5);
        health.forEach((s, r) -> assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));
    }

    @Test
    @Order(2)
    void statusSaysWhereEachServiceRuns() {
        StatusReport report = session.statusReport("all");
        List<String> text = report.text();
        assertThat(text.get(0)).startsWith("SERVICE").contains(" ENV ").contains(" ID ");
        assertThat(text).anySatisfy(l -> assertThat(l).matches("db\\s+docker\\s+running\\s+[0-9a-f]{12}\\s.*"))
                .anySatisfy(l -> assertThat(l).matches("orchestrator\\s+local\\s+running\\s+[0-9]+\\s.*"));
        String json = report.json();
        String compact = json.replaceAll("\\s+", "");
        assertThat(compact).contains("\"environment\":\"hybrid\"")
                .containsPattern("\"name\":\"db\",\"environment\":\"docker\",\"state\":\"running\",\"container\":\"[0-9a-f]{12}\"")
                .containsPattern("\"name\":\"memory-rust\",\"environment\":\"local\",\"state\":\"running\",\"pid\":[0-9]+,");
        assertThat(session.addresses().mavenProperties())
                .containsEntry("gladys.db.url", session.database().jdbcUrl())
                .containsEntry("gladys.orchestrator.port", String.valueOf(ports[3]));
    }

    @Test
    @Order(3)
    void theLocalServicesWriteToTheDatabaseInTheContainer() throws Exception {
        assertThat(session.database().port()).isEqualTo(ports[0]);
        assertThat(count("heuristics")).as("migrated on start").isEqualTo(6);
        EventPublisher publisher = session.publisher("orchestrator", Duration.ofSeconds(5));
        EventAck ack = publisher.publish(EventPublisher.event("test", "good morning greeting to everyone", ""));
        assertThat(ack.getAccepted()).as(ack.getErrorMessage()).isTrue();
        assertThat(ack.getMatchedHeuristicId()).isNotEmpty();
        assertThat(count("episodic_events")).isGreaterThan(0);
    }

    @Test
    @Order(4)
    void resetCleansTheContainersDatabaseAndRestartsTheProcesses() throws Exception {
        String db = status("db").id();
        String memory = status("memory-python").id();
        session.reset("events", false, StartOptions.DEFAULT, Duration.ofSeconds(10));
        assertThat(count("episodic_events")).isZero();
        assertThat(count("heuristics")).isEqualTo(6);
        assertThat(status("db").id()).as("the database container kept running").isEqualTo(db);
        assertThat(status("memory-python").id()).as("a new process").isNotEqualTo(memory);
        assertThat(session.manager().status("all")).allSatisfy(s ->
                assertThat(s.state()).as(s.service().name()).isEqualTo(ServiceState.RUNNING));
    }

    @Test
    @Order(5)
    void logsComeFromTheContainerAndFromTheLogFiles() throws Exception {
        List<String> tail = new ArrayList<>();
        session.manager().logs("db,orchestrator", 5, false, Duration.ZERO, (n, l) -> tail.add(n + "|" + l));
        assertThat(tail).anyMatch(l -> l.startsWith("db|")).anyMatch(l -> l.startsWith("orchestrator|"));
        assertThat(status("orchestrator").logFile()).as("a local process logs to a file").isNotNull()
                .satisfies(f -> assertThat(Files.exists(f)).isTrue());
    }

    @Test
    @Order(6)
    void withNoEngineEveryGoalNamesTheDockerPartAndLeavesTheLocalPartAsItWas() {
        Map<String, String> pids = pids();
        String nowhere = "unix://" + dir.resolve("no-docker.sock");
        DockerProjects.withDockerHost(nowhere, () -> {
            try (StackSession noEngine = StackSession.open(config("db=docker", true))) {
                List<Runnable> goals = List.of(() -> noEngine.stop("all", Duration.ofSeconds(10)),
                        () -> noEngine.start("all", StartOptions.DEFAULT), () -> noEngine.manager().status("all"),
                        () -> noEngine.reset("events", false, StartOptions.DEFAULT, Duration.ofSeconds(10)));
                for (Runnable goal : goals) {
                    assertThatThrownBy(goal::run).isInstanceOf(DockerException.class)
                            .hasMessageStartingWith("db runs in docker (the rest of the stack as local processes): the "
                                    + "docker environment needs a Docker engine")
                            .hasMessageContaining(nowhere)
                            .hasMessageContaining("Nothing was done");
                }
            }
        });
        assertThat(pids()).as("the local processes kept running, untouched").isEqualTo(pids);
        assertThat(status("db").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    @Order(7)
    void movingTheRunningDatabaseIsRefusedAndStartsNothing() {
        assertThat(dir.resolve(".gladys/placements.properties")).content().contains("db=docker");
        try (StackSession moved = StackSession.open(config("", false))) {
            assertThat(moved.hybrid()).isFalse();
            assertThatThrownBy(() -> moved.start("db", StartOptions.DEFAULT))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Cannot start db in local: it still runs in docker")
                    .hasMessageContaining("-Dgladys.environments=db=docker")
                    .hasMessageContaining("Nothing was started");
            assertThat(moved.manager().status("db").get(0).state()).as("no local PostgreSQL was launched")
                    .isNotEqualTo(ServiceState.RUNNING);
        }
        assertThat(status("db").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    @Order(8)
    void stopWithDownLeavesNoContainerVolumeNetworkOrProcess() {
        List<Long> pids = session.manager().status("all").stream().filter(s -> !s.service().isDatabase())
                .map(s -> Long.parseLong(s.id())).toList();
        try (StackSession down = StackSession.open(config("db=docker", true))) {
            down.stop("all", Duration.ofSeconds(10));
            assertThat(down.manager().status("all")).allSatisfy(s ->
                    assertThat(s.state()).as(s.service().name()).isEqualTo(ServiceState.STOPPED));
        }
        assertThat(pids).hasSize(4).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse());
        DockerProjects.assertGone(project);
    }

    private static Map<String, String> pids() {
        Map<String, String> out = new java.util.TreeMap<>();
        session.manager().status("all").stream().filter(s -> !s.service().isDatabase())
                .forEach(s -> out.put(s.service().name(), s.id()));
        assertThat(out).hasSize(4).doesNotContainValue(null);
        return out;
    }

    private static ServiceStatus status(String name) {
        return session.manager().status(name).get(0);
    }

    private static long count(String table) throws Exception {
        try (var c = session.database().connect(); var rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
