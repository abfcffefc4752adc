package io.gladys.db;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * psql's aligned table. Rows are streamed, so column widths are taken from the header and the
 * first {@code window} rows only (they are held until the window is full or the result ends);
 * a later, wider value keeps its full text and pushes the rest of its own line to the right.
 * Memory is bounded by the window, not by the result.
 */
final class TextResultPrinter extends ResultPrinter {

    private final int window;

    TextResultPrinter(Writer out, int window) {
        super(out);
        this.window = Math.max(1, window);
    }

    @Override
    void start(boolean several) {
    }

    @Override
    long rows(SqlStatement statement, ResultSet rs) throws SQLException, IOException {
        separate();
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        String[] header = labels(md, false);
        boolean[] right = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            right[c] = numeric(md.getColumnTypeName(c + 1));
        }
        List<String[]> held = new ArrayList<>();
        long count = 0;
        while (held.size() < window && rs.next()) {
            held.add(row(rs, cols));
            count++;
        }
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = header[c].length();
            for (String[] r : held) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        writeHeader(header, width);
        for (String[] r : held) {
            writeRow(r, width, right);
        }
        held.clear();
        while (rs.next()) {
            writeRow(row(rs, cols), width, right);
            count++;
        }
        out.write("(" + count + (count == 1 ? " row)" : " rows)") + "\n");
        if (!statement.isQuery()) {
            // INSERT ... RETURNING and the like: psql prints the command tag after the rows
            out.write("\n" + statement.tag(count) + "\n");
        }
        return count;
    }

    private static String[] row(ResultSet rs, int cols) throws SQLException {
        String[] r = new String[cols];
        for (int c = 0; c < cols; c++) {
            String v = rs.getString(c + 1);
            r[c] = v == null ? "" : printable(v);
        }
        return r;
    }

    /** One value on one line: control characters are shown escaped, not executed. */
    private static String printable(String v) {
        if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf('\t') < 0) {
            return v;
        }
        return v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private void writeHeader(String[] header, int[] width) throws IOException {
        if (header.length == 0) {
            out.write("--\n");
            return;
        }
        StringBuilder h = new StringBuilder();
        StringBuilder sep = new StringBuilder();
        for (int c = 0; c < header.length; c++) {
            int pad = width[c] - header[c].length();
            h.append(c == 0 ? " " : " | ").append(" ".repeat(pad / 2)).append(header[c])
                    .append(" ".repeat(pad - pad / 2));
            sep.append(c == 0 ? "" : "+").append("-".repeat(width[c] + 2));
        }
        out.write(h.toString().stripTrailing() + "\n" + sep + "\n");
    }

    private void writeRow(String[] r, int[] width, boolean[] right) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < r.length; c++) {
            String pad = " ".repeat(Math.max(0, width[c] - r[c].length()));
            b.append(c == 0 ? " " : " | ");
            b.append(right[c] ? pad + r[c] : r[c] + pad);
        }
        out.write(b.toString().stripTrailing() + "\n");
    }

    @Override
    void count(SqlStatement statement, long count) throws IOException {
        separate();
        out.write(statement.tag(Math.max(0, count)) + "\n");
    }

    @Override
    void notice(String text) throws IOException {
        out.write(text + "\n");
    }

    @Override
    void finish() throws IOException {
        out.flush();
    }
}
