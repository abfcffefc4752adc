package io.gladys.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One PostgreSQL database to connect to: where, which database, as whom. Connections get short
 * connect and login timeouts, and failures become one clear line (see {@link DatabaseErrors}).
 */
public record DatabaseTarget(String host, int port, String database, String user, Secret password) {

    /** What pg_stat_activity shows for the plugin's connections, unless a caller names its own. */
    public static final String APPLICATION_NAME = "gladys-maven-plugin";

    /** Registers the driver at the first connection: a goal that never connects never loads it. */
    private static final class Driver {
        static {
            try {
                // inside Maven the driver is not on the system class path, so DriverManager must be told
                Class.forName("org.postgresql.Driver");
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static void load() {
            // the static initializer above did the work
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** host:port/database, for messages */
    public String display() {
        return host + ":" + port + "/" + database;
    }

    public Connection connect() {
        return connect(APPLICATION_NAME);
    }

    /** A connection that pg_stat_activity shows as {@code applicationName}. */
    public Connection connect(String applicationName) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", "0");
        p.setProperty("ApplicationName", applicationName);
        try {
            Driver.load();
            return DriverManager.getConnection(jdbcUrl(), p);
        } catch (SQLException e) {
            String message = DatabaseErrors.connectFailure(this, e);
            throw DatabaseErrors.unreachable(e) ? new DatabaseUnreachableException(message, e)
                    : new DatabaseException(message, e);
        }
    }

    @Override
    public String toString() {
        return display() + " as " + user;
    }
}
