package io.gladys.db;

import io.gladys.config.PropertyNames;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns driver exceptions into one line that says what failed and what to do. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** Whether the failure means no connection was made at all. */
    public static boolean unreachable(SQLException e) {
        return hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)
                || hasCause(e, java.net.SocketTimeoutException.class);
    }

    public static String connectFailure(DatabaseTarget t, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (hasCause(e, UnknownHostException.class)) {
            return "The database host '" + t.host() + "' is unknown.";
        }
        if (unreachable(e)) {
            return "The database at " + t.host() + ":" + t.port() + " is not reachable (" + causeText(e) + "). "
                    + "Is it running? Start it with: mvn gladys:start -D" + PropertyNames.SERVICE_SHORT + "=db";
        }
        return switch (state) {
            case "28P01", "28000" -> "The database " + t.display() + " refused the credentials of user '" + t.user()
                    + "' (" + firstLine(e) + "). Check <database><user>/<password>, the settings.xml server, "
                    + "or -D" + PropertyNames.DB_USER + " / -D" + PropertyNames.DB_PASSWORD + ".";
            case "3D000" -> missingDatabase(t);
            case "57P03" -> "The database at " + t.host() + ":" + t.port() + " is starting up or shutting down; "
                    + "try again in a moment.";
            default -> "Cannot connect to the database " + t.display() + " as '" + t.user() + "': " + firstLine(e);
        };
    }

    /** A server that answers without the database the target names. */
    public static String missingDatabase(DatabaseTarget t) {
        return "The database '" + t.database() + "' does not exist on " + t.host() + ":" + t.port() + ".";
    }

    /** The server's message for a failed statement, with its position when the server gives one. */
    public static String statementFailure(SQLException e) {
        StringBuilder b = new StringBuilder(firstLine(e));
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            if (m.getPosition() > 0) {
                b.append(" (at character ").append(m.getPosition()).append(")");
            }
            if (m.getHint() != null) {
                b.append(". Hint: ").append(m.getHint());
            }
        }
        if (e.getSQLState() != null) {
            b.append(" [SQLSTATE ").append(e.getSQLState()).append("]");
        }
        return b.toString();
    }

    /**
     * A failed statement the way psql shows it: the server's message with its SQLSTATE, then the
     * line the error is on with a caret under the position, then detail and hint when given.
     * Line numbers count from {@code statement.line()}, so they are the script's lines.
     */
    public static String statementFailure(SQLException e, SqlStatement statement) {
        return statementFailure(e, statement, 0);
    }

    /**
     * The same for a statement that ran wrapped in other text ({@code COPY (...)}): {@code shift} is the
     * length of what came before the statement, taken off the server's position.
     */
    static String statementFailure(SQLException e, SqlStatement statement, int shift) {
        StringBuilder b = new StringBuilder(firstLine(e));
        if (e.getSQLState() != null) {
            b.append(" [SQLSTATE ").append(e.getSQLState()).append("]");
        }
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            int position = m.getPosition() - shift;
            if (position > 0 && position <= statement.text().length() + 1) {
                b.append('\n').append(caret(statement, position));
            }
            if (m.getDetail() != null) {
                b.append("\nDETAIL: ").append(m.getDetail());
            }
            if (m.getHint() != null) {
                b.append("\nHINT: ").append(m.getHint());
            }
        }
        return b.toString();
    }

    /** "LINE 3: SELECT * FROMM x" and a caret under the 1-based character position. */
    static String caret(SqlStatement statement, int position) {
        String text = statement.text();
        int offset = Math.min(position - 1, text.length());
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = text.indexOf('\n', offset);
        String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).replace('\t', ' ');
        int column = offset - lineStart;
        int lineNumber = statement.line() + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        // long lines: show a window around the position, as psql does
        int from = Math.max(0, column - 60);
        int to = Math.min(line.length(), column + 60);
        String shown = (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "");
        String prefix = "LINE " + lineNumber + ": ";
        int caretAt = prefix.length() + (from > 0 ? 3 : 0) + (column - from);
        return prefix + shown.stripTrailing() + "\n" + " ".repeat(caretAt) + "^";
    }

    /** A JDBC URL fit for a message: user:password@ and password=... parameters are masked. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(//)[^/@?#]*@", "$1****@")
                .replaceAll("(?i)([?&;]password=)[^&;#]*", "$1****");
    }

    private static String causeText(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("refused")) {
            return "connection refused";
        }
        if (m.contains("timed out") || m.contains("timeout")) {
            return "connection timed out";
        }
        return firstLine(c);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
