package io.gladys.reference.orchestrator;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.gladys.proto.memory.EpisodicEvent;
import io.gladys.proto.memory.EvaluateSalienceRequest;
import io.gladys.proto.memory.EvaluateSalienceResponse;
import io.gladys.proto.memory.GetHeuristicRequest;
import io.gladys.proto.memory.GetHeuristicResponse;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.memory.StoreEventRequest;
import io.gladys.proto.memory.StoreEventResponse;
import io.gladys.proto.v1.Event;
import io.gladys.proto.v1.EventAck;
import io.gladys.proto.v1.ExecutiveServiceGrpc;
import io.gladys.proto.v1.HeuristicSuggestion;
import io.gladys.proto.v1.ProcessEventRequest;
import io.gladys.proto.v1.ProcessEventResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Routes one event: salience from the gateway, storage in memory, salient ones to the executive, whose
 * answer goes into the ack. Events are handled before the ack is sent, so no ack says "queued".
 */
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

    EventAck route(Event in) {
        if (in.getRawText().isBlank()) {
            errors.incrementAndGet();
            return EventAck.newBuilder().setEventId(in.getId()).setAccepted(false)
                    .setErrorMessage("event raw_text is empty").build();
        }
        // GLADyS's sensors set id and timestamp at the origin; a client that did not gets them here
        Event event = in.toBuilder()
                .setId(in.getId().isBlank() ? UUID.randomUUID().toString() : in.getId())
                .setTimestamp(in.hasTimestamp() ? in.getTimestamp() : Timestamps.fromMillis(System.currentTimeMillis()))
                .build();
        try {
            EvaluateSalienceResponse salience = SalienceGatewayGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .evaluateSalience(EvaluateSalienceRequest.newBuilder().setEventId(event.getId())
                            .setSource(event.getSource()).setRawText(event.getRawText()).build());
            if (!salience.getError().isEmpty()) {
                return failed(event, "salience gateway: " + salience.getError());
            }
            event = event.toBuilder().setSalience(salience.getSalience())
                    .setMatchedHeuristicId(salience.getMatchedHeuristicId()).build();
            StoreEventResponse stored = MemoryStorageGrpc.newBlockingStub(memory).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .storeEvent(StoreEventRequest.newBuilder().setEvent(EpisodicEvent.newBuilder()
                            .setId(event.getId()).setTimestampMs(millis(event.getTimestamp()))
                            .setSource(event.getSource()).setRawText(event.getRawText())
                            .setSalience(event.getSalience()).setMatchedHeuristicId(event.getMatchedHeuristicId()))
                            .build());
            if (!stored.getSuccess()) {
                return failed(event, "memory storage: " + stored.getError());
            }
            EventAck.Builder ack = EventAck.newBuilder().setEventId(event.getId()).setAccepted(true)
                    .setMatchedHeuristicId(event.getMatchedHeuristicId());
            if (event.getSalience().getSalience() >= EXECUTIVE_THRESHOLD) {
                ProcessEventResponse answer = toExecutive(event);
                if (answer != null && answer.getAccepted()) {
                    ack.setResponseId(answer.getResponseId()).setResponseText(answer.getResponseText())
                            .setPredictedSuccess(answer.getPredictedSuccess())
                            .setPredictionConfidence(answer.getPredictionConfidence())
                            .setRoutedToLlm("llm".equals(answer.getDecisionPath()));
                }
            }
            processed.incrementAndGet();
            return ack.build();
        } catch (StatusRuntimeException e) {
            return failed(event, "routing failed: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
        }
    }

    /** The executive's answer, or null when it did not take the event (it is optional: the event is stored). */
    private ProcessEventResponse toExecutive(Event event) {
        try {
            ProcessEventRequest.Builder request = ProcessEventRequest.newBuilder().setEvent(event).setImmediate(true);
            if (!event.getMatchedHeuristicId().isEmpty()) {
                request.setSuggestion(suggestion(event.getMatchedHeuristicId()));
            }
            return ExecutiveServiceGrpc.newBlockingStub(executive).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .processEvent(request.build());
        } catch (StatusRuntimeException e) {
            LOG.warning("executive did not take event " + event.getId() + ": " + e.getStatus().getCode());
            return null;
        }
    }

    /** The matched heuristic as GLADyS hands it to the executive: what matched and how confident it is. */
    private HeuristicSuggestion suggestion(String heuristicId) {
        HeuristicSuggestion.Builder s = HeuristicSuggestion.newBuilder().setHeuristicId(heuristicId);
        GetHeuristicResponse h = MemoryStorageGrpc.newBlockingStub(memory).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getHeuristic(GetHeuristicRequest.newBuilder().setId(heuristicId).build());
        if (h.hasHeuristic()) {
            s.setConfidence(h.getHeuristic().getConfidence()).setConditionText(h.getHeuristic().getConditionText());
        }
        return s.build();
    }

    private static long millis(Timestamp t) {
        return Timestamps.toMillis(t);
    }

    private EventAck failed(Event event, String error) {
        errors.incrementAndGet();
        LOG.warning("event " + event.getId() + ": " + error);
        return EventAck.newBuilder().setAccepted(false).setEventId(event.getId()).setErrorMessage(error).build();
    }
}
