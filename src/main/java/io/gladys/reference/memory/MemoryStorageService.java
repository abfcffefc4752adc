package io.gladys.reference.memory;

import io.gladys.proto.memory.DeleteHeuristicRequest;
import io.gladys.proto.memory.DeleteHeuristicResponse;
import io.gladys.proto.memory.GetEventRequest;
import io.gladys.proto.memory.GetEventResponse;
import io.gladys.proto.memory.GetHeuristicRequest;
import io.gladys.proto.memory.GetHeuristicResponse;
import io.gladys.proto.memory.Heuristic;
import io.gladys.proto.memory.MemoryStorageGrpc;
import io.gladys.proto.memory.NotifyHeuristicChangeRequest;
import io.gladys.proto.memory.QueryHeuristicsResponse;
import io.gladys.proto.memory.QueryMatchingHeuristicsRequest;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.memory.StoreEventRequest;
import io.gladys.proto.memory.StoreEventResponse;
import io.gladys.proto.memory.StoreHeuristicRequest;
import io.gladys.proto.memory.StoreHeuristicResponse;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.reference.common.HealthReporter;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** gladys.memory.MemoryStorage on PostgreSQL. */
final class MemoryStorageService extends MemoryStorageGrpc.MemoryStorageImplBase {

    private static final Logger LOG = Logger.getLogger(MemoryStorageService.class.getName());
    private static final int DEFAULT_LIMIT = 10;

    private final HeuristicStore store;
    private final HealthReporter health;
    private final ManagedChannel gateway;

    MemoryStorageService(HeuristicStore store, HealthReporter health, ManagedChannel gateway) {
        this.store = store;
        this.health = health;
        this.gateway = gateway;
    }

    @Override
    public void storeHeuristic(StoreHeuristicRequest request, StreamObserver<StoreHeuristicResponse> out) {
        Heuristic h = request.getHeuristic();
        String invalid = validate(h);
        if (invalid != null) {
            reply(out, StoreHeuristicResponse.newBuilder().setSuccess(false).setError(invalid).build());
            return;
        }
        try {
            HeuristicStore.Stored stored = store.store(h);
            if (!stored.created()) {
                notifyGateway(stored.id(), "updated");
            }
            reply(out, StoreHeuristicResponse.newBuilder().setSuccess(true).setHeuristicId(stored.id()).build());
        } catch (SQLException e) {
            reply(out, StoreHeuristicResponse.newBuilder().setSuccess(false).setError(dbError(e)).build());
        }
    }

    @Override
    public void getHeuristic(GetHeuristicRequest request, StreamObserver<GetHeuristicResponse> out) {
        try {
            var found = store.get(request.getId());
            reply(out, found.map(h -> GetHeuristicResponse.newBuilder().setHeuristic(h).build())
                    .orElseGet(() -> GetHeuristicResponse.newBuilder()
                            .setError("heuristic " + request.getId() + " not found").build()));
        } catch (SQLException e) {
            reply(out, GetHeuristicResponse.newBuilder().setError(dbError(e)).build());
        }
    }

    @Override
    public void deleteHeuristic(DeleteHeuristicRequest request, StreamObserver<DeleteHeuristicResponse> out) {
        try {
            boolean deleted = store.delete(request.getId());
            if (deleted) {
                notifyGateway(request.getId(), "deleted");
            }
            reply(out, DeleteHeuristicResponse.newBuilder().setSuccess(deleted)
                    .setError(deleted ? "" : "heuristic " + request.getId() + " not found").build());
        } catch (SQLException e) {
            reply(out, DeleteHeuristicResponse.newBuilder().setSuccess(false).setError(dbError(e)).build());
        }
    }

    @Override
    public void queryMatchingHeuristics(QueryMatchingHeuristicsRequest request,
                                        StreamObserver<QueryHeuristicsResponse> out) {
        int limit = request.getLimit() > 0 ? request.getLimit() : DEFAULT_LIMIT;
        try {
            reply(out, QueryHeuristicsResponse.newBuilder().addAllMatches(store.match(request.getEventText(),
                    request.getMinConfidence(), limit, request.getSourceFilter())).build());
        } catch (SQLException e) {
            reply(out, QueryHeuristicsResponse.newBuilder().setError(dbError(e)).build());
        }
    }

    @Override
    public void storeEvent(StoreEventRequest request, StreamObserver<StoreEventResponse> out) {
        if (request.getEvent().getRawText().isBlank()) {
            reply(out, StoreEventResponse.newBuilder().setSuccess(false).setError("event raw_text is empty").build());
            return;
        }
        try {
            store.storeEvent(request.getEvent());
            reply(out, StoreEventResponse.newBuilder().setSuccess(true).build());
        } catch (SQLException e) {
            reply(out, StoreEventResponse.newBuilder().setSuccess(false).setError(dbError(e)).build());
        }
    }

    @Override
    public void getEvent(GetEventRequest request, StreamObserver<GetEventResponse> out) {
        try {
            var found = store.getEvent(request.getEventId());
            reply(out, found.map(e -> GetEventResponse.newBuilder().setEvent(e).build())
                    .orElseGet(() -> GetEventResponse.newBuilder().setError("event " + request.getEventId() + " not found")
                            .build()));
        } catch (SQLException e) {
            reply(out, GetEventResponse.newBuilder().setError(dbError(e)).build());
        }
    }

    @Override
    public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
        reply(out, health.health());
    }

    @Override
    public void getHealthDetails(GetHealthDetailsRequest request, StreamObserver<GetHealthDetailsResponse> out) {
        reply(out, health.healthDetails());
    }

    /** Tells the gateway before answering, so no later evaluation can be served the old version from its cache. */
    private void notifyGateway(String id, String change) {
        try {
            SalienceGatewayGrpc.newBlockingStub(gateway).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .notifyHeuristicChange(NotifyHeuristicChangeRequest.newBuilder().setHeuristicId(id)
                            .setChangeType(change).build());
        } catch (StatusRuntimeException e) {
            // no reachable gateway means no cache that could hold the old version
            LOG.warning("could not notify the gateway of " + change + " heuristic " + id + ": " + e.getStatus());
        }
    }

    private static String validate(Heuristic h) {
        if (h.getName().isBlank()) {
            return "heuristic name is empty";
        }
        if (h.getConditionText().isBlank()) {
            return "heuristic condition_text is empty";
        }
        if (h.getConfidence() < 0 || h.getConfidence() > 1) {
            return "heuristic confidence must be between 0 and 1, got " + h.getConfidence();
        }
        return null;
    }

    private static String dbError(SQLException e) {
        return "database error: " + e.getMessage();
    }

    private static <T> void reply(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }
}
