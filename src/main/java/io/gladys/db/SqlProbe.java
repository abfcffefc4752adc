package io.gladys.db;

import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.health.SqlHealthProbe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database's health: connect and run SELECT 1, report the server version and connections. A probe
 * that {@linkplain #keepingConnection keeps its connection} runs each check on the connection of the
 * last one (a live query all the same), and connects anew when that connection no longer works.
 */
public final class SqlProbe implements SqlHealthProbe {

    private final DatabaseTarget target;
    private final boolean keep;
    private final String applicationName;
    private Connection kept;

    public SqlProbe(DatabaseTarget target) {
        this(target, false, DatabaseTarget.APPLICATION_NAME);
    }

    private SqlProbe(DatabaseTarget target, boolean keep, String applicationName) {
        this.target = target;
        this.keep = keep;
        this.applicationName = applicationName;
    }

    /**
     * A probe for a process that checks again and again: no new connection (and login) per check. Its
     * connection shows in pg_stat_activity as {@code applicationName}.
     */
    public static SqlProbe keepingConnection(DatabaseTarget target, String applicationName) {
        return new SqlProbe(target, true, applicationName);
    }

    @Override
    public HealthResult check() {
        if (!keep) {
            return answer(() -> {
                try (Connection c = target.connect(applicationName)) {
                    return check(c);
                }
            });
        }
        synchronized (this) {
            if (kept != null) {
                try {
                    return check(kept);
                } catch (SQLException e) {
                    close(); // the server restarted, or dropped the connection: a new one tells the truth
                }
            }
            return answer(() -> {
                kept = target.connect(applicationName);
                return check(kept);
            });
        }
    }

    /** Closes a kept connection. */
    public synchronized void close() {
        if (kept != null) {
            try {
                kept.close();
            } catch (SQLException ignored) {
                // it was broken already
            }
            kept = null;
        }
    }

    /** One check on a connection, its failures as the report words them (a kept connection that failed goes). */
    private HealthResult answer(Check check) {
        try {
            return check.run();
        } catch (DatabaseUnreachableException e) {
            return HealthResult.cannotConnect(e.getMessage());
        } catch (DatabaseException e) {
            return HealthResult.rpcFailed(e.getMessage(), null);
        } catch (SQLException e) {
            close();
            return HealthResult.rpcFailed("connected, but SELECT 1 failed: " + DatabaseErrors.statementFailure(e),
                    null);
        }
    }

    private interface Check {
        HealthResult run() throws SQLException;
    }

    private HealthResult check(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("server_version", c.getMetaData().getDatabaseProductVersion());
            details.put("database", target.display());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
                rs.next();
                details.put("connections", String.valueOf(rs.getLong(1)));
            }
            return HealthResult.answered(HealthState.HEALTHY, "SELECT 1 answered", -1, details, null);
        }
    }
}
