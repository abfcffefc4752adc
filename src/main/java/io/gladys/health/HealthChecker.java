package io.gladys.health;

import io.gladys.common.PortProbe;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.grpc.GladysHealthCalls;
import io.gladys.grpc.GrpcChannels;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the health of one service, whatever its health kind. */
public final class HealthChecker implements HealthProbe {

    private final GrpcChannels channels;
    private final HealthTimeouts timeouts;
    private final SqlHealthProbe sql;

    public HealthChecker(GrpcChannels channels, HealthTimeouts timeouts, SqlHealthProbe sql) {
        this.channels = channels;
        this.timeouts = timeouts;
        this.sql = sql;
    }

    /**
     * @param details ask for the details map too (GetHealthDetails) rather than the status alone
     */
    @Override
    public HealthResult check(ServiceDefinition service, String host, Integer port, boolean details) {
        HealthKind kind = service.health();
        if (kind == HealthKind.NONE) {
            return HealthResult.notChecked();
        }
        if (kind == HealthKind.SQL) {
            return sql == null ? HealthResult.rpcFailed("no database is configured", null) : sql.check();
        }
        if (port == null) {
            return HealthResult.rpcFailed("no port is configured for this environment", null);
        }
        if (kind == HealthKind.TCP) {
            return tcp(host, port);
        }
        if (kind == HealthKind.HTTP) {
            return http(host, port, service.healthPath());
        }
        ManagedChannel channel = channels.channel(host, port);
        ConnectivityState state = GrpcChannels.awaitConnected(channel, timeouts.connect());
        if (state != ConnectivityState.READY) {
            return HealthResult.cannotConnect(connectFailure(channel, host, port, state));
        }
        if (kind == HealthKind.GRPC) {
            return standard(channel, service.healthService(), new ArrayList<>());
        }
        return gladys(channel, service.healthService(), details);
    }

    private HealthResult gladys(ManagedChannel channel, String healthService, boolean details) {
        List<String> notes = new ArrayList<>();
        try {
            if (details) {
                GetHealthDetailsResponse r = ClientCalls.blockingUnaryCall(channel,
                        GladysHealthCalls.getHealthDetails(healthService), callOptions(),
                        GetHealthDetailsRequest.getDefaultInstance());
                return HealthResult.answered(map(r.getStatus()), "", r.getUptimeSeconds(), r.getDetailsMap(), notes);
            }
            GetHealthResponse r = ClientCalls.blockingUnaryCall(channel, GladysHealthCalls.getHealth(healthService),
                    callOptions(), GetHealthRequest.getDefaultInstance());
            return HealthResult.answered(map(r.getStatus()), r.getMessage(), -1, null, notes);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                notes.add("the service has no " + healthService + "/" + (details ? "GetHealthDetails" : "GetHealth")
                        + " RPC; used the standard grpc.health.v1.Health instead");
                return standard(channel, "", notes);
            }
            return HealthResult.rpcFailed("connected, but " + healthService + " health call failed: " + describe(e),
                    notes);
        }
    }

    private HealthResult standard(ManagedChannel channel, String service, List<String> notes) {
        String name = service == null ? "" : service;
        try {
            HealthCheckResponse r = ClientCalls.blockingUnaryCall(channel, HealthGrpc.getCheckMethod(), callOptions(),
                    HealthCheckRequest.newBuilder().setService(name).build());
            HealthState s = switch (r.getStatus()) {
                case SERVING -> HealthState.HEALTHY;
                case NOT_SERVING -> HealthState.UNHEALTHY;
                default -> HealthState.UNKNOWN;
            };
            return HealthResult.answered(s, "grpc.health.v1: " + r.getStatus(), -1, null, notes);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return HealthResult.rpcFailed("connected, but the server has no grpc.health.v1.Health service", notes);
            }
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return HealthResult.answered(HealthState.UNKNOWN,
                        "the health server does not know service '" + name + "'", -1, null, notes);
            }
            return HealthResult.rpcFailed("connected, but grpc.health.v1.Health/Check failed: " + describe(e), notes);
        }
    }

    private HealthResult tcp(String host, int port) {
        try {
            PortProbe.connect(host, port, (int) timeouts.connect().toMillis());
            return HealthResult.answered(HealthState.HEALTHY, "port " + port + " accepts connections", -1, null, null);
        } catch (IOException e) {
            return HealthResult.cannotConnect(host + ":" + port + ": " + e.getMessage());
        }
    }

    /** GET of the health path: healthy on 2xx; else the status and the first bytes of the body. */
    private HealthResult http(String host, int port, String path) {
        java.net.URI uri = java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + (path.startsWith("/") ? path : "/" + path));
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(timeouts.connect()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        try {
            java.net.http.HttpResponse<byte[]> r = client.send(java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(timeouts.rpc()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 == 2) {
                return HealthResult.answered(HealthState.HEALTHY, "GET " + uri.getPath() + ": " + r.statusCode(), -1,
                        null, null);
            }
            String body = new String(r.body(), 0, Math.min(r.body().length, 200), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").strip();
            return HealthResult.answered(HealthState.UNHEALTHY, "GET " + uri.getPath() + ": " + r.statusCode()
                    + (body.isEmpty() ? "" : " (" + body + ")"), -1, null, null);
        } catch (java.net.ConnectException e) {
            return HealthResult.cannotConnect(host + ":" + port + ": connection refused (nothing listens on the port)");
        } catch (java.net.http.HttpTimeoutException e) {
            return HealthResult.rpcFailed("GET " + uri + " did not answer within " + timeouts.rpc().toMillis() + " ms",
                    null);
        } catch (IOException e) {
            return HealthResult.cannotConnect(host + ":" + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.rpcFailed("interrupted", null);
        }
    }

    private CallOptions callOptions() {
        return CallOptions.DEFAULT.withDeadlineAfter(timeouts.rpc().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the channel is not connected: one quick call that fails at once tells the transport's reason. */
    private String connectFailure(ManagedChannel channel, String host, int port, ConnectivityState state) {
        if (state == ConnectivityState.CONNECTING || state == ConnectivityState.IDLE) {
            return host + ":" + port + ": no connection within " + timeouts.connect().toMillis() + " ms";
        }
        try {
            ClientCalls.blockingUnaryCall(channel, HealthGrpc.getCheckMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(500, TimeUnit.MILLISECONDS),
                    HealthCheckRequest.getDefaultInstance());
            return host + ":" + port + ": connection failed";
        } catch (StatusRuntimeException e) {
            return host + ":" + port + ": " + rootCause(e);
        }
    }

    static String describe(StatusRuntimeException e) {
        Status s = e.getStatus();
        String d = s.getDescription() == null ? "" : ": " + s.getDescription();
        return s.getCode() + d;
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (c instanceof java.net.ConnectException || (m != null && m.contains("Connection refused"))) {
            return "connection refused (nothing listens on the port)";
        }
        return m == null ? c.getClass().getSimpleName() : m;
    }

    private static HealthState map(HealthStatus s) {
        return switch (s) {
            case HEALTHY -> HealthState.HEALTHY;
            case UNHEALTHY -> HealthState.UNHEALTHY;
            case DEGRADED -> HealthState.DEGRADED;
            default -> HealthState.UNKNOWN;
        };
    }
}
