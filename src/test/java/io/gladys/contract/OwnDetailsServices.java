package io.gladys.contract;

import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.EventAck;
import io.gladys.proto.v1.ExecutiveServiceGrpc;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.ProcessEventRequest;
import io.gladys.proto.v1.ProcessEventResponse;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.proto.v1.PublishEventResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An orchestrator and an executive that answer the GLADyS health RPCs the way GLADyS's own services do
 * today: HEALTHY, with uptime and details keys of their own (not the design document's), and without the
 * standard grpc.health.v1 service. The orchestrator queues what is published, as GLADyS's does.
 */
final class OwnDetailsServices implements AutoCloseable {

    final Server orchestrator;
    final Server executive;
    private final long started = System.nanoTime();

    /** @param executiveDetailsStatus what the executive's GetHealthDetails says (GetHealth says HEALTHY) */
    OwnDetailsServices(HealthStatus executiveDetailsStatus) throws IOException {
        AtomicLong queued = new AtomicLong();
        orchestrator = serve(new OrchestratorServiceGrpc.OrchestratorServiceImplBase() {
            @Override
            public void publishEvent(PublishEventRequest request, StreamObserver<PublishEventResponse> out) {
                queued.incrementAndGet();
                reply(out, PublishEventResponse.newBuilder().setAck(EventAck.newBuilder()
                        .setEventId(request.getEvent().getId()).setAccepted(true).setQueued(true)).build());
            }

            @Override
            public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
                reply(out, GetHealthResponse.newBuilder().setStatus(HealthStatus.HEALTHY).build());
            }

            @Override
            public void getHealthDetails(GetHealthDetailsRequest request, StreamObserver<GetHealthDetailsResponse> out) {
                reply(out, details(HealthStatus.HEALTHY, Map.of("queued_events", String.valueOf(queued.get()),
                        "registered_components", "0", "executive_connected", "true", "salience_connected", "false")));
            }
        });
        try {
            executive = serve(new ExecutiveServiceGrpc.ExecutiveServiceImplBase() {
                @Override
                public void processEvent(ProcessEventRequest request, StreamObserver<ProcessEventResponse> out) {
                    reply(out, ProcessEventResponse.newBuilder().setAccepted(true).build());
                }

                @Override
                public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
                    reply(out, GetHealthResponse.newBuilder().setStatus(HealthStatus.HEALTHY).build());
                }

                @Override
                public void getHealthDetails(GetHealthDetailsRequest request,
                                             StreamObserver<GetHealthDetailsResponse> out) {
                    reply(out, details(executiveDetailsStatus, Map.of("events_received", "0",
                            "heuristics_created", "0", "ollama_connected", "false")));
                }
            });
        } catch (IOException | RuntimeException e) {
            orchestrator.shutdownNow();
            throw e;
        }
    }

    /** Only these two roles: a partial stack. */
    ContractTargets targets() {
        return new ContractTargets(null, null,
                new ContractTargets.Target("orchestrator", "localhost", orchestrator.getPort(), ContractTargets.ORCHESTRATOR),
                new ContractTargets.Target("executive-stub", "localhost", executive.getPort(), ContractTargets.EXECUTIVE));
    }

    private GetHealthDetailsResponse details(HealthStatus status, Map<String, String> details) {
        return GetHealthDetailsResponse.newBuilder().setStatus(status)
                .setUptimeSeconds(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .putAllDetails(details).build();
    }

    private static Server serve(io.grpc.BindableService service) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    }

    private static <T> void reply(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        orchestrator.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        executive.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
