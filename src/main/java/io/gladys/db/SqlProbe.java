package io.gladys.db;

import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.health.SqlHealthProbe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database's health: connect and run SELECT 1, report the server version and connections. A probe
 * that {@linkplain #keepingConnection keeps its connection} holds it on the server's maintenance
 * database ({@code postgres}), never on the probed one: an idle session there would make CREATE DATABASE
 * ... TEMPLATE and DROP DATABASE of it fail ("being accessed by other users"). Each check on it is a live
 * query that also finds the probed database (it exists and accepts connections); a broken connection is
 * replaced at the next check. When the maintenance database does not let the user in, each check
 * connects to the probed database anew, as a probe that keeps nothing does.
 */
public final class SqlProbe implements SqlHealthProbe {

    /** Where a kept connection lives: the database every PostgreSQL cluster is created with. */
    public static final String MAINTENANCE_DATABASE = "postgres";

    private final DatabaseTarget target;
    private final boolean keep;
    private final String applicationName;
    private Connection kept;
    /** The maintenance database refused this user (absent, no CONNECT, pg_hba): each check connects anew. */
    private boolean maintenanceRefused;

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
            return checkAnew();
        }
        synchronized (this) {
            if (kept != null) {
                try {
                    return checkFromMaintenance(kept);
                } catch (SQLException e) {
                    close(); // the server restarted, or dropped the connection: a new one tells the truth
                }
            }
            if (!maintenanceRefused) {
                DatabaseTarget maintenance = new DatabaseTarget(target.host(), target.port(), MAINTENANCE_DATABASE,
                        target.user(), target.password());
                try {
                    kept = maintenance.connect(applicationName);
                    return answer(() -> checkFromMaintenance(kept));
                } catch (DatabaseUnreachableException e) {
                    return HealthResult.cannotConnect(e.getMessage());
                } catch (DatabaseException e) {
                    if (!refusedHere(e)) {
                        return HealthResult.rpcFailed(e.getMessage(), null);
                    }
                    maintenanceRefused = true;
                }
            }
            return checkAnew();
        }
    }

    /** A failure of the maintenance database alone (absent, no CONNECT privilege, pg_hba), not of the server. */
    private static boolean refusedHere(DatabaseException e) {
        String state = e.getCause() instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
        return state.equals("3D000") || state.equals("42501") || state.equals("28000");
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

    private HealthResult checkAnew() {
        return answer(() -> {
            try (Connection c = target.connect(applicationName)) {
                return check(c, null);
            }
        });
    }

    /** A check on the maintenance database's connection: the probed database must be there too. */
    private HealthResult checkFromMaintenance(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
            p.setQueryTimeout(5);
            p.setString(1, target.database());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return HealthResult.rpcFailed(DatabaseErrors.missingDatabase(target), null);
                }
                if (!rs.getBoolean(1)) {
                    return HealthResult.rpcFailed("The database '" + target.database() + "' on " + target.host() + ":"
                            + target.port() + " does not accept connections (datallowconn is false).", null);
                }
            }
        }
        return check(c, target.database());
    }

    /** One check, its failures as the report words them (a kept connection that failed goes). */
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

    /** SELECT 1, then the details; {@code database} is the probed database when the connection is elsewhere. */
    private HealthResult check(Connection c, String database) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server_version", c.getMetaData().getDatabaseProductVersion());
        details.put("database", target.display());
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = coalesce(?, current_database())")) {
            p.setQueryTimeout(5);
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                details.put("connections", String.valueOf(rs.getLong(1)));
            }
        }
        return HealthResult.answered(HealthState.HEALTHY, "SELECT 1 answered", -1, details, null);
    }
}
