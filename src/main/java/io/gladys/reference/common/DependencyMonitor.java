package io.gladys.reference.common;

import io.gladys.grpc.GladysHealthCalls;
import io.gladys.grpc.GrpcChannels;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps track of whether another GLADyS service answers its GetHealth, so that a service's own
 * health is instant to read. Checked in the background by the {@link ReferenceServer}'s ticker.
 */
public final class DependencyMonitor {

    private static final Duration CONNECT_WAIT = Duration.ofMillis(500);

    private final String name;
    private final String address;
    private final String healthService;
    private final ManagedChannel channel;
    private volatile boolean reachable;
    private volatile boolean everReachable;
    private volatile String state = "not checked yet";

    public DependencyMonitor(String name, String address, String healthService, ManagedChannel channel) {
        this.name = name;
        this.address = address;
        this.healthService = healthService;
        this.channel = channel;
    }

    public void check() {
        if (!reachable) {
            // a failed connect backs the channel off for a second and more, failing every call at once meanwhile:
            // until the dependency is seen, each check connects anew (a refused connect ends the wait at once),
            // so a dependency that has just come up is seen at the next tick, not a backoff later
            GrpcChannels.awaitConnected(channel, CONNECT_WAIT);
        }
        try {
            GetHealthResponse r = ClientCalls.blockingUnaryCall(channel, GladysHealthCalls.getHealth(healthService),
                    CallOptions.DEFAULT.withDeadlineAfter(1500, TimeUnit.MILLISECONDS),
                    GetHealthRequest.getDefaultInstance());
            boolean ok = r.getStatus() == HealthStatus.HEALTHY || r.getStatus() == HealthStatus.DEGRADED;
            reachable = ok;
            everReachable |= ok;
            state = ok ? "connected (" + address + ")" : r.getStatus().name().toLowerCase() + " (" + address + ")";
        } catch (StatusRuntimeException e) {
            reachable = false;
            state = "unreachable (" + address + ")";
        }
    }

    public String name() {
        return name;
    }

    public boolean reachable() {
        return reachable;
    }

    public boolean everReachable() {
        return everReachable;
    }

    /** e.g. "connected (localhost:50051)" */
    public String state() {
        return state;
    }
}
