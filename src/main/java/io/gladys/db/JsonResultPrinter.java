package io.gladys.db;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * JSON written row by row, never built in memory, in one shape for a statement and a script:
 * {@code {"schemaVersion": 1, "statements": [...]}} with one object per statement ({@code statement},
 * {@code command}, {@code rows} (one per line) when it returned rows, {@code count}).
 * Numbers are JSON numbers (exactly as the server printed them), booleans are booleans, json and
 * jsonb values are embedded as JSON, simple arrays as arrays; anything else (text, timestamps,
 * uuid, ...) is a string as PostgreSQL prints it.
 */
final class JsonResultPrinter extends ResultPrinter {

    /** Version of the query goal's JSON shape (README, "Machine-readable output"). */
    static final int SCHEMA_VERSION = 1;

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private enum Kind { NUMBER, BOOLEAN, JSON, ARRAY, STRING }

    private boolean firstResult = true;
    private final StringWriter buffer = new StringWriter();

    JsonResultPrinter(Writer out) {
        super(out);
    }

    @Override
    void start(boolean several) throws IOException {
        // one shape for one statement and for a script, so a reader never has to guess
        out.write("{\"schemaVersion\": " + SCHEMA_VERSION + ", \"statements\": [");
    }

    private void beginResult(SqlStatement statement, String command) throws IOException {
        out.write(firstResult ? "\n  " : ",\n  ");
        firstResult = false;
        out.write("{\"statement\": " + statement.number() + ", \"command\": " + quote(command));
    }

    @Override
    long rows(SqlStatement statement, ResultSet rs) throws SQLException, IOException {
        beginResult(statement, statement.verb());
        out.write(", \"rows\": [");
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        String[] keys = labels(md, true);
        Kind[] kinds = new Kind[cols];
        for (int c = 0; c < cols; c++) {
            kinds[c] = kind(md.getColumnTypeName(c + 1));
        }
        long count = 0;
        while (rs.next()) {
            buffer.getBuffer().setLength(0);
            JsonWriter w = writer(buffer);
            w.beginObject();
            for (int c = 0; c < cols; c++) {
                w.name(keys[c]);
                value(w, rs, c + 1, kinds[c]);
            }
            w.endObject();
            w.flush();
            out.write(count == 0 ? "\n    " : ",\n    ");
            out.write(buffer.toString());
            count++;
        }
        out.write(count == 0 ? "]" : "\n  ]");
        out.write(", \"count\": " + count + "}");
        return count;
    }

    @Override
    void count(SqlStatement statement, long count) throws IOException {
        beginResult(statement, statement.verb());
        out.write(count >= 0 ? ", \"count\": " + count + "}" : "}");
    }

    @Override
    void finish() throws IOException {
        out.write(firstResult ? "]}\n" : "\n]}\n");
        out.flush();
    }

    private static JsonWriter writer(Writer w) {
        JsonWriter j = new JsonWriter(w);
        j.setFormattingStyle(FormattingStyle.COMPACT.withSpaceAfterSeparators(true));
        j.setSerializeNulls(true);
        j.setHtmlSafe(false);
        return j;
    }

    private static String quote(String s) throws IOException {
        StringWriter sw = new StringWriter();
        writer(sw).value(s).flush();
        return sw.toString();
    }

    private static Kind kind(String pgType) {
        if (numeric(pgType)) {
            return Kind.NUMBER;
        }
        return switch (pgType) {
            case "bool" -> Kind.BOOLEAN;
            case "json", "jsonb" -> Kind.JSON;
            case "_int2", "_int4", "_int8", "_numeric", "_float4", "_float8", "_bool", "_text", "_varchar",
                 "_bpchar", "_name", "_uuid" -> Kind.ARRAY;
            default -> Kind.STRING;
        };
    }

    private static void value(JsonWriter w, ResultSet rs, int c, Kind kind) throws SQLException, IOException {
        switch (kind) {
            case BOOLEAN -> {
                boolean b = rs.getBoolean(c);
                if (rs.wasNull()) {
                    w.nullValue();
                } else {
                    w.value(b);
                }
            }
            case ARRAY -> {
                Array a = rs.getArray(c);
                if (a == null) {
                    w.nullValue();
                } else {
                    element(w, a.getArray());
                    a.free();
                }
            }
            default -> {
                String s = rs.getString(c);
                if (s == null) {
                    w.nullValue();
                } else if (kind == Kind.JSON) {
                    w.jsonValue(s);
                } else if (kind == Kind.NUMBER) {
                    number(w, s);
                } else {
                    w.value(s);
                }
            }
        }
    }

    /** The server's digits as they are (no double rounding); NaN and Infinity are not JSON numbers. */
    private static void number(JsonWriter w, String s) throws IOException {
        if (JSON_NUMBER.matcher(s).matches()) {
            w.jsonValue(s);
        } else {
            w.value(s);
        }
    }

    private static void element(JsonWriter w, Object o) throws IOException {
        if (o == null) {
            w.nullValue();
        } else if (o instanceof Object[] items) {
            w.beginArray();
            for (Object item : items) {
                element(w, item);
            }
            w.endArray();
        } else if (o instanceof Boolean b) {
            w.value(b);
        } else if (o instanceof Number num) {
            number(w, num.toString());
        } else {
            w.value(o.toString());
        }
    }
}
