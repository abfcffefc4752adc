package io.gladys.db;

import org.postgresql.PGResultSetMetaData;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * psql's aligned table. Rows are streamed, so column widths are taken from the header and the
 * first {@code window} rows only (they are held until the window is full or the result ends);
 * a later, wider value keeps its full text and pushes the rest of its own line to the right.
 * Memory is bounded by the window, not by the result.
 * <p>
 * Values stay the UTF-8 bytes the server sent (the driver's own arrays, no String per value), and
 * each line is laid out in one reused buffer; with a byte stream to write to, it goes out as it is.
 * Widths count UTF-16 units, as Java's String length does.
 */
final class TextResultPrinter extends ResultPrinter {

    private static final byte[] EMPTY = new byte[0];

    private final int window;
    private final OutputStream bytes;
    private byte[] line = new byte[256];
    private int length;

    TextResultPrinter(Writer out, int window) {
        this(out, null, window);
    }

    /** @param bytes where lines go as bytes (the stream under {@code out}); null: through {@code out} */
    TextResultPrinter(Writer out, OutputStream bytes, int window) {
        super(out);
        this.bytes = bytes;
        this.window = Math.max(1, window);
    }

    @Override
    void start(boolean several) {
    }

    @Override
    protected void text(String s) throws IOException {
        if (bytes == null) {
            out.write(s);
        } else {
            bytes.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    long rows(SqlStatement statement, ResultSet rs) throws SQLException, IOException {
        separate();
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        String[] header = labels(md, false);
        boolean[] right = new boolean[cols];
        boolean[] raw = new boolean[cols];
        PGResultSetMetaData pg = md.isWrapperFor(PGResultSetMetaData.class) ? md.unwrap(PGResultSetMetaData.class)
                : null;
        for (int c = 0; c < cols; c++) {
            right[c] = numeric(md.getColumnTypeName(c + 1));
            // a text-format value's bytes are what getString decodes; bytea's getBytes would unescape them
            raw[c] = pg != null && pg.getFormat(c + 1) == 0 && !"bytea".equals(md.getColumnTypeName(c + 1));
        }
        List<byte[][]> held = new ArrayList<>();
        long count = 0;
        while (held.size() < window && rs.next()) {
            held.add(row(rs, raw, new byte[cols][]));
            count++;
        }
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = header[c].length();
            for (byte[][] r : held) {
                width[c] = Math.max(width[c], shownLength(r[c]));
            }
        }
        writeHeader(header, width);
        for (byte[][] r : held) {
            writeRow(r, width, right);
        }
        held.clear();
        byte[][] cells = new byte[cols][];
        while (rs.next()) {
            writeRow(row(rs, raw, cells), width, right);
            count++;
        }
        text("(" + count + (count == 1 ? " row)" : " rows)") + "\n");
        if (!statement.isQuery()) {
            // INSERT ... RETURNING and the like: psql prints the command tag after the rows
            text("\n" + statement.tag(count) + "\n");
        }
        return count;
    }

    private static byte[][] row(ResultSet rs, boolean[] raw, byte[][] into) throws SQLException {
        for (int c = 0; c < into.length; c++) {
            byte[] v;
            if (raw[c]) {
                v = rs.getBytes(c + 1);
            } else {
                String s = rs.getString(c + 1);
                v = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            }
            into[c] = v == null ? EMPTY : v;
        }
        return into;
    }

    /**
     * The value's length as shown: UTF-16 units of its text, with a line break or tab shown as two
     * characters ({@code \n}), so one value stays on one line.
     */
    static int shownLength(byte[] v) {
        int n = 0;
        for (byte b : v) {
            if ((b & 0xC0) != 0x80) {
                n++; // a character starts here
            }
            if ((b & 0xF8) == 0xF0 || b == '\n' || b == '\r' || b == '\t') {
                n++; // a surrogate pair, or an escape
            }
        }
        return n;
    }

    private void writeHeader(String[] header, int[] width) throws IOException {
        if (header.length == 0) {
            text("--\n");
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
        text(h.toString().stripTrailing() + "\n" + sep + "\n");
    }

    private void writeRow(byte[][] r, int[] width, boolean[] right) throws IOException {
        length = 0;
        for (int c = 0; c < r.length; c++) {
            int pad = Math.max(0, width[c] - shownLength(r[c]));
            if (c == 0) {
                put((byte) ' ');
            } else {
                put((byte) ' ');
                put((byte) '|');
                put((byte) ' ');
            }
            if (right[c]) {
                spaces(pad);
                putShown(r[c]);
            } else {
                putShown(r[c]);
                spaces(pad);
            }
        }
        stripTrailing();
        put((byte) '\n');
        if (bytes != null) {
            bytes.write(line, 0, length);
        } else {
            out.write(new String(line, 0, length, StandardCharsets.UTF_8));
        }
    }

    private void putShown(byte[] v) {
        for (byte b : v) {
            switch (b) {
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case '\t' -> escape('t');
                default -> put(b);
            }
        }
    }

    private void escape(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void spaces(int n) {
        room(n);
        Arrays.fill(line, length, length + n, (byte) ' ');
        length += n;
    }

    private void put(byte b) {
        room(1);
        line[length++] = b;
    }

    private void room(int n) {
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
    }

    /** As String.stripTrailing: drops the whitespace characters at the end of the line. */
    private void stripTrailing() {
        while (length > 0) {
            int start = length - 1;
            if (line[start] >= 0) { // ASCII, the common case: no decoding
                if (!Character.isWhitespace(line[start])) {
                    return;
                }
                length = start;
                continue;
            }
            while (start > 0 && (line[start] & 0xC0) == 0x80) {
                start--;
            }
            int cp = new String(line, start, length - start, StandardCharsets.UTF_8).codePointAt(0);
            if (!Character.isWhitespace(cp)) {
                return;
            }
            length = start;
        }
    }

    @Override
    void count(SqlStatement statement, long count) throws IOException {
        separate();
        text(statement.tag(Math.max(0, count)) + "\n");
    }

    @Override
    void notice(String text) throws IOException {
        text(text + "\n");
    }

    @Override
    void finish() throws IOException {
        flush();
    }

    @Override
    void flush() throws IOException {
        out.flush();
        if (bytes != null) {
            bytes.flush();
        }
    }
}
