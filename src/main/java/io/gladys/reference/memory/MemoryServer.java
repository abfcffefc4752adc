package io.gladys.reference.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gladys.proto.types.HealthStatus;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reference Memory Storage ("memory-python"): heuristics and events on PostgreSQL. Ready once the
 * database answers and the schema of the bundled migrations is there.
 */
public final class MemoryServer {

    public static final String SERVICE = "gladys.memory.MemoryStorage";

    private MemoryServer() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceServer.configureLogging();
        ReferenceServer.serveUntilStopped(start(ReferenceSettings.fromSystem()));
    }

    public static ReferenceServer start(ReferenceSettings settings) throws IOException {
        String url = jdbcUrl(settings);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(settings.value("GLADYS_DB_USER", settings.value("DB_USER", "gladys")));
        cfg.setPassword(settings.value("GLADYS_DB_PASSWORD", settings.value("DB_PASSWORD", "")));
        cfg.setMaximumPoolSize(settings.intValue("DB_POOL_SIZE", 4));
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(2000);
        cfg.setValidationTimeout(1000);
        cfg.setInitializationFailTimeout(-1); // start even when the database is not up yet: health says so
        cfg.setPoolName("memory");
        HikariDataSource pool = new HikariDataSource(cfg);

        HeuristicStore store = new HeuristicStore(pool);
        DatabaseState db = new DatabaseState(store, displayName(url));
        HealthReporter health = new HealthReporter(SERVICE, db::verdict, () -> details(db, store, pool));
        ManagedChannel gateway = ReferenceServer.channelTo(settings.gatewayAddress());

        return ReferenceServer.builder("memory-python")
                .bind(settings.bindAddress(), settings.port(50051))
                .service(new MemoryStorageService(store, health, gateway))
                .health(health)
                .everySecond(db::check)
                .owns(gateway::shutdownNow)
                .owns(pool)
                .start();
    }

    static String jdbcUrl(ReferenceSettings s) {
        String url = s.value("GLADYS_DB_URL", null);
        if (url != null) {
            return url;
        }
        return "jdbc:postgresql://" + s.value("DB_HOST", "localhost") + ":" + s.value("DB_PORT", "5432") + "/"
                + s.value("DB_NAME", "gladys");
    }

    private static String displayName(String url) {
        return url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
    }

    private static Map<String, String> details(DatabaseState db, HeuristicStore store, HikariDataSource pool) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("db_status", db.status());
        String counts;
        try {
            counts = store.tableCounts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        } catch (SQLException e) {
            counts = "unavailable";
        }
        d.put("table_counts", counts);
        var mx = pool.getHikariPoolMXBean();
        d.put("connection_pool", mx == null ? "not started"
                : "active=" + mx.getActiveConnections() + ",idle=" + mx.getIdleConnections()
                + ",max=" + pool.getMaximumPoolSize());
        return d;
    }

    /** The database as last checked by the ticker. */
    static final class DatabaseState {
        private final HeuristicStore store;
        private final String name;
        private volatile boolean connected;
        private volatile boolean schemaReady;
        private volatile String problem = "not checked yet";

        DatabaseState(HeuristicStore store, String name) {
            this.store = store;
            this.name = name;
        }

        void check() {
            try {
                schemaReady = store.schemaReady();
                connected = true;
                problem = schemaReady ? "" : "schema missing (tables heuristics, episodic_events, heuristic_fires): "
                        + "apply the migrations (mvn gladys:migrate)";
            } catch (SQLException e) {
                connected = false;
                schemaReady = false;
                problem = "database unreachable: " + e.getMessage();
            }
        }

        HealthReporter.Verdict verdict() {
            if (connected && schemaReady) {
                return new HealthReporter.Verdict(HealthStatus.HEALTHY, "database connected");
            }
            return new HealthReporter.Verdict(HealthStatus.UNHEALTHY, problem);
        }

        String status() {
            return connected ? "connected (" + name + ")" : "disconnected (" + name + ")";
        }
    }
}
