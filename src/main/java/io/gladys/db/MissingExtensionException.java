package io.gladys.db;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement failed because the server has no such extension installed (its control file is
 * missing). The statement is not at fault: the server is. The goal that reports it adds the ways
 * out for the environment at hand ({@link ExtensionAdvice}).
 */
public final class MissingExtensionException extends DatabaseException {

    // 0A000 since PostgreSQL 15: extension "vector" is not available
    private static final Pattern NOT_AVAILABLE = Pattern.compile("extension \"([^\"]+)\" is not available");
    // 58P01 before it (and in the detail since): could not open extension control file ".../vector.control"
    private static final Pattern CONTROL_FILE = Pattern.compile(
            "could not open extension control file \"[^\"]*?([^\"/\\\\]+)\\.control\"");

    private final String extension;
    private final String serverVersion;
    private final String database;

    public MissingExtensionException(String message, String extension, String serverVersion, String database,
                                     Throwable cause) {
        super(message, cause);
        this.extension = extension;
        this.serverVersion = serverVersion;
        this.database = database;
    }

    /** The database that lacks it, as messages show it (user@host:port/name). */
    public String database() {
        return database;
    }

    /** The extension the server lacks. */
    public String extension() {
        return extension;
    }

    /** The server's version ("17.6"), or null when it could not be read. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The extension a failure says is missing, if that is what it says. */
    public static Optional<String> missingExtension(SQLException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!(c instanceof SQLException sql)) {
                continue;
            }
            String state = sql.getSQLState();
            if (!"0A000".equals(state) && !"58P01".equals(state)) {
                continue;
            }
            String text = String.valueOf(sql.getMessage());
            if (sql instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getDetail() != null) {
                text += "\n" + p.getServerErrorMessage().getDetail();
            }
            for (Pattern pattern : new Pattern[] {NOT_AVAILABLE, CONTROL_FILE}) {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The failure as a {@link MissingExtensionException} when that is what it is, else as a plain
     * {@link DatabaseException}; the message is the same.
     */
    public static DatabaseException of(String message, SQLException e, DatabaseTarget target) {
        return missingExtension(e).<DatabaseException>map(ext -> new MissingExtensionException(message, ext,
                serverVersion(target), target.display(), e)).orElseGet(() -> new DatabaseException(message, e));
    }

    /** The server's version, best effort: a message must not fail for want of it. */
    static String serverVersion(DatabaseTarget target) {
        try (var c = target.connect(); var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
