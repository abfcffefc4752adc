package io.gladys.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Follows several log files at once, like {@code tail -F}: new lines are handed out as they are
 * written, each with the name of its log. A rotated file is read to its end before the new one is
 * opened, so no line is lost to rotation.
 */
public final class LogFollower implements AutoCloseable {

    private final Map<String, Tracked> logs = new LinkedHashMap<>();
    private final BiConsumer<String, String> sink;

    /**
     * @param files the logs, by name; each is followed from its current end
     * @param sink  receives (name, line) for every complete new line
     */
    public LogFollower(Map<String, Path> files, BiConsumer<String, String> sink) {
        this.sink = sink;
        files.forEach((name, path) -> logs.put(name, new Tracked(name, path)));
        logs.values().forEach(Tracked::openAtEnd);
    }

    /** Reads what was written since the last poll, in every log. */
    public void poll() {
        logs.values().forEach(Tracked::poll);
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

    private final class Tracked {
        private final String name;
        private final Path path;
        private FileChannel channel;
        private Object fileKey;
        /** bytes of a line not ended yet (decoded only whole, so no character is cut in two) */
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);

        Tracked(String name, Path path) {
            this.name = name;
            this.path = path;
        }

        void openAtEnd() {
            if (open()) {
                try {
                    channel.position(channel.size());
                } catch (IOException e) {
                    close();
                }
            }
        }

        private boolean open() {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
                fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                return true;
            } catch (NoSuchFileException e) {
                channel = null;
                return false;
            } catch (IOException e) {
                channel = null;
                return false;
            }
        }

        void poll() {
            if (channel == null) {
                if (!open()) {
                    return; // not created yet: read it from its start once it is
                }
            }
            drain();
            Object current = currentKey();
            boolean replaced = current != null && !Objects.equals(current, fileKey);
            boolean truncated = false;
            try {
                truncated = !replaced && channel.size() < channel.position();
            } catch (IOException e) {
                replaced = true;
            }
            if (replaced) {
                // rotated: our channel still reads the old file, now renamed; it was drained above
                close();
                if (open()) {
                    drain();
                }
            } else if (truncated) {
                try {
                    channel.position(0);
                } catch (IOException e) {
                    close();
                }
                drain();
            }
        }

        private Object currentKey() {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        private void drain() {
            try {
                int n;
                while ((n = channel.read(buf.clear())) > 0) {
                    byte[] b = buf.array();
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (b[i] == '\n') {
                            partial.write(b, start, i - start);
                            sink.accept(name, partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                            start = i + 1;
                        }
                    }
                    partial.write(b, start, n - start);
                }
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a read channel
                }
                channel = null;
            }
        }
    }
}
