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
    private Connection kept;

    public SqlProbe(DatabaseTarget target) {
        this(target, false);
    }

    private SqlProbe(DatabaseTarget target, boolean keep) {
        this.target = target;
        this.keep = keep;
    }

    /** A probe for a process that checks again and again: no new connection (and login) per check. */
    public static SqlProbe keepingConnection(DatabaseTarget target) {
        return new SqlProbe(target, true);
    }

    @Override
    public HealthResult check() {
        if (!keep) {
            try (Connection c = target.connect()) {
                return check(c);
            } catch (DatabaseUnreachableException e) {
                return HealthResult.cannotConnect(e.getMessage());
            } catch (DatabaseException e) {
                return HealthResult.rpcFailed(e.getMessage(), null);
            } catch (SQLException e) {
                return HealthResult.rpcFailed("connected, but SELECT 1 failed: " + DatabaseErrors.statementFailure(e),
                        null);
            }
        }
        synchronized (this) {
            if (kept != null) {
                try {
                    return check(kept);
                } catch (SQLException e) {
                    close(); // the server restarted, or dropped the connection: a new one tells the truth
                }
            }
            try {
                kept = target.connect();
                return check(kept);
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
