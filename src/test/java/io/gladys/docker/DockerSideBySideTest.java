package io.gladys.docker;

import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.contract.ContractReport;
import io.gladys.contract.ContractSuite;
import io.gladys.health.HealthResult;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortPlan;
import io.gladys.ports.PortRecord;
import io.gladys.ports.PortSettings;
import io.gladys.session.StackConfig;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two checkouts of one project, in directories of the same name, running the reference stack in docker
 * at the same time: one with gladys.portOffset, one with dynamic ports. Each gets a Compose project of
 * its own (the name says which checkout), both are healthy and pass the contract suite at once, and
 * stopping one leaves the other healthy.
 */
@RequiresDocker
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DockerSideBySideTest {

    private static final List<ServiceDefinition> POM = List.of(
            ServiceDefinition.builder("db").dockerPort(53300).build(),
            ServiceDefinition.builder("memory-python").dockerPort(53301).build(),
            ServiceDefinition.builder("memory-rust").dockerPort(53302).build(),
            ServiceDefinition.builder("orchestrator").dockerPort(53303).build(),
            ServiceDefinition.builder("executive-stub").dockerPort(53304).build());

    @TempDir
    Path dir;

    private static StackConfig config(Path base, OfflineImages offline, PortSettings ports) {
        DockerSettings docker = DockerSettings.builder().javaImage(offline.java()).postgresImage(offline.postgres())
                .build();
        return StackConfig.builder(base, base.resolve(".gladys")).environment(Environment.DOCKER).services(POM)
                .useDefaultCatalog(true).java(JavaLaunch.currentJvm(TestStacks.pluginClasspath()))
                .database(TestStacks.embeddedDatabase()).postgresBinaries(TestStacks.postgresBinaries())
                .console(TestStacks.printing()).docker(docker).ports(ports).build();
    }

    private static void assertHealthy(StackSession s) {
        Map<ServiceDefinition, HealthResult> health = s.manager().health("all");
        assertThat(health).hasSize(5);
        health.forEach((svc, r) -> assertThat(r.healthy()).as(svc.name() + ": " + r.message()).isTrue());
    }

    @Test
    void twoCheckoutsRunTheirStacksInTwoComposeProjectsAtOnce() throws Exception {
        OfflineImages offline = OfflineImages.ensure();
        String name = "gladys-ports-" + UUID.randomUUID().toString().substring(0, 8);
        Path a = Files.createDirectories(dir.resolve("a").resolve(name));
        Path b = Files.createDirectories(dir.resolve("b").resolve(name));
        String projectA = name + "-" + PortPlan.checkoutSuffix(a);
        String projectB = name + "-" + PortPlan.checkoutSuffix(b);
        // a third checkout, refused below: named here so the clean-up removes whatever it might have left
        Path c = dir.resolve("c").resolve(name);
        String projectC = name + "-" + PortPlan.checkoutSuffix(c);
        List<StackSession> opened = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            StackSession sa = StackSession.open(config(a, offline, PortSettings.starting(PortMode.offset(100))));
            opened.add(sa);
            StackSession sb = StackSession.open(config(b, offline, PortSettings.starting(PortMode.DYNAMIC)));
            opened.add(sb);
            Future<?> fa = pool.submit(() -> sa.manager().start("all", StartOptions.DEFAULT));
            Future<?> fb = pool.submit(() -> sb.manager().start("all", StartOptions.DEFAULT));
            fa.get(8, TimeUnit.MINUTES);
            fb.get(8, TimeUnit.MINUTES);

            try (DockerEngine engine = new DockerEngine()) {
                assertThat(projectA).isNotEqualTo(projectB);
                assertThat(engine.containers(projectA)).hasSize(5);
                assertThat(engine.containers(projectB)).hasSize(5);
            }
            for (ServiceDefinition s : POM) {
                assertThat(sa.addresses().port(sa.catalog().get(s.name()))).isEqualTo(s.dockerPort() + 100);
                assertThat(sb.addresses().port(sb.catalog().get(s.name()))).isNotEqualTo(s.dockerPort())
                        .isNotEqualTo(s.dockerPort() + 100);
            }
            assertHealthy(sa);
            assertHealthy(sb);
            Future<ContractReport> ra = pool.submit(() -> new ContractSuite(sa.contractTargets(), sa.channels(),
                    Duration.ofSeconds(5), false, false).run());
            Future<ContractReport> rb = pool.submit(() -> new ContractSuite(sb.contractTargets(), sb.channels(),
                    Duration.ofSeconds(5), false, false).run());
            for (ContractReport r : List.of(ra.get(3, TimeUnit.MINUTES), rb.get(3, TimeUnit.MINUTES))) {
                r.text().forEach(System.out::println);
                assertThat(r.failed()).isZero();
                assertThat(r.passed()).isGreaterThanOrEqualTo(20);
            }
            // a later goal of b (no port settings) finds b's recorded ports and its own Compose project
            try (StackSession later = StackSession.open(config(b, offline, PortSettings.NONE))) {
                assertThat(later.portMode()).isEqualTo(PortMode.DYNAMIC);
                assertThat(later.manager().status("all")).allSatisfy(st -> assertThat(st.state().alive()).isTrue());
            }

            // a third checkout asking for a's ports is refused before anything starts, naming a's Compose project
            Files.createDirectories(c);
            StackSession sc = StackSession.open(config(c, offline, PortSettings.starting(PortMode.offset(100))));
            opened.add(sc);
            assertThatThrownBy(() -> sc.manager().start("all", StartOptions.DEFAULT))
                    .hasMessageContaining("is already in use by another process (container ")
                    .hasMessageContaining("of Compose project '" + projectA + "' in " + a);
            try (DockerEngine engine = new DockerEngine()) {
                assertThat(engine.containers(projectC)).isEmpty();
            }

            sa.stop("all", Duration.ofSeconds(10));
            assertThat(PortRecord.read(a.resolve(".gladys"), Environment.DOCKER)).isEmpty();
            assertHealthy(sb);
        } finally {
            pool.shutdownNow();
            TestStacks.stopAll(opened);
            removeProjects(projectA, projectB, projectC);
        }
    }

    private static void removeProjects(String... projects) {
        Set<String> images = new LinkedHashSet<>();
        try (DockerEngine engine = new DockerEngine()) {
            for (String p : projects) {
                for (ContainerEngine.Container c : engine.containers(p)) {
                    images.add(c.image());
                    engine.remove(c.id(), true);
                }
                engine.removeProjectResources(p, true);
            }
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
