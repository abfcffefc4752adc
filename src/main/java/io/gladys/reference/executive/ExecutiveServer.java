package io.gladys.reference.executive;

import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.ExecutiveServiceGrpc;
import io.gladys.proto.v1.HeuristicSuggestion;
import io.gladys.proto.v1.ProcessEventRequest;
import io.gladys.proto.v1.ProcessEventResponse;
import io.gladys.reference.common.DependencyMonitor;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.memory.MemoryServer;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reference executive stub: acknowledges the salient events the orchestrator hands it. It has no
 * LLM; it reports whether one is configured (LLM_ENDPOINT) as GLADyS's stub does.
 */
public final class ExecutiveServer {

    public static final String SERVICE = "gladys.v1.ExecutiveService";

    private ExecutiveServer() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceServer.configureLogging();
        ReferenceServer.serveUntilStopped(start(ReferenceSettings.fromSystem()));
    }

    public static ReferenceServer start(ReferenceSettings settings) throws IOException {
        ManagedChannel memory = ReferenceServer.channelTo(settings.memoryAddress());
        DependencyMonitor memoryMonitor = new DependencyMonitor("memory-python", settings.memoryAddress(),
                MemoryServer.SERVICE, memory);
        String llm = settings.value("LLM_ENDPOINT", "");
        AtomicLong processed = new AtomicLong();
        HealthReporter health = new HealthReporter(SERVICE, () -> verdict(memoryMonitor), () -> {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("memory_status", memoryMonitor.state());
            d.put("llm_configured", String.valueOf(!llm.isEmpty()));
            d.put("llm_status", llm.isEmpty() ? "not configured" : "configured (" + llm + "), not used by the stub");
            d.put("events_processed", String.valueOf(processed.get()));
            return d;
        });
        return ReferenceServer.builder("executive-stub")
                .bind(settings.bindAddress(), settings.port(50053))
                .service(new ExecutiveServiceGrpc.ExecutiveServiceImplBase() {
                    @Override
                    public void processEvent(ProcessEventRequest request, StreamObserver<ProcessEventResponse> out) {
                        processed.incrementAndGet();
                        out.onNext(answer(request));
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
                .everySecond(memoryMonitor::check)
                .owns(memory::shutdownNow)
                .start();
    }

    /**
     * The stub's answer: an acknowledgement. With no LLM, what it predicts is the suggested heuristic's
     * confidence, as GLADyS's heuristic path does.
     */
    private static ProcessEventResponse answer(ProcessEventRequest request) {
        ProcessEventResponse.Builder r = ProcessEventResponse.newBuilder().setAccepted(true)
                .setResponseId(UUID.randomUUID().toString())
                .setResponseText("acknowledged: " + request.getEvent().getRawText());
        if (request.hasSuggestion()) {
            HeuristicSuggestion s = request.getSuggestion();
            r.setDecisionPath("heuristic").setMatchedHeuristicId(s.getHeuristicId())
                    .setPredictedSuccess(s.getConfidence()).setPredictionConfidence(s.getConfidence());
        }
        return r.build();
    }

    private static HealthReporter.Verdict verdict(DependencyMonitor memory) {
        if (memory.reachable()) {
            return new HealthReporter.Verdict(HealthStatus.HEALTHY, "memory connected");
        }
        return memory.everReachable()
                ? new HealthReporter.Verdict(HealthStatus.DEGRADED, "memory lost")
                : new HealthReporter.Verdict(HealthStatus.UNHEALTHY, "memory not reachable yet");
    }
}
