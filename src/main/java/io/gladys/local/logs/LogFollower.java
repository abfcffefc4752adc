package io.gladys.local.logs;

import io.gladys.config.PropertyNames;
import io.gladys.local.logs.RotatingLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Follows several rotating logs at once, like {@code tail -F}: new lines are handed out as they are
 * written, each with the name of its log.
 *
 * <p>A log is {@code name.log} with its rotated files {@code name.log.1} (newest) ... {@code name.log.N}
 * (oldest), as {@link RotatingLog} writes them. Every file is read through a handle opened while it still
 * had its place in that chain, so a file renamed (or even deleted) meanwhile is still read to its end. A
 * file is left only once its successor is open, which proves the writer had finished with it. When the
 * writer rotated several times between two polls, every file it rotated is read, oldest first. Only
 * files that were rotated past {@code keep} before the follower ever saw them are lost, and then the
 * follower says how many. A log rotated by copying ({@link LogRotation}: the file stays, emptied) is
 * followed too: the copies made since the last poll are read from where reading stopped.
 */
public final class LogFollower implements AutoCloseable {

    /** How often a listing of the files is repeated when a rotation was under way while listing. */
    private static final int LISTING_ATTEMPTS = 200;
    /** How long a file seen emptied may wait for its rotation to be counted before it counts as truncated by hand. */
    private static final long TRUNCATION_GRACE_MS = 1000;

    private final Map<String, Tracked> logs = new LinkedHashMap<>();
    private final BiConsumer<String, String> sink;
    private final Consumer<String> warnings;

    /**
     * @param files    the logs, by name; each is followed from its current end
     * @param sink     receives (name, line) for every complete new line
     * @param warnings receives a message when lines were lost (files rotated away before they were read)
     */
    public LogFollower(Map<String, Path> files, BiConsumer<String, String> sink, Consumer<String> warnings) {
        this.sink = sink;
        this.warnings = warnings;
        files.forEach((name, path) -> logs.put(name, new Tracked(name, path)));
        logs.values().forEach(Tracked::openAtEnd);
    }

    /** Reads what was written since the last poll, in every log: a file of each in turn, so none waits long. */
    public void poll() {
        boolean more;
        do {
            more = false;
            for (Tracked log : logs.values()) {
                more |= log.step();
            }
        } while (more);
    }

    /** Polls until the deadline (or forever when it is 0), every interval. */
    public void follow(long intervalMs, long untilEpochMs) throws InterruptedException {
        while (untilEpochMs == 0 || System.currentTimeMillis() < untilEpochMs) {
            poll();
            Thread.sleep(intervalMs);
        }
        poll();
    }

    @Override
    public void close() {
        logs.values().forEach(Tracked::close);
    }

    /** One file of a log, open for reading; {@code ordinal} counts the rotations before it was created. */
    private record Piece(FileChannel channel, Object key, long ordinal) {
    }

    /**
     * The files of a log at one moment: keys.get(i) identifies name.log.i (0 = name.log), with no gap,
     * and the rotation count that goes with them.
     */
    private record Chain(List<Object> keys, long rotations) {
        long ordinal(int index) {
            return rotations - index;
        }
    }

    private final class Tracked {
        private final String name;
        private final Path base;
        /** files opened and not finished, oldest first; the first is being read, the last is the newest seen */
        private final Deque<Piece> pieces = new ArrayDeque<>();
        /** bytes of a line not ended yet (decoded only whole, so no character is cut in two) */
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        /** When the live file was first seen shorter than what was read of it, 0 when it was not. */
        private long truncatedAt;

        Tracked(String name, Path base) {
            this.name = name;
            this.base = base;
        }

        void openAtEnd() {
            Chain chain = chain();
            if (chain == null || chain.keys().isEmpty()) {
                return; // not created yet: read from the start once it is
            }
            Piece p = open(0, chain);
            if (p == null) {
                return;
            }
            try {
                p.channel().position(p.channel().size());
                pieces.add(p);
            } catch (IOException e) {
                closeQuietly(p.channel());
            }
        }

        /** Reads the current file to its end; true when it was finished and a newer one waits. */
        boolean step() {
            discover();
            Piece head = pieces.peekFirst();
            if (head == null) {
                return false;
            }
            if (!drain(head)) {
                pieces.removeFirst();
                return !pieces.isEmpty();
            }
            if (pieces.size() == 1) {
                restartIfTruncated(head);
                return false;
            }
            // a newer file was opened after the writer had left this one, and this one was read to its
            // end after that: nothing more can come
            closeQuietly(pieces.removeFirst().channel());
            return true;
        }

        /** Opens, oldest first, every file of the chain newer than the newest one held. */
        private void discover() {
            Chain chain = chain();
            if (chain == null || chain.keys().isEmpty()) {
                return; // a rotation is under way, or there is no file: look again at the next poll
            }
            Piece newest = pieces.peekLast();
            int from;
            if (newest == null) {
                from = chain.keys().size() - 1; // it appeared after following began: all of it is new
            } else {
                int at = chain.keys().indexOf(newest.key());
                if (at == 0) {
                    return;
                }
                if (at > 0) {
                    from = at - 1;
                } else {
                    // even the newest file held was rotated away: what came between it and the oldest left is gone
                    from = chain.keys().size() - 1;
                    long missed = chain.ordinal(from) - newest.ordinal() - 1;
                    if (missed > 0) {
                        warnings.accept(name + ": " + missed + " rotated log file" + (missed == 1 ? " was" : "s were")
                                + " deleted before they could be read, so lines are missing here. Keep more files"
                                + " with -D" + PropertyNames.LOG_KEEP + ", or larger ones with -D" + PropertyNames.LOG_MAX_SIZE + ".");
                    }
                }
            }
            for (int i = from; i >= 0; i--) {
                Piece p = open(i, chain);
                if (p == null) {
                    return; // it moved meanwhile: the next listing finds it
                }
                pieces.addLast(p);
            }
        }

        /** name.log.i, opened only if it is still the file the chain saw there. */
        private Piece open(int index, Chain chain) {
            Path path = file(index);
            Object key = chain.keys().get(index);
            try {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                // files only move to higher numbers: the same key before and after the open is the same file
                if (!key.equals(key(path))) {
                    closeQuietly(channel);
                    return null;
                }
                return new Piece(channel, key, chain.ordinal(index));
            } catch (IOException e) {
                return null;
            }
        }

        /** A consistent listing of the files: two in a row that agree and show no rotation under way. */
        private Chain chain() {
            Chain last = list();
            for (int i = 0; i < LISTING_ATTEMPTS; i++) {
                Chain next = list();
                if (next != null && next.equals(last)) {
                    return next;
                }
                last = next;
                Thread.onSpinWait();
            }
            return null;
        }

        /** One listing; null when a rotation is under way (it leaves one gap until it is done). */
        private Chain list() {
            long rotations = RotatingLog.rotations(base);
            List<Object> keys = new ArrayList<>();
            for (int i = 0; ; i++) {
                Object key = key(file(i));
                if (key == null) {
                    break;
                }
                keys.add(key);
            }
            boolean gap = key(file(keys.size() + 1)) != null;
            boolean twice = new HashSet<>(keys).size() != keys.size();
            return gap || twice ? null : new Chain(keys, rotations);
        }

        private Path file(int index) {
            return index == 0 ? base : base.resolveSibling(base.getFileName() + "." + index);
        }

        /**
         * The live file was emptied: by a rotation that copied it first ({@link LogRotation}: the count went
         * up, the copies hold what was not read yet), or by hand (read again from its start).
         */
        private void restartIfTruncated(Piece live) {
            try {
                long count = RotatingLog.rotations(base);
                // the same file under the name, with no rotation in between (a renaming one changes both)
                if (!live.key().equals(key(base)) || RotatingLog.rotations(base) != count) {
                    return;
                }
                long copies = count - live.ordinal();
                if (copies > 0) {
                    readCopies(live, copies);
                    pieces.removeFirst();
                    pieces.addFirst(new Piece(live.channel(), live.key(), count));
                    live.channel().position(0);
                    drain(live);
                    return;
                }
                if (live.channel().size() < live.channel().position()) {
                    if (truncatedAt == 0) {
                        truncatedAt = System.currentTimeMillis(); // a rotation may be counting it right now
                        return;
                    }
                    if (System.currentTimeMillis() - truncatedAt < TRUNCATION_GRACE_MS) {
                        return;
                    }
                    live.channel().position(0);
                    partial.reset();
                    drain(live);
                }
                truncatedAt = 0;
            } catch (IOException e) {
                // read again at the next poll
            }
        }

        /** What was copied away since the live file was last read: the oldest copy from where reading stopped. */
        private void readCopies(Piece live, long copies) throws IOException {
            truncatedAt = 0;
            long from = live.channel().position();
            for (long j = copies; j >= 1; j--) {
                Path copy = base.resolveSibling(base.getFileName() + "." + j);
                if (!Files.exists(copy)) {
                    warnings.accept(name + ": a rotated log file was deleted before it could be read, so lines are "
                            + "missing here. Keep more files with -D" + PropertyNames.LOG_KEEP + ", or larger ones with -D"
                            + PropertyNames.LOG_MAX_SIZE + ".");
                    from = 0;
                    continue;
                }
                try (FileChannel c = FileChannel.open(copy, StandardOpenOption.READ)) {
                    c.position(Math.min(from, c.size()));
                    drain(new Piece(c, key(copy), 0));
                }
                from = 0;
            }
        }

        /** Hands out the complete lines up to the file's current end; false when the file cannot be read. */
        private boolean drain(Piece piece) {
            try {
                int n;
                while ((n = piece.channel().read(buf.clear())) > 0) {
                    byte[] b = buf.array();
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (b[i] == '\n') {
                            partial.write(b, start, i - start);
                            sink.accept(name, LogFiles.withoutCr(partial.toString(StandardCharsets.UTF_8)));
                            partial.reset();
                            start = i + 1;
                        }
                    }
                    // a line cut by a rotation goes on in the next file
                    partial.write(b, start, n - start);
                }
                return true;
            } catch (IOException e) {
                closeQuietly(piece.channel());
                warnings.accept(name + ": cannot read its log any further (" + e.getMessage() + ").");
                return false;
            }
        }

        void close() {
            pieces.forEach(p -> closeQuietly(p.channel()));
            pieces.clear();
        }
    }

    private static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read channel
        }
    }
}
