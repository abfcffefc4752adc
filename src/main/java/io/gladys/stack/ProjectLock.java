package io.gladys.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The lock that serialises the goals of one project that change its stack, across Maven processes: a
 * file lock on {@code <state directory>/lock}, which also says who holds it ("pid 4711 (gladys)"), and a
 * semaphore for the goals of one Maven process (file locks are per process).
 */
public final class ProjectLock {

    /** One holder per state directory within this JVM; the file lock covers other processes. */
    private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;
    private final String purpose;

    /**
     * @param stateDir the project's state directory (created when missing)
     * @param purpose  what the holder says it is ("gladys", "gladys docker")
     */
    public ProjectLock(Path stateDir, String purpose) {
        this.dir = stateDir.toAbsolutePath().normalize();
        this.purpose = purpose;
    }

    /** Takes the lock, waiting for whoever holds it (and saying so once, to {@code waiting}). */
    public StackLock lock(Consumer<String> waiting) {
        return acquire(waiting, true).orElseThrow();
    }

    /** Takes the lock only if nobody holds it. */
    public Optional<StackLock> tryLock() {
        return acquire(s -> { }, false);
    }

    private Optional<StackLock> acquire(Consumer<String> waiting, boolean block) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("Cannot create the state directory " + dir + ": " + e.getMessage(), e);
        }
        Semaphore local = IN_PROCESS.computeIfAbsent(dir, r -> new Semaphore(1));
        try {
            if (!local.tryAcquire()) {
                if (!block) {
                    return Optional.empty();
                }
                waiting.accept("another goal in this Maven process");
                local.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the lock on " + dir);
        }
        Path file = dir.resolve("lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                if (!block) {
                    ch.close();
                    local.release();
                    return Optional.empty();
                }
                waiting.accept(holder(ch));
                lock = ch.lock();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " (" + purpose + ")\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            FileChannel channel = ch;
            FileLock held = lock;
            return Optional.of(() -> {
                try {
                    held.release();
                    channel.close();
                } catch (IOException e) {
                    // closing the channel releases the lock in any case
                } finally {
                    local.release();
                }
            });
        } catch (IOException e) {
            local.release();
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new StackException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            int n = ch.read(b, 0);
            String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "another process" : s;
        } catch (IOException e) {
            return "another process";
        }
    }
}
