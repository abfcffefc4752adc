package io.gladys.health;

import java.time.Duration;

/** Separate deadlines, as grpc-health-probe has: for making the connection, and for the call itself. */
public record HealthTimeouts(Duration connect, Duration rpc) {
    public static final HealthTimeouts DEFAULT = new HealthTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
}
