package io.gladys.local.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading service logs: the last lines of a file, read from its end (a 1 GB log is not read whole).
 * Logs are UTF-8; a line may end in LF or CRLF.
 */
public final class LogFiles {

    private static final int BLOCK = 64 * 1024;

    private LogFiles() {
    }

    /** A line as a Windows service wrote it (CRLF) reads as one that ended in LF. */
    static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The last {@code n} lines of the file (fewer if it has fewer), oldest first. */
    public static List<String> tail(Path file, int n) {
        if (n <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long pos = end;
            int newlines = 0;
            // a trailing newline ends the last line; it does not start another
            if (end > 0) {
                raf.seek(end - 1);
                if (raf.read() == '\n') {
                    end--;
                    pos = end;
                }
            }
            long start = 0;
            byte[] buf = new byte[BLOCK];
            search:
            while (pos > 0) {
                int len = (int) Math.min(BLOCK, pos);
                pos -= len;
                raf.seek(pos);
                raf.readFully(buf, 0, len);
                for (int i = len - 1; i >= 0; i--) {
                    if (buf[i] == '\n' && ++newlines == n) {
                        start = pos + i + 1;
                        break search;
                    }
                }
            }
            byte[] out = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(out);
            if (out.length == 0) {
                return end == 0 ? List.of() : List.of("");
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
                lines.add(withoutCr(line));
            }
            return Collections.unmodifiableList(lines);
        } catch (IOException e) {
            return List.of();
        }
    }
}
