package io.gladys.docker.reference;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.gladys.catalog.Catalog;
import io.gladys.catalog.DefaultCatalog;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.Migrations;
import io.gladys.db.Secret;
import io.gladys.docker.DockerEngine;
import io.gladys.grpc.GrpcChannels;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthTimeouts;
import io.gladys.testing.ComposeCli;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The written Compose project on a real engine, with the offline base images (never pulled): the
 * services' image is built from the plugin's class path, Compose starts it all, the database honours
 * POSTGRES_USER/PASSWORD/DB on its published port, and every service turns healthy on its published
 * port, which reaches its dependencies over the Compose network. Everything it made is removed after.
 */
@RequiresDocker
class ReferenceComposeStackTest {

    /** Ports of this test's published services: the task's range, never the defaults. */
    private static final int DB_PORT = 62505;
    private static final Map<String, Integer> PORTS = Map.of(DefaultCatalog.MEMORY_PYTHON, 62501,
            DefaultCatalog.MEMORY_RUST, 62502, DefaultCatalog.ORCHESTRATOR, 62503, DefaultCatalog.EXECUTIVE_STUB, 62504);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theReferenceStackRunsInComposeAndTurnsHealthy() throws Exception {
        OfflineImages images = OfflineImages.ensure();
        JavaLaunch java = JavaLaunch.currentJvm(TestStacks.pluginClasspath());
        List<ServiceDefinition> overrides = new ArrayList<>();
        overrides.add(ServiceDefinition.builder(ServiceDefinition.DATABASE).dockerPort(DB_PORT).build());
        PORTS.forEach((name, port) -> overrides.add(ServiceDefinition.builder(name).dockerPort(port).build()));
        Catalog catalog = Catalog.merge(DefaultCatalog.create(java), overrides);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String projectName = "gladysref" + unique;
        ReferenceComposeProject project = ReferenceComposeProject.builder(dir.resolve("docker"))
                .catalog(catalog).java(java)
                .javaImage(images.java()).postgresImage(images.postgres())
                .database("refdb", "refuser", Secret.of("pa$$ word"))
                .imageRepository("gladys-reference-test" + unique)
                .build();

        try (DockerEngine engine = new DockerEngine(); GrpcChannels channels = new GrpcChannels()) {
            String file = project.write().composeFile().toString();
            try {
                long t0 = System.nanoTime();
                assertThat(project.ensureImage(engine)).as("a new image repository is built").isTrue();
                assertThat(project.ensureImage(engine)).as("an existing image is reused").isFalse();
                long t1 = System.nanoTime();
                ComposeCli.Result up = ComposeCli.run(project.composeEnvironment(), "-p", projectName, "-f", file,
                        "up", "-d");
                assertThat(up.exitCode()).as(up.output()).isZero();

                DatabaseTarget db = new DatabaseTarget("127.0.0.1", DB_PORT, "refdb", "refuser", Secret.of("pa$$ word"));
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("refuser");
                    assertThat(rs.getString(2)).isEqualTo("refdb");
                }
                // what the plugin does after the database is healthy, on the published port
                new Migrations(db, Migrations.BUNDLED_REFERENCE_SCHEMA).migrate();

                HealthChecker health = new HealthChecker(channels, HealthTimeouts.DEFAULT, null);
                for (String name : PORTS.keySet()) {
                    awaitHealthy(health, catalog.get(name), Duration.ofMinutes(3), projectName, file, project);
                }
                long t2 = System.nanoTime();
                System.out.printf("reference stack in docker: image %d ms, up to healthy %d ms%n",
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

                List<Container> containers = engine.client().listContainersCmd()
                        .withLabelFilter(Map.of("com.docker.compose.project", projectName)).exec();
                assertThat(containers).hasSize(5);
                for (Container c : containers) {
                    for (ContainerPort p : c.getPorts()) {
                        if (p.getPublicPort() != null) {
                            assertThat(p.getIp()).as(c.getNames()[0] + " publishes on loopback only").isEqualTo("127.0.0.1");
                        }
                    }
                }
            } finally {
                ComposeCli.Result down = ComposeCli.run(project.composeEnvironment(), "-p", projectName, "-f", file,
                        "down", "-v", "--rmi", "local", "--remove-orphans");
                System.out.println(down.output());
                try {
                    engine.client().removeImageCmd(project.image()).withForce(true).exec();
                } catch (RuntimeException e) {
                    System.out.println("image " + project.image() + " not removed: " + e.getMessage());
                }
            }
            assertThat(engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("com.docker.compose.project", projectName)).exec()).isEmpty();
            assertThat(engine.imageCreated(project.image())).isEmpty();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aChangedClassPathBuildsANewImageAndTheOldOneCanGo() throws Exception {
        OfflineImages images = OfflineImages.ensure();
        Path jar = dir.resolve("service.jar");
        String repository = "gladys-reference-test" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerEngine engine = new DockerEngine()) {
            List<String> built = new ArrayList<>();
            try {
                Files.writeString(jar, "first build");
                ReferenceComposeProject first = tinyProject(jar, repository, images);
                assertThat(first.ensureImage(engine)).isTrue();
                built.add(first.image());
                Files.writeString(jar, "second build");
                ReferenceComposeProject second = tinyProject(jar, repository, images);
                assertThat(second.ensureImage(engine)).isTrue();
                built.add(second.image());

                assertThat(second.image()).isNotEqualTo(first.image());
                assertThat(second.removeOtherImages(engine)).containsExactly(first.image());
                assertThat(engine.imageCreated(first.image())).isEmpty();
                assertThat(engine.imageCreated(second.image())).isPresent();
            } finally {
                for (String image : built) {
                    try {
                        engine.client().removeImageCmd(image).withForce(true).exec();
                    } catch (RuntimeException e) {
                        // removed by the test already
                    }
                }
            }
        }
    }

    /** A project of the database alone on a one-file class path: enough to build an image quickly. */
    private ReferenceComposeProject tinyProject(Path jar, String repository, OfflineImages images) {
        JavaLaunch java = JavaLaunch.currentJvm(List.of(jar));
        Catalog catalog = Catalog.of(List.of(ServiceDefinition.builder(ServiceDefinition.DATABASE).dockerPort(DB_PORT)
                .composeService("postgres").build()));
        return ReferenceComposeProject.builder(dir.resolve("tiny")).catalog(catalog).java(java)
                .javaImage(images.java()).postgresImage(images.postgres())
                .database("gladys", "gladys", Secret.of("gladys")).imageRepository(repository).build();
    }

    private static void awaitHealthy(HealthChecker health, ServiceDefinition s, Duration timeout, String projectName,
                                     String file, ReferenceComposeProject project) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthResult last = null;
        while (System.nanoTime() < deadline) {
            last = health.check(s, "127.0.0.1", s.dockerPort(), false);
            if (last.healthy()) {
                return;
            }
            Thread.sleep(500);
        }
        ComposeCli.Result logs = ComposeCli.run(project.composeEnvironment(), "-p", projectName, "-f", file, "logs",
                "--tail", "30", s.composeService());
        fail(s.name() + " did not turn healthy on 127.0.0.1:" + s.dockerPort() + ": " + last.message() + "\n"
                + logs.output());
    }

}
