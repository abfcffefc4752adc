package io.gladys.local;

import io.gladys.local.runner.RunRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a process is a service of another stack the plugin runs (another checkout, another build):
 * its runner, found among its ancestors by the record file on its command line, and that record, in
 * the other project's state directory, naming that runner.
 */
public final class OtherStack {

    private static final int ANCESTORS = 4;

    private OtherStack() {
    }

    /** "service orchestrator of the GLADyS stack in /work/other, whose state is /work/other/.gladys", when it is one. */
    public static Optional<String> describe(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        for (int i = 0; i <= ANCESTORS && p.isPresent(); i++) {
            ProcessHandle h = p.get();
            Optional<String> found = arguments(h).flatMap(OtherStack::recordFile)
                    .flatMap(record -> RunRecord.read(record)
                            .filter(r -> r.runnerPid() == h.pid())
                            .map(r -> describe(record)));
            if (found.isPresent()) {
                return found;
            }
            p = h.parent();
        }
        return Optional.empty();
    }

    /** The process's arguments: /proc's whole command line on Linux (the JDK's may be cut short), else the JDK's. */
    private static Optional<List<String>> arguments(ProcessHandle h) {
        Path cmdline = Path.of("/proc", String.valueOf(h.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return Optional.of(List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                        .split("\u0000")));
            }
        } catch (IOException e) {
            // the process ended: fall back to what the JDK knows
        }
        return h.info().arguments().map(List::of);
    }

    private static Optional<Path> recordFile(List<String> args) {
        int i = args.indexOf("--record");
        return i >= 0 && i + 1 < args.size() ? Optional.of(Path.of(args.get(i + 1))) : Optional.empty();
    }

    private static String describe(Path record) {
        Path state = StateDirectory.of(record).root();
        return "service " + StateDirectory.serviceOf(record) + " of the GLADyS stack in " + state.getParent()
                + ", whose state is " + state;
    }
}
