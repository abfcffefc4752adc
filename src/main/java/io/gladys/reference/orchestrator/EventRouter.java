package io.gladys.reference.orchestrator;

import io.gladys.proto.memory.EpisodicEvent;
import io.gladys.proto.memory.EvaluateSalienceRequest;
import io.gladys.proto.memory.EvaluateSalienceResponse;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.memory.StoreEventRequest;
import io.gladys.proto.memory.StoreEventResponse;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.ExecutiveServiceGrpc;
import io.gladys.proto.v1.ProcessEventRequest;
import io.gladys.proto.v1.PublishEventResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** Routes one event: salience from the gateway, storage in memory, salient ones to the executive. */
final class EventRouter {

    private static final Logger LOG = Logger.getLogger(EventRouter.class.getName());

    /** Events at least this salient are handed to the executive. */
    static final float EXECUTIVE_THRESHOLD = 0.7f;

    private final ManagedChannel gateway;
    private final ManagedChannel memory;
    private final ManagedChannel executive;
    final AtomicLong processed = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    EventRouter(ManagedChannel gateway, ManagedChannel memory, ManagedChannel executive) {
        this.gateway = gateway;
        this.memory = memory;
        this.executive = executive;
    }

    PublishEventResponse route(Event in) {
        if (in.getRawText().isBlank()) {
            errors.incrementAndGet();
            return PublishEventResponse.newBuilder().setAccepted(false).setError("event raw_text is empty").build();
        }
        Event event = in.toBuilder()
                .setId(in.getId().isBlank() ? UUID.randomUUID().toString() : in.getId())
                .setTimestampMs(in.getTimestampMs() > 0 ? in.getTimestampMs() : System.currentTimeMillis())
                .build();
        try {
            EvaluateSalienceResponse salience = SalienceGatewayGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .evaluateSalience(EvaluateSalienceRequest.newBuilder().setEventId(event.getId())
                            .setSource(event.getSource()).setRawText(event.getRawText()).build());
            if (!salience.getError().isEmpty()) {
                return failed(event, "salience gateway: " + salience.getError());
            }
            StoreEventResponse stored = MemoryStorageGrpc.newBlockingStub(memory).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .storeEvent(StoreEventRequest.newBuilder().setEvent(EpisodicEvent.newBuilder()
                            .setId(event.getId()).setTimestampMs(event.getTimestampMs()).setSource(event.getSource())
                            .setRawText(event.getRawText()).setSalience(salience.getSalience())
                            .setMatchedHeuristicId(salience.getMatchedHeuristicId())).build());
            if (!stored.getSuccess()) {
                return failed(event, "memory storage: " + stored.getError());
            }
            boolean routed = salience.getSalience().getSalience() >= EXECUTIVE_THRESHOLD && toExecutive(event, salience);
            processed.incrementAndGet();
            return PublishEventResponse.newBuilder().setAccepted(true).setEventId(event.getId())
                    .setSalience(salience.getSalience()).setFromCache(salience.getFromCache())
                    .setMatchedHeuristicId(salience.getMatchedHeuristicId()).setRoutedToExecutive(routed).build();
        } catch (StatusRuntimeException e) {
            return failed(event, "routing failed: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
        }
    }

    private boolean toExecutive(Event event, EvaluateSalienceResponse salience) {
        try {
            return ExecutiveServiceGrpc.newBlockingStub(executive).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .processEvent(ProcessEventRequest.newBuilder().setEvent(event).setSalience(salience.getSalience())
                            .setMatchedHeuristicId(salience.getMatchedHeuristicId()).build())
                    .getAccepted();
        } catch (StatusRuntimeException e) {
            // the executive is optional: the event is stored either way
            LOG.warning("executive did not take event " + event.getId() + ": " + e.getStatus().getCode());
            return false;
        }
    }

    private PublishEventResponse failed(Event event, String error) {
        errors.incrementAndGet();
        LOG.warning("event " + event.getId() + ": " + error);
        return PublishEventResponse.newBuilder().setAccepted(false).setEventId(event.getId()).setError(error).build();
    }
}
