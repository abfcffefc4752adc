package io.gladys.grpc;

import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.gladys.proto.v1.PublishEventResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Publishes events to the orchestrator (gladys.v1.OrchestratorService/PublishEvent). */
public final class EventPublisher {

    private final ManagedChannel channel;
    private final String label;
    private final Duration deadline;

    public EventPublisher(ManagedChannel channel, String label, Duration deadline) {
        this.channel = channel;
        this.label = label;
        this.deadline = deadline;
    }

    public PublishEventResponse publish(String source, String text) {
        try {
            return OrchestratorServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .publishEvent(PublishEventRequest.newBuilder()
                            .setEvent(Event.newBuilder().setSource(source).setRawText(text)).build());
        } catch (StatusRuntimeException e) {
            throw new GrpcCallException("Publishing to the orchestrator " + label + " failed: "
                    + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                    : ": " + e.getStatus().getDescription()) + ". Is it running? Try: mvn gladys:status", e);
        }
    }
}
