package io.gladys.db;

import io.gladys.output.OutputFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes statement results in one output format as they arrive: rows are written while the result
 * set is read, so the memory a result needs does not grow with its size.
 */
abstract class ResultPrinter {

    protected final Writer out;

    private boolean firstTable = true;

    /** Results of several statements are set apart by an empty line. */
    protected void separate() throws java.io.IOException {
        if (!firstTable) {
            text("\n");
        }
        firstTable = false;
    }

    protected ResultPrinter(Writer out) {
        this.out = out;
    }

    /** Writes text that is not a row (separators, counts); the text format may send it as bytes. */
    protected void text(String s) throws IOException {
        out.write(s);
    }

    /** Sends what is buffered on. */
    void flush() throws IOException {
        out.flush();
    }

    /**
     * @param bytes the stream under {@code out}, for a printer that writes bytes (null: all through {@code out})
     */
    static ResultPrinter of(OutputFormat format, Writer out, OutputStream bytes, int alignWindow) {
        return switch (format) {
            case TEXT -> new TextResultPrinter(out, bytes, alignWindow);
            case CSV -> new CsvResultPrinter(out);
            case JSON -> new JsonResultPrinter(out);
        };
    }

    /** Before the first result; {@code several}: results of more than one statement follow. */
    abstract void start(boolean several) throws IOException;

    /** Streams the rows of a statement's result set; returns how many there were. */
    abstract long rows(SqlStatement statement, ResultSet rs) throws SQLException, IOException;

    /** A statement that returned no rows: its update count (-1 when it has none, as for DDL). */
    abstract void count(SqlStatement statement, long count) throws IOException;

    /** A server notice (RAISE NOTICE, ...); only the text format shows them among the results. */
    void notice(String text) throws IOException {
    }

    /** After the last result. */
    abstract void finish() throws IOException;

    /** Column labels, made unique where a query repeats one (JSON objects need distinct keys). */
    static String[] labels(ResultSetMetaData md, boolean unique) throws SQLException {
        String[] labels = new String[md.getColumnCount()];
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 1; c <= labels.length; c++) {
            String label = md.getColumnLabel(c);
            int k = seen.merge(label, 1, Integer::sum);
            labels[c - 1] = unique && k > 1 ? label + "_" + k : label;
        }
        return labels;
    }

    static boolean numeric(String pgType) {
        return switch (pgType) {
            case "int2", "int4", "int8", "oid", "numeric", "float4", "float8" -> true;
            default -> false;
        };
    }
}
