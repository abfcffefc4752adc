package io.gladys.local;

import io.gladys.local.state.StateDirectory;

import io.gladys.local.state.RunRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a process is a service of another stack the plugin runs (another checkout, another build):
 * its stack agent, found among its ancestors by the state directory on its command line, and a record
 * in that state directory naming that agent and the ancestor just below it as one of its services.
 */
public final class OtherStack {

    private static final int ANCESTORS = 4;

    private OtherStack() {
    }

    /** "service orchestrator of the GLADyS stack in /work/other, whose state is /work/other/.gladys", when it is one. */
    public static Optional<String> describe(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        ProcessHandle below = null;
        for (int i = 0; i <= ANCESTORS && p.isPresent(); i++) {
            ProcessHandle h = p.get();
            if (below != null) {
                long service = below.pid();
                Optional<String> found = arguments(h).flatMap(OtherStack::stateDirectory)
                        .flatMap(state -> serviceOf(state, h.pid(), service));
                if (found.isPresent()) {
                    return found;
                }
            }
            below = h;
            p = h.parent();
        }
        return Optional.empty();
    }

    /** The service of that state directory whose record names this agent and this process. */
    private static Optional<String> serviceOf(StateDirectory state, long agent, long child) {
        try (var records = Files.newDirectoryStream(state.services(), "*.record")) {
            for (Path record : records) {
                Optional<RunRecord> r = RunRecord.read(record);
                if (r.isPresent() && r.get().agentPid() == agent && r.get().childPid() == child) {
                    return Optional.of(describe(record));
                }
            }
        } catch (IOException e) {
            // not readable: not ours to name
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

    private static Optional<StateDirectory> stateDirectory(List<String> args) {
        int i = args.indexOf("--state");
        return i >= 0 && i + 1 < args.size() && args.stream().anyMatch(a -> a.endsWith("StackAgent"))
                ? Optional.of(new StateDirectory(Path.of(args.get(i + 1)))) : Optional.empty();
    }

    private static String describe(Path record) {
        Path state = StateDirectory.of(record).root();
        return "service " + StateDirectory.serviceOf(record) + " of the GLADyS stack in " + state.getParent()
                + ", whose state is " + state;
    }
}
