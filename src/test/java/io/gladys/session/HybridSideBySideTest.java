package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.docker.DockerEngine;
import io.gladys.docker.DockerSettings;
import io.gladys.grpc.EventPublisher;
import io.gladys.health.HealthState;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortRecord;
import io.gladys.ports.PortSettings;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two checkouts' hybrid stacks (database in docker, services local) at once on dynamic ports: each its
 * own container and processes, on ports of its own in both environments, each service talking to its own
 * stack's database; later goals find the recorded ports, and stop removes both.
 */
@RequiresDocker
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HybridSideBySideTest {

    @TempDir
    Path dir;
    final List<StackSession> sessions = new ArrayList<>();
    final List<String> projects = new ArrayList<>();

    StackConfig checkout(String name, PortSettings ports) throws Exception {
        OfflineImages images = OfflineImages.ensure();
        Path base = Files.createDirectories(dir.resolve(name));
        String project = projects.stream().filter(p -> p.endsWith("-" + name)).findFirst().orElseGet(() -> {
            String p = "gladys-test-" + UUID.randomUUID().toString().substring(0, 8) + "-" + name;
            projects.add(p);
            return p;
        });
        return StackConfig.builder(base, base.resolve(".gladys")).environment(Environment.LOCAL)
                .placements(StackConfig.Placement.parse("db=docker")).useDefaultCatalog(true)
                .java(JavaLaunch.currentJvm(TestStacks.pluginClasspath())).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(TestStacks.printing()).ports(ports)
                .docker(DockerSettings.builder().project(project).javaImage(images.java())
                        .postgresImage(images.postgres()).down(true).removeVolumes(true).build())
                .build();
    }

    @AfterEach
    void removeEverything() {
        try {
            TestStacks.stopAll(sessions);
        } finally {
            DockerProjects.remove(projects);
        }
    }

    private StackSession start(StackConfig config) {
        StackSession s = StackSession.open(config);
        sessions.add(s);
        s.start("all", StartOptions.DEFAULT);
        return s;
    }

    @Test
    void twoHybridStacksOnDynamicPortsRunSideBySideEachOnItsOwnDatabase() throws Exception {
        StackSession a = start(checkout("a", PortSettings.starting(PortMode.DYNAMIC)));
        StackSession b = start(checkout("b", PortSettings.starting(PortMode.DYNAMIC)));

        Set<Integer> ports = new HashSet<>();
        for (StackSession s : List.of(a, b)) {
            assertThat(s.hybrid()).isTrue();
            List<ServiceStatus> st = s.manager().status("all");
            assertThat(st).hasSize(5).allSatisfy(x ->
                    assertThat(x.state()).as(x.service().name() + " " + x.detail()).isEqualTo(ServiceState.RUNNING));
            st.forEach(x -> ports.add(x.port()));
            s.manager().health("all").forEach((svc, r) ->
                    assertThat(r.state()).as(svc.name() + ": " + r.message()).isEqualTo(HealthState.HEALTHY));
        }
        assertThat(ports).as("ten services, ten ports: none of the catalog's").hasSize(10)
                .doesNotContain(5432, 5433, 50050, 50051, 50052, 50053, 50060, 50061, 50062, 50063);
        assertThat(a.database().port()).isNotEqualTo(b.database().port());
        try (DockerEngine engine = new DockerEngine()) {
            assertThat(projects).allSatisfy(p -> assertThat(engine.containers(p)).as(p).hasSize(1));
        }

        // an event through a's services lands in a's database only
        var ack = a.publisher("orchestrator", Duration.ofSeconds(5))
                .publish(EventPublisher.event("test", "good morning greeting to everyone", ""));
        assertThat(ack.getAccepted()).as(ack.getErrorMessage()).isTrue();
        assertThat(TestStacks.column(a.database(), "SELECT count(*) FROM episodic_events")).containsExactly("1");
        assertThat(TestStacks.column(b.database(), "SELECT count(*) FROM episodic_events")).containsExactly("0");

        // a later goal of a (no port flags) finds a's recorded ports in both environments
        Map<String, Integer> running = a.manager().status("all").stream()
                .collect(Collectors.toMap(x -> x.service().name(), ServiceStatus::port));
        try (StackSession later = StackSession.open(checkout("a", PortSettings.NONE))) {
            assertThat(later.portMode().kind()).isEqualTo(PortMode.Kind.DYNAMIC);
            assertThat(later.manager().status("all")).allSatisfy(x -> {
                assertThat(x.state()).isEqualTo(ServiceState.RUNNING);
                assertThat(x.port()).isEqualTo(running.get(x.service().name()));
            });
        }

        for (StackSession s : List.of(a, b)) {
            s.stop("all", Duration.ofSeconds(10));
        }
        projects.forEach(DockerProjects::assertGone);
        assertThat(PortRecord.file(dir.resolve("a/.gladys"), Environment.LOCAL)).as("the ports are forgotten")
                .doesNotExist();
    }
}
