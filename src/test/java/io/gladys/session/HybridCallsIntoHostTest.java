package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.DockerException;
import io.gladys.docker.DockerSettings;
import io.gladys.grpc.EventPublisher;
import io.gladys.health.HealthState;
import io.gladys.proto.v1.EventAck;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StartOptions;
import io.gladys.testing.DockerProjects;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hybrid stack the other way round: the orchestrator in a container (its catalog entry's
 * {@code <environment>}), calling the memory services and the executive that run as local processes, over
 * the database the plugin runs locally. And the same stack with no engine to reach: one clear error, and
 * nothing of the local part launched.
 */
@RequiresDocker
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HybridCallsIntoHostTest {

    @TempDir
    Path dir;
    final List<StackSession> sessions = new ArrayList<>();
    final List<String> projects = new ArrayList<>();

    StackConfig config(OfflineImages images, String project) {
        int[] p = TestStacks.freePorts(5);
        List<ServiceDefinition> services = List.of(
                ServiceDefinition.builder("db").localPort(p[0]).build(),
                ServiceDefinition.builder("memory-python").localPort(p[1]).build(),
                ServiceDefinition.builder("memory-rust").localPort(p[2]).build(),
                ServiceDefinition.builder("orchestrator").runsIn(Environment.DOCKER).dockerPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").localPort(p[4]).build());
        DockerSettings docker = DockerSettings.builder().project(project).javaImage(images.java())
                .postgresImage(images.postgres()).down(true).removeVolumes(true).build();
        return StackConfig.builder(dir, dir.resolve(".gladys")).environment(Environment.LOCAL).services(services)
                .useDefaultCatalog(true).java(JavaLaunch.currentJvm(TestStacks.pluginClasspath()))
                .database(TestStacks.embeddedDatabase()).postgresBinaries(TestStacks.postgresBinaries())
                .console(TestStacks.printing()).docker(docker).build();
    }

    @AfterEach
    void removeEverything() {
        try {
            TestStacks.stopAll(sessions);
        } finally {
            DockerProjects.remove(projects);
        }
    }

    private String project() {
        String project = "gladys-test-tohost-" + UUID.randomUUID().toString().substring(0, 8);
        projects.add(project);
        return project;
    }

    @Test
    void theOrchestratorInAContainerCallsTheLocalServices() {
        String project = project();
        StackSession session = StackSession.open(config(OfflineImages.ensure(), project));
        sessions.add(session);
        session.start("all", StartOptions.DEFAULT);

        List<ServiceStatus> st = session.manager().status("all");
        assertThat(st).allSatisfy(s ->
                assertThat(s.state()).as(s.service().name() + " " + s.detail()).isEqualTo(ServiceState.RUNNING));
        assertThat(st).filteredOn(s -> s.service().name().equals("orchestrator")).singleElement()
                .satisfies(s -> assertThat(s.id()).matches("[0-9a-f]{12}"));
        assertThat(st).filteredOn(s -> !s.service().name().equals("orchestrator")).allSatisfy(s ->
                assertThat(s.id()).as(s.service().name()).matches("[0-9]+"));
        // its health says SERVING only once the memory services it calls answer it
        session.manager().health("all").forEach((s, r) ->
                assertThat(r.state()).as(s.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));

        // an event goes into the container, out to the local gateway and memory, and into the local database
        EventAck ack = session.publisher("orchestrator", Duration.ofSeconds(5))
                .publish(EventPublisher.event("test", "good morning greeting to everyone", ""));
        assertThat(ack.getAccepted()).as(ack.getErrorMessage()).isTrue();
        assertThat(ack.getMatchedHeuristicId()).as("the salience gateway answered from the host").isNotEmpty();

        session.stop("all", Duration.ofSeconds(10));
        DockerProjects.assertGone(project);
        assertThat(session.manager().status("all")).allSatisfy(s ->
                assertThat(s.state()).as(s.service().name()).isEqualTo(ServiceState.STOPPED));
    }

    @Test
    void noEngineFailsTheStartBeforeTheLocalPartIsLaunched() {
        StackConfig config = config(OfflineImages.ensure(), project());
        String nowhere = "unix://" + dir.resolve("no-docker.sock");
        DockerProjects.withDockerHost(nowhere, () -> assertThatThrownBy(() -> {
            try (StackSession session = StackSession.open(config)) {
                session.start("all", StartOptions.DEFAULT);
            }
        }).isInstanceOf(DockerException.class)
                .hasMessageStartingWith("orchestrator runs in docker (the rest of the stack as local processes)")
                .hasMessageContaining(nowhere)
                .hasMessageContaining("Nothing was done"));
        // the local part: nothing launched (its database, memory and executive would come before the orchestrator)
        try (StackSession local = StackSession.open(config.toBuilder().placements(
                StackConfig.Placement.parse("orchestrator=local")).build())) {
            assertThat(local.manager().status("all")).allSatisfy(s ->
                    assertThat(s.state()).as(s.service().name()).isEqualTo(ServiceState.STOPPED));
        }
    }
}
