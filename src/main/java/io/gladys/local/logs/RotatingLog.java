package io.gladys.local.logs;

import io.gladys.common.AtomicWrite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A service's log file, rotated at a size limit (name.log, name.log.1, ... name.log.N) so that a
 * chatty service cannot fill the disk. Rotation happens at a line boundary when the current chunk
 * has one, so readers seldom see a line cut in two.
 *
 * <p>Beside the log, {@code name.log.rotations} counts the rotations so far: a reader that fell behind
 * by more than {@code keep} rotations can tell how many files it missed. It is rewritten while
 * {@code name.log} is absent, so whoever sees a complete set of files sees the matching count.
 */
public final class RotatingLog implements AutoCloseable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;
    private long rotations;

    /**
     * @param maxBytes rotate once the file holds this many bytes (0 or less: never)
     * @param keep     how many rotated files to keep
     */
    public RotatingLog(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = Math.max(1, keep);
        this.rotations = rotations(file);
        open();
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    public synchronized void write(byte[] buf, int off, int len) throws IOException {
        while (maxBytes > 0 && size + len > maxBytes) {
            // fill the file up to the limit, ending at a line boundary when there is one
            int room = (int) Math.max(0, maxBytes - size);
            int cut = room > 0 ? lastNewline(buf, off, Math.min(len, room)) : -1;
            int n = cut >= 0 ? cut - off + 1 : size == 0 ? room : 0;
            out.write(buf, off, n);
            size += n;
            off += n;
            len -= n;
            rotate();
        }
        out.write(buf, off, len);
        out.flush();
        size += len;
    }

    public synchronized void line(String text) throws IOException {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    private static int lastNewline(byte[] buf, int off, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = keep - 1; i >= 1; i--) {
            Path from = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        rotations++;
        AtomicWrite.writeString(countFile(file), Long.toString(rotations));
        open();
    }

    /** Where the rotation count of this log is kept. */
    public static Path countFile(Path log) {
        return log.resolveSibling(log.getFileName() + ".rotations");
    }

    /** How often the log was rotated so far (0 when it never was, or nobody counted). */
    public static long rotations(Path log) {
        try {
            return Long.parseLong(Files.readString(countFile(log)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
