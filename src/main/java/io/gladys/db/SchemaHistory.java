package io.gladys.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A digest of a database's migration history ({@link Migrations#HISTORY_TABLE} in the schema Flyway uses,
 * the connection's current one): every row, every column. Two equal digests mean Flyway would find the
 * same history; a row added, removed or changed by any tool gives another digest.
 */
public final class SchemaHistory {

    /** The digest of a database that has no history table (yet). */
    public static final String NONE = "none";

    /** Reads the digest of a database: on a connection of its own, or through a process that keeps clients warm. */
    @FunctionalInterface
    public interface Reader {
        String digest(DatabaseTarget target);
    }

    /** A connection of its own, closed afterwards. */
    public static final Reader DIRECT = target -> {
        try (Connection c = target.connect()) {
            return digest(c);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the migration history of " + target.display() + ": "
                    + DatabaseErrors.statementFailure(e), e);
        }
    };

    private SchemaHistory() {
    }

    /** The digest of the history of the database {@code c} is connected to. */
    public static String digest(Connection c) throws SQLException {
        String table;
        try (PreparedStatement p = c.prepareStatement("SELECT t, to_regclass(t) IS NOT NULL FROM "
                + "(SELECT quote_ident(current_schema()) || '.' || quote_ident(?) AS t) q")) {
            p.setQueryTimeout(10);
            p.setString(1, Migrations.HISTORY_TABLE);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null || !rs.getBoolean(2)) {
                    return NONE;
                }
                table = rs.getString(1);
            }
        }
        // the quoted name comes from the server itself; a row's text form keeps nulls and commas apart
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(10);
            try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(h::text, E'\\n' "
                    + "ORDER BY h.installed_rank), '')) FROM " + table + " h")) {
                rs.next();
                return table + ":" + rs.getString(1);
            }
        }
    }
}
