package io.gladys.grpc;

import com.google.protobuf.util.Timestamps;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.EventAck;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.proto.v1.PublishEventRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes events to the orchestrator (gladys.v1.OrchestratorService/PublishEvent) as a GLADyS sensor does. */
public final class EventPublisher {

    private final ManagedChannel channel;
    private final String label;
    private final Duration deadline;

    public EventPublisher(ManagedChannel channel, String label, Duration deadline) {
        this.channel = channel;
        this.label = label;
        this.deadline = deadline;
    }

    /** The orchestrator, as messages name it: service name and address. */
    public String label() {
        return label;
    }

    /** An event as GLADyS's sensors make it: id and timestamp set at the origin. An empty intent is left unset. */
    public static Event event(String source, String text, String intent) {
        return Event.newBuilder().setId(UUID.randomUUID().toString())
                .setTimestamp(Timestamps.fromMillis(System.currentTimeMillis()))
                .setSource(source).setRawText(text).setIntent(intent == null ? "" : intent).build();
    }

    /** Sends the event and returns the orchestrator's acknowledgement. */
    public EventAck publish(Event event) {
        try {
            return OrchestratorServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .publishEvent(PublishEventRequest.newBuilder().setEvent(event).build())
                    .getAck();
        } catch (StatusRuntimeException e) {
            throw new GrpcCallException("Publishing to the orchestrator " + label + " failed: "
                    + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                    : ": " + e.getStatus().getDescription()) + ". Is it running, and does it speak GLADyS's "
                    + "gladys.v1.OrchestratorService? Try: mvn gladys:status", e);
        }
    }
}
