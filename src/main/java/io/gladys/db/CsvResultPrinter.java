package io.gladys.db;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * CSV with RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, quotes are
 * doubled. As with {@code psql --csv}, NULL is an empty field and an empty string is {@code ""},
 * lines end with \n, and statements without rows print their command tag.
 */
final class CsvResultPrinter extends ResultPrinter {


    CsvResultPrinter(Writer out) {
        super(out);
    }

    @Override
    void start(boolean several) {
    }

    @Override
    long rows(SqlStatement statement, ResultSet rs) throws SQLException, IOException {
        separate();
        String[] header = labels(rs.getMetaData(), false);
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < header.length; c++) {
            line.append(c == 0 ? "" : ",").append(field(header[c]));
        }
        out.write(line.append('\n').toString());
        long count = 0;
        while (rs.next()) {
            line.setLength(0);
            for (int c = 1; c <= header.length; c++) {
                String v = rs.getString(c);
                line.append(c == 1 ? "" : ",").append(v == null ? "" : field(v));
            }
            out.write(line.append('\n').toString());
            count++;
        }
        return count;
    }

    static String field(String v) {
        if (v.isEmpty()) {
            return "\"\"";
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @Override
    void count(SqlStatement statement, long count) throws IOException {
        separate();
        out.write(statement.tag(Math.max(0, count)) + "\n");
    }

    @Override
    void finish() throws IOException {
        out.flush();
    }
}
