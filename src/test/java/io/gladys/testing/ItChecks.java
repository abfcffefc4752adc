package io.gladys.testing;

import io.gladys.local.PortOwner;
import io.gladys.local.ProcessTable;
import io.gladys.local.runner.RunRecord;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Used by the integration tests' verify scripts (src/it): what a build left behind, and a last clean-up. */
public final class ItChecks {

    private ItChecks() {
    }

    public static boolean portInUse(int port) {
        return PortOwner.inUse(port);
    }

    /** Processes still alive in the groups that a state directory records. */
    public static List<Long> survivors(Path stateDir) {
        List<Long> alive = new ArrayList<>();
        for (RunRecord r : records(stateDir)) {
            alive.addAll(ProcessTable.groupMembers(r.runnerPid()));
        }
        return alive;
    }

    /** Kills every process group a state directory records: a failed test leaves nothing running. */
    public static void killLeftovers(Path stateDir) {
        for (RunRecord r : records(stateDir)) {
            ProcessTable.signal(r.runnerPid(), "KILL", true);
        }
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static List<RunRecord> records(Path stateDir) {
        List<RunRecord> out = new ArrayList<>();
        Path dir = stateDir.resolve("services");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.record")) {
            for (Path f : files) {
                RunRecord.read(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
