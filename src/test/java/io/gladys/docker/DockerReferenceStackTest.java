package io.gladys.docker;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.Migrations;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.grpc.EventPublisher;
import io.gladys.proto.v1.EventAck;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.session.StackConfig;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.Await;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference stack in docker, out of the box (no Compose file: the plugin writes one), on the offline
 * base images: started and healthy, its cache managed, its database migrated, queried and cleaned by a
 * reset that keeps it up, logs tailed and followed, a service restarted, then stopped and removed with down.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DockerReferenceStackTest {

    @TempDir
    static Path dir;
    static StackSession session;
    static String project;
    static final Set<String> images = new LinkedHashSet<>();

    static StackConfig config(DockerSettings docker) {
        int[] p = TestStacks.freePorts(5);
        List<ServiceDefinition> ports = List.of(
                ServiceDefinition.builder("db").dockerPort(p[0]).build(),
                ServiceDefinition.builder("memory-python").dockerPort(p[1]).build(),
                ServiceDefinition.builder("memory-rust").dockerPort(p[2]).build(),
                ServiceDefinition.builder("orchestrator").dockerPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").dockerPort(p[4]).build());
        return StackConfig.builder(dir, dir.resolve(".gladys")).environment(Environment.DOCKER).services(ports)
                .useDefaultCatalog(true).java(JavaLaunch.currentJvm(TestStacks.pluginClasspath()))
                .database(TestStacks.embeddedDatabase()).postgresBinaries(TestStacks.postgresBinaries())
                .console(TestStacks.printing()).docker(docker).build();
    }

    static DockerSettings settings(OfflineImages offline) {
        return DockerSettings.builder().project(project).javaImage(offline.java()).postgresImage(offline.postgres())
                .build();
    }

    @BeforeAll
    static void start() {
        OfflineImages offline = OfflineImages.ensure();
        project = "gladys-test-ref-" + UUID.randomUUID().toString().substring(0, 8);
        session = StackSession.open(config(settings(offline)));
        session.manager().start("all", StartOptions.DEFAULT);
    }

    @AfterAll
    static void removeEverything() {
        if (session == null) {
            return;
        }
        try (DockerEngine engine = new DockerEngine()) {
            engine.containers(project).forEach(c -> images.add(c.image()));
            try {
                session.close();
            } finally {
                for (ContainerEngine.Container c : engine.containers(project)) {
                    engine.remove(c.id(), true);
                }
                engine.removeProjectResources(project, true);
                // the services' image this run built (never the offline base images)
                images.stream().filter(i -> i.startsWith("gladys-reference:")).forEach(i -> {
                    try {
                        engine.client().removeImageCmd(i).exec();
                    } catch (RuntimeException e) {
                        System.out.println("kept image " + i + ": " + e.getMessage());
                    }
                });
            }
        }
    }

    @Test
    @Order(1)
    void everyServiceRunsInItsContainerAndIsHealthy() {
        List<ServiceStatus> st = session.manager().status("all");
        assertThat(st).hasSize(5).allSatisfy(s -> {
            assertThat(s.state()).as(s.service().name() + " " + s.detail()).isEqualTo(ServiceState.RUNNING);
            assertThat(s.id()).matches("[0-9a-f]{12}");
            assertThat(s.port()).isEqualTo(s.service().dockerPort());
        });
        assertThat(st).filteredOn(s -> s.service().isDatabase()).singleElement()
                .satisfies(s -> assertThat(s.facts()).containsEntry("health", "healthy"));
        Map<ServiceDefinition, HealthResult> health = session.manager().health("all");
        health.forEach((s, r) -> assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));
        assertThat(session.addresses().mavenProperties())
                .containsEntry("gladys.orchestrator.host", "localhost")
                .containsEntry("gladys.db.url", session.database().jdbcUrl());
    }

    @Test
    @Order(2)
    void theDatabaseWasMigratedOnItsPublishedPortAndAnswersQueries() throws Exception {
        assertThat(session.database().port()).isEqualTo(session.catalog().get("db").dockerPort());
        assertThat(new Migrations(session.database(), Migrations.BUNDLED_REFERENCE_SCHEMA).migrate().applied())
                .as("start applied every migration already").isZero();
        assertThat(count("heuristics")).isEqualTo(6);
    }

    @Test
    @Order(3)
    void eventsFillTheCacheWhichTheCacheGoalsListAndFlush() {
        var publisher = session.publisher("orchestrator", Duration.ofSeconds(5));
        var cache = session.cache("memory-rust", Duration.ofSeconds(3));
        long hitsBefore = cache.stats().getTotalHits();
        EventAck first = publisher.publish(EventPublisher.event("test", "good morning greeting to everyone", ""));
        EventAck second = publisher.publish(EventPublisher.event("test", "a good morning greeting again", ""));
        assertThat(first.getAccepted()).as(first.getErrorMessage()).isTrue();
        assertThat(second.getMatchedHeuristicId()).isEqualTo(first.getMatchedHeuristicId()).isNotEmpty();
        // the second came from the cache the first filled
        assertThat(cache.stats().getTotalHits()).isEqualTo(hitsBefore + 1);
        assertThat(cache.stats().getCurrentSize()).isGreaterThanOrEqualTo(1);
        assertThat(cache.list(0)).extracting(e -> e.getName()).contains("Morning greeting pattern");
        assertThat(cache.flush()).isGreaterThanOrEqualTo(1);
        assertThat(cache.stats().getCurrentSize()).isZero();
    }

    @Test
    @Order(4)
    void resetCleansTheTablesWhileTheDatabaseStaysUp() throws Exception {
        assertThat(count("episodic_events")).isGreaterThan(0);
        String db = status("db").id();
        String memory = status("memory-python").id();
        java.time.Instant memorySince = status("memory-python").since();
        session.reset("events", false, StartOptions.DEFAULT, Duration.ofSeconds(10));
        assertThat(count("episodic_events")).isZero();
        assertThat(count("heuristics")).isEqualTo(6);
        assertThat(status("db").id()).as("the database container kept running").isEqualTo(db);
        assertThat(status("memory-python").id()).isEqualTo(memory); // the same container, started again
        assertThat(status("memory-python").since()).isAfter(memorySince);
        assertThat(session.manager().status("all")).allSatisfy(s ->
                assertThat(s.state()).as(s.service().name()).isEqualTo(ServiceState.RUNNING));
    }

    @Test
    @Order(5)
    void logsAreTailedAndFollowed() throws Exception {
        List<String> tail = new ArrayList<>();
        session.manager().logs("db,orchestrator", 5, false, Duration.ZERO, (n, l) -> tail.add(n + "|" + l));
        assertThat(tail).anyMatch(l -> l.startsWith("db|")).anyMatch(l -> l.startsWith("orchestrator|"));
        assertThat(tail.stream().filter(l -> l.startsWith("db|"))).hasSizeLessThanOrEqualTo(5);

        // following the gateway, which is stopped once the follow has its last line: the follow ends with it
        List<String> followed = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread follower = new Thread(() -> {
            try {
                session.manager().logs("memory-rust", 1, true, Duration.ofSeconds(60), (n, l) -> followed.add(l));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.start();
        Await.until(Duration.ofSeconds(30), "the follow's first line", () -> !followed.isEmpty());
        session.manager().stop("memory-rust", Duration.ofSeconds(10));
        follower.join(30_000);
        assertThat(follower.isAlive()).as("following ends when the container stops").isFalse();
        assertThat(status("memory-rust").state()).isEqualTo(ServiceState.STOPPED);
        session.manager().start("memory-rust", StartOptions.DEFAULT);
        assertThat(status("memory-rust").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    @Order(6)
    void stopWithDownRemovesContainersAndNetwork() {
        try (StackSession down = StackSession.open(config(settings(OfflineImages.ensure()).toBuilder().down(true).removeVolumes(true).build()))) {
            try (DockerEngine engine = new DockerEngine()) {
                engine.containers(project).forEach(c -> images.add(c.image()));
            }
            down.manager().stop("all", Duration.ofSeconds(10));
        }
        DockerProjects.assertGone(project);
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
