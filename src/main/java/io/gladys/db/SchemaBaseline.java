package io.gladys.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema file (the final state of earlier migrations, as GLADyS's {@code src/db/schema.sql}) that a
 * database without the plugin's history gets as its starting point: the extensions it needs are
 * created, the file is applied in one transaction, and the history records it as the baseline, so
 * numbered migrations added later run on top. A database that already has the schema's tables but
 * no history is adopted as that baseline without running the file again.
 *
 * @param schema     the schema file
 * @param extensions extensions created first (CREATE EXTENSION IF NOT EXISTS), by a superuser
 */
public record SchemaBaseline(Path schema, List<String> extensions) {

    /** The version the baseline takes in the history: numbered migrations (001, ...) come after it. */
    public static final String VERSION = "0";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)^create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*(?s:.*?)\\*/)*");

    /** What {@link #establish} did. */
    public enum Outcome { APPLIED, ADOPTED, ALREADY_BASELINED }

    /** The description the history records: the file and the checksum of its content. */
    public String description() {
        return "schema " + schema.getFileName() + " " + checksum();
    }

    /** CRC32 of the file's lines, as Flyway computes a migration's. */
    public Integer checksum() {
        return MigrationFiles.checksum(schema);
    }

    /**
     * Gives a database without history its baseline: applies the schema (and its extensions), or
     * adopts a schema that is already there. Nothing is done when the history exists.
     */
    public Outcome establish(DatabaseTarget target, Migrations migrations) {
        if (!Files.isRegularFile(schema)) {
            throw new DatabaseException("The schema file " + schema + " (<database><schema>) does not exist.");
        }
        try (Connection c = target.connect()) {
            if (Migrations.historyExists(c)) {
                return Outcome.ALREADY_BASELINED;
            }
            List<String> tables = tables();
            List<String> present = new ArrayList<>();
            for (String t : tables) {
                if (exists(c, t)) {
                    present.add(t);
                }
            }
            if (!present.isEmpty()) {
                if (present.size() < tables.size()) {
                    List<String> missing = tables.stream().filter(t -> !present.contains(t)).toList();
                    throw new DatabaseException("The database " + target.display() + " has some of the tables of "
                            + schema.getFileName() + " (" + String.join(", ", present) + ") but not "
                            + String.join(", ", missing) + ", and no migration history: it is neither empty nor "
                            + "that schema, so nothing was applied. Bring it to the schema by hand and start again, "
                            + "or use an empty database.");
                }
                migrations.recordBaseline(VERSION, description());
                return Outcome.ADOPTED;
            }
            createExtensions(c, target);
            apply(c);
            migrations.recordBaseline(VERSION, description());
            return Outcome.APPLIED;
        } catch (SQLException e) {
            throw new DatabaseException("Applying the schema " + schema + " to " + target.display() + " failed: "
                    + DatabaseErrors.statementFailure(e), e);
        }
    }

    /** When the database recorded this baseline, and with which checksum, if it did. */
    public static Optional<Recorded> recorded(DatabaseTarget target) {
        try (Connection c = target.connect()) {
            if (!Migrations.historyExists(c)) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT description, installed_on FROM "
                    + Migrations.HISTORY_TABLE + " WHERE type = 'BASELINE' AND version = ? ORDER BY installed_rank DESC");) {
                ps.setString(1, VERSION);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null || !rs.getString(1).startsWith("schema ")) {
                        return Optional.empty();
                    }
                    return Optional.of(new Recorded(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.connectFailure(target, e), e);
        }
    }

    /** A baseline as the history has it. */
    public record Recorded(String description, Instant installedOn) {
    }

    private void createExtensions(Connection c, DatabaseTarget target) throws SQLException {
        for (String ext : extensions) {
            String statement = "CREATE EXTENSION IF NOT EXISTS \"" + ext.replace("\"", "\"\"") + "\"";
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    throw new DatabaseException("Creating the extension " + ext + " on " + target.display()
                            + " needs a superuser, and '" + target.user() + "' is not one. Have an administrator run, "
                            + "in database " + target.database() + ": " + statement + "; then start again.", e);
                }
                throw MissingExtensionException.of("Creating the extension " + ext + " for the schema "
                        + schema.getFileName() + " failed: " + DatabaseErrors.statementFailure(e), e, target);
            }
        }
    }

    private void apply(Connection c) throws SQLException {
        String sql = read();
        List<SqlStatement> statements = SqlScript.parse(sql).all();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        SqlStatement current = null;
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            for (SqlStatement st : statements) {
                current = st;
                s.execute(st.text());
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            String where = current == null ? "" : " (" + current.describe() + ")";
            throw new DatabaseException("The schema " + schema.getFileName() + " failed" + where
                    + " and was rolled back, so the database is as it was: "
                    + (current == null ? DatabaseErrors.statementFailure(e) : DatabaseErrors.statementFailure(e, current)), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The tables the schema creates, as they would be named in the database. */
    List<String> tables() {
        List<String> out = new ArrayList<>();
        for (SqlStatement st : SqlScript.parse(read()).all()) {
            Matcher m = CREATE_TABLE.matcher(LEADING_COMMENTS.matcher(st.text()).replaceFirst(""));
            if (m.find()) {
                String name = m.group(1);
                out.add(name.contains("\"") ? name.replace("\"", "") : name.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private String read() {
        try {
            return Files.readString(schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatabaseException("Cannot read the schema file " + schema + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
