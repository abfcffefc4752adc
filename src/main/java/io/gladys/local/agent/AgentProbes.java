package io.gladys.local.agent;

import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.SchemaHistory;
import io.gladys.db.Secret;
import io.gladys.db.SqlProbe;
import io.gladys.grpc.GrpcChannels;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthTimeouts;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's warm clients: gRPC channels kept open between requests (one per address) and the
 * database probes, so a goal's health request costs the probe alone. Every request probes anew:
 * nothing is answered from a cache.
 */
final class AgentProbes implements AutoCloseable {

    /** How the agent's kept database connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "gladys-stack-agent";

    private final GrpcChannels channels = new GrpcChannels();
    private final Map<String, SqlProbe> sql = new ConcurrentHashMap<>();

    /** The health of one service, as the request describes it. */
    AgentMessage health(AgentMessage request) {
        HealthKind kind = HealthKind.parse(request.require("kind"));
        ServiceDefinition s = ServiceDefinition.builder(request.require("service")).health(kind)
                .healthService(request.get("health-service").orElse(null))
                .healthPath(request.get("health-path").orElse(null)).build();
        HealthTimeouts timeouts = new HealthTimeouts(Duration.ofMillis(Long.parseLong(request.require("connect-ms"))),
                Duration.ofMillis(Long.parseLong(request.require("rpc-ms"))));
        SqlProbe db = database(request).map(t -> sql.computeIfAbsent(String.join("|", t.host(),
                String.valueOf(t.port()), t.database(), t.user(), t.password().reveal()),
                k -> SqlProbe.keepingConnection(t, APPLICATION_NAME))).orElse(null);
        Integer port = request.get("port").map(Integer::valueOf).orElse(null);
        HealthResult r = new HealthChecker(channels, timeouts, db).check(s, request.get("host").orElse("127.0.0.1"),
                port, Boolean.parseBoolean(request.get("details").orElse("false")));
        return AgentHealth.answer(r);
    }

    /**
     * The digest of the database's migration history, on a connection of its own (an idle session kept on
     * that database would stand in the way of dropping or copying it), opened by a driver already warm.
     */
    AgentMessage schemaHistory(AgentMessage request) {
        DatabaseTarget t = database(request).orElseThrow(() -> new IllegalArgumentException("no db-host"));
        return AgentMessage.ok().put("digest", SchemaHistory.DIRECT.digest(t)).build();
    }

    /** The database a request names ({@code db-host}, {@code db-port}, ...), if it names one. */
    private static java.util.Optional<DatabaseTarget> database(AgentMessage request) {
        return request.get("db-host").map(h -> new DatabaseTarget(h, Integer.parseInt(request.require("db-port")),
                request.require("db-name"), request.require("db-user"), Secret.of(request.require("db-password"))));
    }

    /** One of the gateway's cache calls, over the warm channel to it. */
    AgentMessage cache(AgentMessage request) {
        return AgentCache.answer(channels, request);
    }

    /** Loads the clients' classes ahead of the first request (during a start, while the database starts). */
    void warmUp() {
        // a channel connects at its first call: this one never does
        io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", 1).usePlaintext().build()
                .shutdownNow();
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            // the sql probe will say so when it is asked
        }
    }

    @Override
    public void close() {
        sql.values().forEach(SqlProbe::close);
        channels.close();
    }
}
