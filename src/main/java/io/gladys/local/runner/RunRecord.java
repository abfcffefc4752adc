package io.gladys.local.runner;

import io.gladys.common.AtomicWrite;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the runner of one service writes about itself: its own pid and start time (the identity the
 * plugin checks before it ever signals anything), and those of the service process it started.
 * Written by the runner, so a Maven JVM killed right after launching leaves nothing untracked.
 */
public record RunRecord(long runnerPid, long runnerStart, long childPid, long childStart, String launchId,
                        long launchedAt, String command) {

    public RunRecord withChild(long pid, long start) {
        return new RunRecord(runnerPid, runnerStart, pid, start, launchId, launchedAt, command);
    }

    public boolean hasChild() {
        return childPid > 0;
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("runner.pid", String.valueOf(runnerPid));
        p.setProperty("runner.start", String.valueOf(runnerStart));
        p.setProperty("child.pid", String.valueOf(childPid));
        p.setProperty("child.start", String.valueOf(childStart));
        p.setProperty("launch.id", launchId);
        p.setProperty("launched.at", String.valueOf(launchedAt));
        p.setProperty("command", command);
        writeAtomically(file, p);
    }

    public static Optional<RunRecord> read(Path file) {
        Properties p = load(file);
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunRecord(
                    Long.parseLong(p.getProperty("runner.pid")),
                    Long.parseLong(p.getProperty("runner.start")),
                    Long.parseLong(p.getProperty("child.pid", "0")),
                    Long.parseLong(p.getProperty("child.start", "0")),
                    p.getProperty("launch.id", ""),
                    Long.parseLong(p.getProperty("launched.at", "0")),
                    p.getProperty("command", "")));
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged record is no record: never trusted
        }
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return p;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Written whole: a reader never sees half a record. */
    static void writeAtomically(Path file, Properties p) throws IOException {
        AtomicWrite.write(file, out -> p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null));
    }
}
