package io.gladys.local.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How a service process ended: its exit code (128 + signal when a signal ended it; {@link #UNKNOWN}
 * for a service the agent adopted, which is not its child), when, and whether it ended because it was
 * asked to stop. Written by the stack agent as the service ends.
 */
public record ExitRecord(int exitCode, long endedAt, boolean stopRequested, String reason) {

    /** The exit code of a process that is not the agent's child: the operating system tells only its parent. */
    public static final int UNKNOWN = -1;

    /** The exit code, or null when it could not be read. */
    public Integer code() {
        return exitCode == UNKNOWN ? null : exitCode;
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("exit.code", String.valueOf(exitCode));
        p.setProperty("ended.at", String.valueOf(endedAt));
        p.setProperty("stop.requested", String.valueOf(stopRequested));
        p.setProperty("reason", reason == null ? "" : reason);
        RunRecord.writeAtomically(file, p);
    }

    public static Optional<ExitRecord> read(Path file) {
        Properties p = RunRecord.load(file);
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExitRecord(Integer.parseInt(p.getProperty("exit.code")),
                    Long.parseLong(p.getProperty("ended.at", "0")),
                    Boolean.parseBoolean(p.getProperty("stop.requested", "false")),
                    p.getProperty("reason", "")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
