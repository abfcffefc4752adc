package io.gladys.ports;

import io.gladys.catalog.CatalogException;
import io.gladys.catalog.CatalogSources;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.DockerPolicy;
import io.gladys.local.LocalPolicy;
import io.gladys.stack.EnvironmentPolicy;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port modes, the ports they give, the placeholders they fill and the record later goals read. */
class PortPlanTest {

    private static final List<ServiceDefinition> CATALOG = List.of(
            ServiceDefinition.builder("db").localPort(53010).dockerPort(53020).build(),
            ServiceDefinition.builder("gateway").localPort(53011).dockerPort(53021)
                    .command(List.of("gw", "--port", "${port}", "--memory=localhost:${memory.port}"))
                    .environment(Map.of("GRPC_PORT", "${port}", "OTHER", "${HOME}")).build(),
            ServiceDefinition.builder("memory").localPort(53012).command(List.of("mem")).build(),
            ServiceDefinition.builder("legacy").localPort(53013).fixedPort(true).command(List.of("legacy")).build(),
            ServiceDefinition.builder("external").localPort(53014).build(),
            ServiceDefinition.builder("portless").command(List.of("x")).build());

    /** The rules of each environment, for a database the plugin runs locally. */
    private static EnvironmentPolicy policy(Environment env) {
        return env == Environment.LOCAL ? new LocalPolicy(TestStacks.embeddedDatabase())
                : new DockerPolicy(false, "localhost", TestStacks.embeddedDatabase());
    }

    private static Map<String, Integer> assign(Environment env, PortMode mode) {
        return PortPlan.assign(CATALOG, s -> policy(env), mode, PortPlan::freeLoopbackPort);
    }

    @Test
    void anOffsetShiftsWhatThePluginLaunchesAndLeavesFixedAndExternalPortsAlone() {
        Map<String, Integer> p = assign(Environment.LOCAL, PortMode.offset(100));
        assertThat(p).containsExactlyInAnyOrderEntriesOf(Map.of("db", 53110, "gateway", 53111, "memory", 53112,
                "legacy", 53013, "external", 53014));
        assertThat(assign(Environment.DOCKER, PortMode.offset(7))).containsEntry("db", 53027)
                .containsEntry("gateway", 53028).doesNotContainKey("memory");
        assertThat(assign(Environment.LOCAL, PortMode.DEFAULT)).containsEntry("gateway", 53011).containsEntry("db", 53010);
    }

    @Test
    void dynamicPortsAreFreeDistinctLoopbackPortsAndAFixedPortStays() throws Exception {
        Map<String, Integer> p = assign(Environment.LOCAL, PortMode.DYNAMIC);
        assertThat(p).containsEntry("legacy", 53013).containsEntry("external", 53014);
        List<Integer> moved = List.of(p.get("db"), p.get("gateway"), p.get("memory"));
        assertThat(new HashSet<>(moved)).hasSize(3).doesNotContain(53010, 53011, 53012, 53013);
        for (int port : moved) {
            // each is free: this test can bind it on 127.0.0.1
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
        // an allocator that keeps giving one port is not trusted for two services
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> PortPlan.assign(CATALOG, s -> policy(Environment.LOCAL), PortMode.DYNAMIC,
                () -> { calls.incrementAndGet(); return 53999; }))
                .isInstanceOf(PortException.class).hasMessageContaining("No free port");
        // one call for db's port, then 100 tries for gateway's before giving up
        assertThat(calls.get()).isEqualTo(101);
    }

    @Test
    void placeholdersTakeTheAssignedPortsInArgumentsAndEnvironmentValues() {
        Map<String, Integer> p = Map.of("db", 53110, "gateway", 53111, "memory", 53112);
        ServiceDefinition gw = PortPlan.apply(CATALOG, s -> policy(Environment.LOCAL), p).get(1);
        assertThat(gw.localPort()).isEqualTo(53111);
        assertThat(gw.command()).containsExactly("gw", "--port", "53111", "--memory=localhost:53112");
        assertThat(gw.environment()).containsEntry("GRPC_PORT", "53111").containsEntry("OTHER", "${HOME}");
        // in docker a service listens on its container port; the published one moves
        ServiceDefinition inDocker = PortPlan.apply(CATALOG, s -> policy(Environment.DOCKER), Map.of("gateway", 53121)).get(1);
        assertThat(inDocker.dockerPort()).isEqualTo(53121);
        assertThat(inDocker.command()).contains("--port", "53011");
    }

    @Test
    void aPlaceholderNamingAnUnknownServiceOrAPortlessOneIsAnError() {
        List<ServiceDefinition> bad = List.of(ServiceDefinition.builder("gw").localPort(53011)
                .command(List.of("gw", "--memory=${memroy.port}")).build(),
                ServiceDefinition.builder("memory").localPort(53012).command(List.of("mem")).build());
        assertThatThrownBy(() -> PortPlan.apply(bad, s -> policy(Environment.LOCAL), Map.of("gw", 53011, "memory", 53012)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Service 'gw', <command>: ${memroy.port}")
                .hasMessageContaining("a service 'memroy' the catalog does not have (services with a port: gw, memory)");
        List<ServiceDefinition> portless = List.of(ServiceDefinition.builder("x").command(List.of("x", "${port}"))
                .build());
        assertThatThrownBy(() -> PortPlan.apply(portless, s -> policy(Environment.LOCAL), Map.of()))
                .hasMessageContaining("the port of 'x', which has no port in this environment");
        // another service the catalog has, but without a port: said so, not called unknown
        List<ServiceDefinition> toPortless = List.of(ServiceDefinition.builder("gw").localPort(53011)
                .command(List.of("gw", "--worker=${worker.port}")).build(),
                ServiceDefinition.builder("worker").command(List.of("w")).build());
        assertThatThrownBy(() -> PortPlan.apply(toPortless, s -> policy(Environment.LOCAL), Map.of("gw", 53011)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("${worker.port} names the port of 'worker', which has no port in this environment")
                .hasMessageNotContaining("does not have");
    }

    @Test
    void catalogFilesKeepPortPlaceholdersForThePlan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.xml");
        Files.writeString(file, """
                <catalog><services><service><name>stub</name><localPort>53030</localPort><fixedPort>true</fixedPort>
                  <command><arg>stub</arg><arg>--port</arg><arg>${port}</arg><arg>${stub.port}</arg></command>
                  <environmentVariables><GRPC_PORT>${port}</GRPC_PORT></environmentVariables>
                </service></services></catalog>""");
        CatalogSources sources = CatalogSources.assemble(null, file, List.of(), TestStacks.java(), Map.of(), Map.of());
        ServiceDefinition stub = sources.services().get(0);
        assertThat(stub.fixedPort()).isTrue();
        assertThat(stub.command()).containsExactly("stub", "--port", "${port}", "${stub.port}");
        assertThat(PortPlan.apply(List.of(stub), s -> policy(Environment.LOCAL), Map.of("stub", 53030)).get(0).environment())
                .containsEntry("GRPC_PORT", "53030");
    }

    @Test
    void badSettingsSayWhatIsWrongAndWhatToGive() {
        assertThatThrownBy(() -> PortMode.requested(null, -1)).isInstanceOf(PortException.class)
                .hasMessageContaining("gladys.portOffset is -1").hasMessageContaining("0 or more");
        assertThatThrownBy(() -> PortMode.requested("random", null)).hasMessageContaining("gladys.ports is 'random'")
                .hasMessageContaining("'default'").hasMessageContaining("'dynamic'");
        assertThatThrownBy(() -> PortMode.requested("dynamic", 100)).hasMessageContaining("give one of them");
        assertThat(assign(Environment.LOCAL, PortMode.offset(12500))).containsEntry("db", 65510);
        assertThatThrownBy(() -> assign(Environment.LOCAL, PortMode.offset(12530)))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("moves memory's local port 53012 to 65542, past 65535")
                .hasMessageContaining("at most 12523");
        // the offset suggested fits every port that moves, the highest one too
        assertThat(assign(Environment.LOCAL, PortMode.offset(12523))).containsEntry("memory", 65535);
        assertThatThrownBy(() -> assign(Environment.LOCAL, PortMode.offset(12524)))
                .hasMessageContaining("memory's local port 53012 to 65536").hasMessageContaining("at most 12523");
        assertThat(PortMode.requested(null, null)).isNull();
        assertThat(PortMode.requested("DYNAMIC", null)).isEqualTo(PortMode.DYNAMIC);
        assertThat(PortMode.requested(null, 0)).isEqualTo(PortMode.DEFAULT);
        assertThat(PortMode.requested("default", 100)).isEqualTo(PortMode.offset(100));
    }

    @Test
    void theRecordKeepsModeAndPortsForLaterGoals(@TempDir Path dir) throws Exception {
        assertThat(PortRecord.read(dir, Environment.LOCAL)).isEmpty();
        new PortRecord(PortMode.offset(100), Map.of("db", 53110, "gateway", 53111)).write(dir, Environment.LOCAL);
        PortRecord back = PortRecord.read(dir, Environment.LOCAL).orElseThrow();
        assertThat(back.mode()).isEqualTo(PortMode.offset(100));
        assertThat(back.ports()).containsExactlyInAnyOrderEntriesOf(Map.of("db", 53110, "gateway", 53111));
        assertThat(PortRecord.read(dir, Environment.DOCKER)).isEmpty();
        PortRecord.delete(dir, Environment.LOCAL);
        assertThat(PortRecord.read(dir, Environment.LOCAL)).isEmpty();
        assertThat(PortMode.parseId(PortMode.DYNAMIC.id())).isEqualTo(PortMode.DYNAMIC);

        // two starts of one project at once: the first record holds, the second start takes its ports
        PortRecord first = new PortRecord(PortMode.DYNAMIC, Map.of("gateway", 41001));
        PortRecord second = new PortRecord(PortMode.DYNAMIC, Map.of("gateway", 41002));
        assertThat(first.writeIfAbsent(dir, Environment.LOCAL)).isEqualTo(first);
        assertThat(second.writeIfAbsent(dir, Environment.LOCAL)).isEqualTo(first);
        assertThat(PortRecord.read(dir, Environment.LOCAL)).contains(first);
        try (var files = java.nio.file.Files.list(PortRecord.file(dir, Environment.LOCAL).getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("local.properties");
        }
        assertThat(PortMode.offset(100).reportLine()).isEqualTo("Ports: offset 100 (the catalog's + 100, gladys.portOffset)");
    }
}
