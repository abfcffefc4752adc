package io.gladys.health;

/**
 * What a health probe found, told apart as grpc-health-probe does: a service that cannot be reached
 * is a different problem from one that was reached but failed the call, or answered "not healthy".
 */
public enum ProbeOutcome {
    /** answered, and the answer is healthy */
    HEALTHY,
    /** answered, and the answer is not healthy (unhealthy, degraded, not serving, unknown) */
    NOT_HEALTHY,
    /** no connection could be made within the connect deadline */
    CANNOT_CONNECT,
    /** connected, but the call failed (unimplemented, deadline exceeded, internal error, ...) */
    RPC_FAILED,
    /** the service has no health check (health kind none) */
    NOT_CHECKED
}
