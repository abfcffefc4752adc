package io.gladys.local.logs;

import io.gladys.common.AtomicWrite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rotates a log that a service writes itself (opened for appending), as logrotate's copytruncate
 * does: the older files move up one number, the log is copied to {@code name.log.1}, then emptied,
 * and the count beside it ({@link RotatingLog#countFile}) goes up once the log is empty again. The
 * service keeps writing through its own file handle, so its output never depends on the process that
 * rotates: what it writes between the copy and the emptying (microseconds) is the only loss. To make even
 * that unlikely, a log written to within {@link #QUIET} waits for a pause in its writer, up to a bound.
 */
public final class LogRotation {

    /** A log written to this recently is not rotated yet (unless the writer never pauses). */
    public static final java.time.Duration QUIET = java.time.Duration.ofMillis(50);

    private LogRotation() {
    }

    /** Rotates the log when it holds more than {@code maxBytes} (0 or less: never); true when it did. */
    public static boolean rotateIfLarger(Path log, long maxBytes, int keep) throws IOException {
        return rotateIfLarger(log, maxBytes, keep, true);
    }

    /**
     * As {@link #rotateIfLarger(Path, long, int)}; unless {@code evenIfBusy}, a log written to within
     * {@link #QUIET} is left for a later call (false).
     */
    public static boolean rotateIfLarger(Path log, long maxBytes, int keep, boolean evenIfBusy) throws IOException {
        if (maxBytes <= 0 || !Files.isRegularFile(log) || Files.size(log) <= maxBytes) {
            return false;
        }
        if (!evenIfBusy && System.currentTimeMillis() - Files.getLastModifiedTime(log).toMillis() < QUIET.toMillis()) {
            return false;
        }
        int k = Math.max(1, keep);
        Files.deleteIfExists(numbered(log, k));
        for (int i = k - 1; i >= 1; i--) {
            if (Files.exists(numbered(log, i))) {
                Files.move(numbered(log, i), numbered(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path part = log.resolveSibling(log.getFileName() + ".1.part");
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            long size;
            // copy to the end, then empty at once: only bytes written in between are lost
            while (pos < (size = in.size())) {
                pos += in.transferTo(pos, size - pos, out);
            }
            in.truncate(0);
        }
        Files.move(part, numbered(log, 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        AtomicWrite.writeString(RotatingLog.countFile(log), Long.toString(RotatingLog.rotations(log) + 1));
        return true;
    }

    static Path numbered(Path log, int i) {
        return log.resolveSibling(log.getFileName() + "." + i);
    }
}
