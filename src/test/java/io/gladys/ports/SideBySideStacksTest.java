package io.gladys.ports;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.contract.ContractReport;
import io.gladys.contract.ContractSuite;
import io.gladys.health.HealthResult;
import io.gladys.report.HealthReport;
import io.gladys.report.StatusReport;
import io.gladys.session.StackConfig;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two checkouts of one project (the same pom ports, each its own directory and state) running their
 * local stacks at the same time: with dynamic ports, and one with gladys.portOffset against the other on
 * the pom's ports. Both healthy, both contract suites green at once, stopping one leaves the other up.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SideBySideStacksTest {

    /** The pom's ports of the project both checkouts share. */
    private static final List<ServiceDefinition> POM = List.of(
            ServiceDefinition.builder("db").localPort(53100).build(),
            ServiceDefinition.builder("memory-python").localPort(53101).build(),
            ServiceDefinition.builder("memory-rust").localPort(53102).build(),
            ServiceDefinition.builder("orchestrator").localPort(53103).build(),
            ServiceDefinition.builder("executive-stub").localPort(53104).build());

    @TempDir
    Path dir;

    private final List<StackSession> opened = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private StackConfig checkout(String name, PortSettings ports) throws Exception {
        return checkout(name, ports, POM);
    }

    private StackConfig checkout(String name, PortSettings ports, List<ServiceDefinition> services) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        return TestStacks.config(base.resolve(".gladys"), base, services, true, TestStacks.embeddedDatabase(),
                TestStacks.printing()).toBuilder().ports(ports).build();
    }

    /** Opens (registered for clean-up before anything can fail) and starts the whole stack. */
    private StackSession start(StackConfig config) {
        StackSession s = StackSession.open(config);
        opened.add(s);
        s.manager().start("all", StartOptions.DEFAULT);
        return s;
    }

    private <T> List<T> atOnce(Callable<T> a, Callable<T> b) throws Exception {
        Future<T> fa = pool.submit(a);
        Future<T> fb = pool.submit(b);
        return List.of(fa.get(6, TimeUnit.MINUTES), fb.get(6, TimeUnit.MINUTES));
    }

    private static ContractReport contract(StackSession s) {
        return new ContractSuite(s.contractTargets(), s.channels(), Duration.ofSeconds(5), false, true).run();
    }

    private static int port(StackSession s, String service) {
        return s.addresses().port(s.catalog().get(service));
    }

    private static void assertHealthy(StackSession s) {
        Map<ServiceDefinition, HealthResult> health = s.manager().health("all");
        assertThat(health).hasSize(5);
        health.forEach((svc, r) -> assertThat(r.healthy()).as(svc.name() + " on " + s.addresses().address(svc) + ": "
                + r.message()).isTrue());
    }

    private void cleanUp() {
        pool.shutdownNow();
        TestStacks.stopAll(opened);
        ItChecks.killLeftovers(dir.resolve("a/.gladys"));
        ItChecks.killLeftovers(dir.resolve("b/.gladys"));
        ItChecks.killLeftovers(dir.resolve("c/.gladys"));
    }

    @Test
    void twoCheckoutsWithDynamicPortsRunTheirStacksAndContractSuitesAtOnce() throws Exception {
        try {
            StackConfig a = checkout("a", PortSettings.starting(PortMode.DYNAMIC));
            StackConfig b = checkout("b", PortSettings.starting(PortMode.DYNAMIC));
            List<StackSession> both = atOnce(() -> start(a), () -> start(b));
            StackSession sa = both.get(0);
            StackSession sb = both.get(1);
            List<Integer> portsA = new ArrayList<>();
            List<Integer> portsB = new ArrayList<>();
            for (ServiceDefinition s : POM) {
                portsA.add(port(sa, s.name()));
                portsB.add(port(sb, s.name()));
            }
            assertThat(portsA).doesNotContainAnyElementsOf(portsB).doesNotContain(53100, 53101, 53102, 53103, 53104);
            assertThat(ItChecks.portInUse(53101)).isFalse();
            assertHealthy(sa);
            assertHealthy(sb);

            List<ContractReport> reports = atOnce(() -> contract(sa), () -> contract(sb));
            for (ContractReport r : reports) {
                r.text().forEach(System.out::println);
                assertThat(r.failed()).isZero();
                assertThat(r.passed()).isGreaterThanOrEqualTo(24);
            }

            // a later goal of checkout a (no port settings: as mvn gladys:status) reads the recorded ports
            try (StackSession later = StackSession.open(checkout("a", PortSettings.NONE))) {
                assertThat(later.portMode()).isEqualTo(PortMode.DYNAMIC);
                assertThat(port(later, "orchestrator")).isEqualTo(port(sa, "orchestrator"));
                assertThat(later.addresses().mavenProperties()).containsEntry("gladys.orchestrator.port",
                        String.valueOf(port(sa, "orchestrator")));
                assertThat(later.addresses().variablesFor(later.catalog().get("orchestrator")))
                        .containsEntry("GLADYS_PORT", String.valueOf(port(sa, "orchestrator")));
                StatusReport status = new StatusReport(later.manager().status("all"), "local", dir.resolve("a"))
                        .ports(later.portMode());
                assertThat(status.text()).contains("Ports: dynamic (chosen by gladys:start, gladys.ports=dynamic)");
                assertThat(status.json()).contains("\"ports\": {").contains("\"mode\": \"dynamic\"");
            }

            sa.stop("all", Duration.ofSeconds(10));
            assertThat(PortRecord.read(dir.resolve("a/.gladys"), Environment.LOCAL)).isEmpty();
            assertThat(PortRecord.read(dir.resolve("b/.gladys"), Environment.LOCAL)).isPresent();
            assertHealthy(sb);
            assertThat(contract(sb).failed()).isZero();

            // a stopped dynamic stack has no ports to reach: a goal that needs them says to start it first
            assertThatThrownBy(() -> StackSession.open(checkout("a", new PortSettings(PortMode.DYNAMIC, false, false))))
                    .isInstanceOf(NotStartedException.class).hasMessageContaining("it is not started")
                    .hasMessageContaining("mvn gladys:start -Dgladys.ports=dynamic");
        } finally {
            cleanUp();
        }
    }

    @Test
    void aCheckoutWithAPortOffsetRunsBesideOneOnThePomPorts() throws Exception {
        try {
            StackConfig a = checkout("a", PortSettings.starting(null));
            StackConfig b = checkout("b", PortSettings.starting(PortMode.offset(100)));
            List<StackSession> both = atOnce(() -> start(a), () -> start(b));
            StackSession sa = both.get(0);
            StackSession sb = both.get(1);
            for (ServiceDefinition s : POM) {
                assertThat(port(sa, s.name())).isEqualTo(s.localPort());
                assertThat(port(sb, s.name())).isEqualTo(s.localPort() + 100);
            }
            assertThat(sb.database().port()).isEqualTo(53200);
            assertHealthy(sa);
            assertHealthy(sb);
            List<ContractReport> reports = atOnce(() -> contract(sa), () -> contract(sb));
            reports.forEach(r -> assertThat(r.failed()).isZero());

            // a third checkout on dynamic ports whose executive-stub cannot move: its port is a's, and the
            // conflict names a's project directory; nothing of c is started
            List<ServiceDefinition> fixed = new ArrayList<>(POM);
            fixed.add(ServiceDefinition.builder("executive-stub").localPort(53104).fixedPort(true).build());
            assertThatThrownBy(() -> start(checkout("c", PortSettings.starting(PortMode.DYNAMIC), fixed)))
                    .hasMessageContaining("Cannot start executive-stub: its port 53104 is already in use")
                    .hasMessageContaining("service executive-stub of the GLADyS stack in " + dir.resolve("a") + ", whose state is "
                            + dir.resolve("a/.gladys"));
            assertThat(ItChecks.survivors(dir.resolve("c/.gladys"))).isEmpty();

            // a later goal of b without the offset (as mvn gladys:health) finds the shifted ports
            try (StackSession later = StackSession.open(checkout("b", PortSettings.NONE))) {
                assertThat(later.portMode()).isEqualTo(PortMode.offset(100));
                assertThat(later.addresses().address(later.catalog().get("memory-rust"))).endsWith(":53202");
                HealthReport health = new HealthReport(later.manager().health("all"), later.addresses()::address)
                        .ports(later.portMode());
                assertThat(health.allHealthy()).isTrue();
                assertThat(health.text()).contains("memory-rust (localhost:53202):",
                        "Ports: offset 100 (the catalog's + 100, gladys.portOffset)");
                assertThat(health.json("local")).contains("\"mode\": \"offset\"", "\"offset\": 100");
            }
            // another mode while b runs is refused, naming the one it runs in and how to stop it
            assertThatThrownBy(() -> StackSession.open(checkout("b", PortSettings.starting(PortMode.DYNAMIC))))
                    .isInstanceOf(PortException.class)
                    .hasMessageContaining("runs with offset 100 ports (-Dgladys.portOffset=100)")
                    .hasMessageContaining("asks for dynamic").hasMessageContaining("mvn gladys:stop");

            sa.manager().stop("all", Duration.ofSeconds(10));
            assertHealthy(sb);
            // stop follows the recorded ports whatever the build asks for
            try (StackSession stop = StackSession.open(checkout("b", new PortSettings(PortMode.DEFAULT, false, true)))) {
                stop.stop("all", Duration.ofSeconds(10));
            }
            assertThat(ItChecks.portInUse(53201)).isFalse();
            assertThat(PortRecord.read(dir.resolve("b/.gladys"), Environment.LOCAL)).isEmpty();
        } finally {
            cleanUp();
        }
    }
}
