package io.gladys.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogTest {

    private final Catalog gladys = DefaultCatalog.create(new JavaLaunch(Path.of("/usr/bin/java"),
            List.of(Path.of("/plugin.jar")), List.of()));

    private static List<String> names(List<ServiceDefinition> services) {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    @Test
    void allIsEveryServiceInStartOrderWithTheDatabaseFirst() {
        assertThat(names(gladys.resolve("all")))
                .containsExactly("db", "memory-python", "memory-rust", "executive-stub", "orchestrator");
        assertThat(names(gladys.stopOrder(gladys.resolve("all"))))
                .containsExactly("orchestrator", "executive-stub", "memory-rust", "memory-python", "db");
    }

    @Test
    void groupNameAliasAndCommaListsResolveWithoutDuplicates() {
        assertThat(names(gladys.resolve("memory"))).containsExactly("memory-python", "memory-rust");
        assertThat(names(gladys.resolve("executive"))).containsExactly("executive-stub");
        assertThat(names(gladys.resolve("orchestrator, memory-rust,memory,executive-stub,executive")))
                .containsExactly("memory-python", "memory-rust", "executive-stub", "orchestrator");
        assertThat(names(gladys.resolve("db"))).containsExactly("db");
    }

    @Test
    void anUnknownNameFailsWithTheValidNames() {
        assertThatThrownBy(() -> gladys.resolve("memory,nosuch"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Unknown service 'nosuch'")
                .hasMessageContaining("all, db, executive, executive-stub, memory, memory-python, memory-rust, "
                        + "orchestrator");
    }

    @Test
    void dependenciesAreAddedTransitivelyInStartOrder() {
        assertThat(names(gladys.withDependencies(gladys.resolve("orchestrator"))))
                .containsExactly("db", "memory-python", "memory-rust", "executive-stub", "orchestrator");
        assertThat(names(gladys.withDependencies(gladys.resolve("memory-python")))).containsExactly("db",
                "memory-python");
    }

    @Test
    void portsAndHealthFollowTheCatalogOfTheDesign() {
        assertThat(gladys.get("memory-python").port(Environment.LOCAL)).isEqualTo(50051);
        assertThat(gladys.get("memory-python").port(Environment.DOCKER)).isEqualTo(50061);
        assertThat(gladys.get("memory-rust").port(Environment.DOCKER)).isEqualTo(50062);
        assertThat(gladys.get("orchestrator").port(Environment.LOCAL)).isEqualTo(50050);
        assertThat(gladys.get("executive-stub").port(Environment.DOCKER)).isEqualTo(50063);
        assertThat(gladys.get("db").port(Environment.DOCKER)).isEqualTo(5433);
        assertThat(gladys.get("db").health()).isEqualTo(HealthKind.SQL);
        assertThat(gladys.get("memory-rust").healthService()).isEqualTo("gladys.memory.SalienceGateway");
    }

    @Test
    void aPomDefinitionOverridesOnlyTheFieldsItGivesAndMayAddServices() {
        ServiceDefinition override = ServiceDefinition.builder("memory-python")
                .command(List.of("uv", "run", "python", "-m", "gladys_memory"))
                .workingDirectory("src/services/memory")
                .environment(Map.of("GRPC_PORT", "50051"))
                .build();
        ServiceDefinition extra = ServiceDefinition.builder("web").localPort(8080).health(HealthKind.TCP)
                .dependsOn(List.of(Dependency.parse("orchestrator:started"))).build();
        Catalog merged = Catalog.merge(gladys, List.of(override, extra));
        ServiceDefinition mp = merged.get("memory-python");
        assertThat(mp.command()).containsExactly("uv", "run", "python", "-m", "gladys_memory");
        assertThat(mp.localPort()).isEqualTo(50051);
        assertThat(mp.group()).isEqualTo("memory");
        assertThat(mp.healthService()).isEqualTo("gladys.memory.MemoryStorage");
        assertThat(mp.environment()).containsEntry("GRPC_PORT", "50051").containsKey("CLASSPATH");
        assertThat(names(merged.resolve("all"))).endsWith("web");
        assertThat(merged.get("web").dependsOn().get(0).condition()).isEqualTo(Dependency.Condition.STARTED);
        assertThat(Dependency.parse("db:launched")).isEqualTo(new Dependency("db", Dependency.Condition.LAUNCHED))
                .hasToString("db:launched");
    }

    @Test
    void anEmptyCatalogHasOnlyWhatThePomGives() {
        Catalog own = Catalog.merge(Catalog.of(List.of()), List.of(
                ServiceDefinition.builder("api").localPort(9000).command(List.of("./api")).build()));
        assertThat(names(own.resolve("all"))).containsExactly("api");
        assertThat(own.hasDatabase()).isFalse();
        assertThat(own.get("api").health()).isEqualTo(HealthKind.GRPC);
    }

    @Test
    void invalidCatalogsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Catalog.merge(gladys, List.of(ServiceDefinition.builder("x").localPort(50051).build())))
                .hasMessageContaining("'memory-python' and 'x' both use local port 50051");
        assertThatThrownBy(() -> Catalog.merge(gladys, List.of(ServiceDefinition.builder("x")
                .dependsOn(List.of(Dependency.parse("nothing"))).build())))
                .hasMessageContaining("depends on unknown service 'nothing'");
        assertThatThrownBy(() -> Catalog.of(List.of(
                ServiceDefinition.builder("a").dependsOn(List.of(Dependency.parse("b"))).build(),
                ServiceDefinition.builder("b").dependsOn(List.of(Dependency.parse("a"))).build())))
                .hasMessageContaining("cycle").hasMessageContaining("a -> b -> a");
        assertThatThrownBy(() -> Catalog.of(List.of(ServiceDefinition.builder("a").health(HealthKind.GLADYS).build())))
                .hasMessageContaining("needs <healthService>");
        assertThatThrownBy(() -> Catalog.merge(gladys, List.of(ServiceDefinition.builder("x")
                .aliases(List.of("memory")).build())))
                .hasMessageContaining("Alias 'memory'");
        assertThatThrownBy(() -> Catalog.merge(gladys, List.of(ServiceDefinition.builder("x").localPort(70000).build())))
                .hasMessageContaining("not a valid port");
        assertThatThrownBy(() -> Catalog.merge(gladys, List.of(ServiceDefinition.builder(null).build())))
                .hasMessageContaining("no <name>");
        assertThatThrownBy(() -> Dependency.parse("db:ready")).hasMessageContaining("'healthy', 'started' or 'launched'");
        assertThatThrownBy(() -> HealthKind.parse("https")).hasMessageContaining("gladys, grpc, tcp, http, none");
        assertThatThrownBy(() -> Environment.parse("k8s")).hasMessageContaining("local, docker");
    }
}
