package io.gladys.reference.common;

import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A service's health, told the same way through GLADyS's GetHealth/GetHealthDetails and the standard
 * grpc.health.v1.Health. grpc-java's manager says SERVING for "" from the moment it exists, so the
 * reporter sets NOT_SERVING at once and only reports SERVING once the service is really ready.
 */
public final class HealthReporter {

    /** The current status and its message. */
    public record Verdict(HealthStatus status, String message) {
    }

    private final String serviceName;
    private final HealthStatusManager manager = new HealthStatusManager();
    private final Instant started = Instant.now();
    private final Supplier<Verdict> verdict;
    private final Supplier<Map<String, String>> details;

    public HealthReporter(String serviceName, Supplier<Verdict> verdict, Supplier<Map<String, String>> details) {
        this.serviceName = serviceName;
        this.verdict = verdict;
        this.details = details;
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        manager.setStatus(serviceName, ServingStatus.NOT_SERVING);
    }

    public HealthStatusManager manager() {
        return manager;
    }

    /** Re-reads the verdict and publishes it on the standard health service. */
    public Verdict refresh() {
        Verdict v = verdict.get();
        ServingStatus s = v.status() == HealthStatus.HEALTHY || v.status() == HealthStatus.DEGRADED
                ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, s);
        manager.setStatus(serviceName, s);
        return v;
    }

    public GetHealthResponse health() {
        Verdict v = refresh();
        return GetHealthResponse.newBuilder().setStatus(v.status()).setMessage(v.message()).build();
    }

    public GetHealthDetailsResponse healthDetails() {
        Verdict v = refresh();
        return GetHealthDetailsResponse.newBuilder()
                .setStatus(v.status())
                .setUptimeSeconds(Duration.between(started, Instant.now()).toSeconds())
                .putAllDetails(details.get())
                .build();
    }

    public void shutdown() {
        manager.enterTerminalState();
    }
}
