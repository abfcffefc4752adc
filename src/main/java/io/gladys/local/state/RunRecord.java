package io.gladys.local.state;

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
 * What the stack agent writes about one service it supervises: the agent's own pid and start time, and
 * those of the service process (the identity the plugin checks before it ever signals anything), how
 * often it restarted the service, and whether it adopted it from an agent that died (then the service
 * is not its child and its exit code cannot be read). Written by the agent as it launches.
 */
public record RunRecord(long agentPid, long agentStart, long childPid, long childStart, String launchId,
                        long launchedAt, String command, int restarts, boolean adopted) {

    public RunRecord withChild(long pid, long start) {
        return new RunRecord(agentPid, agentStart, pid, start, launchId, launchedAt, command, restarts, adopted);
    }

    /** The same service under another agent (one that adopted it). */
    public RunRecord adoptedBy(long pid, long start) {
        return new RunRecord(pid, start, childPid, childStart, launchId, launchedAt, command, restarts, true);
    }

    public boolean hasChild() {
        return childPid > 0;
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("agent.pid", String.valueOf(agentPid));
        p.setProperty("agent.start", String.valueOf(agentStart));
        p.setProperty("child.pid", String.valueOf(childPid));
        p.setProperty("child.start", String.valueOf(childStart));
        p.setProperty("launch.id", launchId);
        p.setProperty("launched.at", String.valueOf(launchedAt));
        p.setProperty("command", command);
        p.setProperty("restarts", String.valueOf(restarts));
        p.setProperty("adopted", String.valueOf(adopted));
        writeAtomically(file, p);
    }

    public static Optional<RunRecord> read(Path file) {
        Properties p = load(file);
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunRecord(
                    Long.parseLong(p.getProperty("agent.pid")),
                    Long.parseLong(p.getProperty("agent.start")),
                    Long.parseLong(p.getProperty("child.pid", "0")),
                    Long.parseLong(p.getProperty("child.start", "0")),
                    p.getProperty("launch.id", ""),
                    Long.parseLong(p.getProperty("launched.at", "0")),
                    p.getProperty("command", ""),
                    Integer.parseInt(p.getProperty("restarts", "0")),
                    Boolean.parseBoolean(p.getProperty("adopted", "false"))));
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged record is no record: never trusted
        }
    }

    public static Properties load(Path file) {
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
    public static void writeAtomically(Path file, Properties p) throws IOException {
        AtomicWrite.write(file, out -> p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null));
    }
}
