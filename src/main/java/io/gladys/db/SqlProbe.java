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

/** The database's health: connect and run SELECT 1, report the server version and connections. */
public final class SqlProbe implements SqlHealthProbe {

    private final DatabaseTarget target;

    public SqlProbe(DatabaseTarget target) {
        this.target = target;
    }

    @Override
    public HealthResult check() {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
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
        } catch (DatabaseUnreachableException e) {
            return HealthResult.cannotConnect(e.getMessage());
        } catch (DatabaseException e) {
            return HealthResult.rpcFailed(e.getMessage(), null);
        } catch (SQLException e) {
            return HealthResult.rpcFailed("connected, but SELECT 1 failed: " + DatabaseErrors.statementFailure(e), null);
        }
    }
}
