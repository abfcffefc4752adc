package io.gladys.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GLADyS's catalog: four gRPC services and PostgreSQL, with the ports of both environments. Locally
 * the services are launched from the reference implementations shipped with the plugin; a pom may
 * replace any field (its own command, ports, ...) or start from an empty catalog.
 */
public final class DefaultCatalog {

    public static final String MEMORY_PYTHON = "memory-python";
    public static final String MEMORY_RUST = "memory-rust";
    public static final String ORCHESTRATOR = "orchestrator";
    public static final String EXECUTIVE_STUB = "executive-stub";

    private DefaultCatalog() {
    }

    public static Catalog create(JavaLaunch java) {
        return Catalog.of(services(java));
    }

    public static List<ServiceDefinition> services(JavaLaunch java) {
        ServiceDefinition db = ServiceDefinition.builder(ServiceDefinition.DATABASE)
                .description("PostgreSQL")
                .localPort(5432).dockerPort(5433)
                .composeService("postgres")
                .health(HealthKind.SQL)
                // SIGINT is PostgreSQL's "fast" shutdown; TERM would wait for every client to leave
                .stopSignal("INT")
                .build();
        ServiceDefinition memoryPython = reference(java, MEMORY_PYTHON, "io.gladys.reference.memory.MemoryServer")
                .description("Memory Storage").group("memory")
                .localPort(50051).dockerPort(50061)
                .dependsOn(List.of(Dependency.parse(ServiceDefinition.DATABASE)))
                .healthService("gladys.memory.MemoryStorage")
                .build();
        ServiceDefinition memoryRust = reference(java, MEMORY_RUST, "io.gladys.reference.gateway.GatewayServer")
                .description("Salience Gateway").group("memory")
                .localPort(50052).dockerPort(50062)
                .dependsOn(List.of(Dependency.parse(MEMORY_PYTHON)))
                .healthService("gladys.memory.SalienceGateway")
                .environment(withClasspath(java, Map.of("CACHE_CAPACITY", "1000")))
                .build();
        ServiceDefinition executive = reference(java, EXECUTIVE_STUB, "io.gladys.reference.executive.ExecutiveServer")
                .description("Executive stub").aliases(List.of("executive"))
                .localPort(50053).dockerPort(50063)
                .dependsOn(List.of(Dependency.parse(MEMORY_PYTHON)))
                .healthService("gladys.v1.ExecutiveService")
                .build();
        ServiceDefinition orchestrator = reference(java, ORCHESTRATOR, "io.gladys.reference.orchestrator.OrchestratorServer")
                .description("Event Router")
                .localPort(50050).dockerPort(50060)
                .dependsOn(List.of(Dependency.parse(MEMORY_RUST), Dependency.parse(MEMORY_PYTHON),
                        Dependency.parse(EXECUTIVE_STUB)))
                .healthService("gladys.v1.OrchestratorService")
                .build();
        return List.of(db, memoryPython, memoryRust, orchestrator, executive);
    }

    private static ServiceDefinition.Builder reference(JavaLaunch java, String name, String mainClass) {
        return ServiceDefinition.builder(name)
                .command(java.command(mainClass))
                .environment(withClasspath(java, Map.of()))
                .health(HealthKind.GLADYS);
    }

    private static Map<String, String> withClasspath(JavaLaunch java, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(java.environment());
        all.putAll(env);
        return all;
    }
}
