package io.gladys.reference.orchestrator;

import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.proto.v1.PublishEventResponse;
import io.gladys.reference.common.DependencyMonitor;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.executive.ExecutiveServer;
import io.gladys.reference.gateway.GatewayServer;
import io.gladys.reference.memory.MemoryServer;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reference orchestrator (event router). Ready once the gateway and memory answer; the executive is
 * optional (degraded without it).
 */
public final class OrchestratorServer {

    public static final String SERVICE = "gladys.v1.OrchestratorService";

    private OrchestratorServer() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceServer.configureLogging();
        ReferenceServer.serveUntilStopped(start(ReferenceSettings.fromSystem()));
    }

    public static ReferenceServer start(ReferenceSettings settings) throws IOException {
        ManagedChannel gateway = ReferenceServer.channelTo(settings.gatewayAddress());
        ManagedChannel memory = ReferenceServer.channelTo(settings.memoryAddress());
        ManagedChannel executive = ReferenceServer.channelTo(settings.executiveAddress());
        DependencyMonitor gatewayMonitor = new DependencyMonitor("memory-rust", settings.gatewayAddress(),
                GatewayServer.SERVICE, gateway);
        DependencyMonitor memoryMonitor = new DependencyMonitor("memory-python", settings.memoryAddress(),
                MemoryServer.SERVICE, memory);
        DependencyMonitor executiveMonitor = new DependencyMonitor("executive", settings.executiveAddress(),
                ExecutiveServer.SERVICE, executive);
        List<DependencyMonitor> all = List.of(gatewayMonitor, memoryMonitor, executiveMonitor);
        EventRouter router = new EventRouter(gateway, memory, executive);

        HealthReporter health = new HealthReporter(SERVICE, () -> verdict(gatewayMonitor, memoryMonitor,
                executiveMonitor), () -> {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("events_processed", String.valueOf(router.processed.get()));
            d.put("error_count", String.valueOf(router.errors.get()));
            d.put("dependency_status", all.stream().map(m -> m.name() + "=" + m.state())
                    .collect(Collectors.joining(",")));
            return d;
        });
        return ReferenceServer.builder("orchestrator")
                .bind(settings.bindAddress(), settings.port(50050))
                .service(new OrchestratorServiceGrpc.OrchestratorServiceImplBase() {
                    @Override
                    public void publishEvent(PublishEventRequest request, StreamObserver<PublishEventResponse> out) {
                        out.onNext(PublishEventResponse.newBuilder().setAck(router.route(request.getEvent())).build());
                        out.onCompleted();
                    }

                    @Override
                    public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
                        out.onNext(health.health());
                        out.onCompleted();
                    }

                    @Override
                    public void getHealthDetails(GetHealthDetailsRequest request,
                                                 StreamObserver<GetHealthDetailsResponse> out) {
                        out.onNext(health.healthDetails());
                        out.onCompleted();
                    }
                })
                .health(health)
                .everySecond(() -> all.forEach(DependencyMonitor::check))
                .owns(gateway::shutdownNow)
                .owns(memory::shutdownNow)
                .owns(executive::shutdownNow)
                .start();
    }

    private static HealthReporter.Verdict verdict(DependencyMonitor gateway, DependencyMonitor memory,
                                                  DependencyMonitor executive) {
        if (!gateway.reachable() || !memory.reachable()) {
            String missing = !gateway.reachable() ? "salience gateway" : "memory storage";
            return new HealthReporter.Verdict(HealthStatus.UNHEALTHY, missing + " not reachable: events cannot be routed");
        }
        if (!executive.reachable()) {
            return new HealthReporter.Verdict(HealthStatus.DEGRADED, "executive not reachable: events are stored only");
        }
        return new HealthReporter.Verdict(HealthStatus.HEALTHY, "all dependencies connected");
    }
}
