package io.gladys.local.agent;

import io.gladys.local.process.Setsid;

import io.gladys.common.AtomicWrite;
import io.gladys.local.process.ProcessTable;
import io.gladys.local.state.ExitRecord;
import io.gladys.local.state.RunRecord;
import io.gladys.local.state.StateDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One service under the agent: launched as the agent's child (the leader of its own process group
 * under the groups control), or adopted from an agent that died (then only watched). When it ends,
 * whatever it left behind is ended too (the rest of its group, or the descendants seen while it lived),
 * its exit is recorded, and its restart policy decides whether it runs again.
 */
final class SupervisedService {

    /** Exit code when the command could not be started at all (as shells report it). */
    static final int CANNOT_RUN = 127;

    private final StateDirectory state;
    private final LaunchSpec spec;
    private final boolean groups;
    private final ProcessHandle agent;
    private final Consumer<SupervisedService> ended;
    /** The service's descendants seen so far, by pid, with their start times (portable control). */
    private final Map<Long, Long> tree = new ConcurrentHashMap<>();
    private volatile ProcessHandle child;
    private volatile int restarts;
    private volatile boolean adopted;
    private volatile String phase = "starting";
    private volatile long launchedAt;

    SupervisedService(StateDirectory state, LaunchSpec spec, boolean groups, Consumer<SupervisedService> ended) {
        this.state = state;
        this.spec = spec;
        this.groups = groups;
        this.agent = ProcessHandle.current();
        this.ended = ended;
    }

    String name() {
        return spec.service();
    }

    LaunchSpec spec() {
        return spec;
    }

    Optional<ProcessHandle> child() {
        return Optional.ofNullable(child);
    }

    int restarts() {
        return restarts;
    }

    String phase() {
        return phase;
    }

    boolean adopted() {
        return adopted;
    }

    /** When the current process was launched (0 for an adopted one). */
    long launchedAt() {
        return launchedAt;
    }

    /** Launches the service and starts watching it; the record is written before this returns. */
    void launch() throws IOException {
        spec.write(state.launchFile(name()));
        start();
    }

    /** Watches a service launched by an agent that died: the same process, now supervised here. */
    void adopt(RunRecord r, ProcessHandle h) throws IOException {
        adopted = true;
        restarts = r.restarts();
        child = h;
        r.adoptedBy(agent.pid(), ProcessTable.startMillis(agent)).write(state.recordFile(name()));
        logLine("--- " + Instant.now() + " adopted by agent " + agent.pid() + " (the agent before it is gone)");
        phase = "running";
        Thread t = new Thread(() -> {
            h.onExit().join();
            finished(ExitRecord.UNKNOWN);
        }, "watch-" + name());
        t.setDaemon(true);
        t.start();
    }

    private void start() throws IOException {
        Files.deleteIfExists(state.exitFile(name()));
        List<String> cmd = new ArrayList<>();
        if (groups) {
            cmd.add(io.gladys.local.process.Setsid.PATH); // the service leads its own group: a stop reaches all of it
        }
        cmd.addAll(spec.command());
        logLine("--- " + Instant.now() + " [" + (groups ? "groups" : "portable") + "] starting"
                + (restarts > 0 ? " (restart " + restarts + " of " + spec.restart().maxRestarts() + ")" : "")
                + ": " + String.join(" ", spec.command()));
        Path log = state.logFile(name());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.workDir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        RunRecord record = new RunRecord(agent.pid(), ProcessTable.startMillis(agent), 0, 0, spec.launchId(),
                System.currentTimeMillis(), String.join(" ", spec.command()), restarts, false);
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close(); // no input: an empty stdin on every platform
        } catch (IOException e) {
            record.write(state.recordFile(name()));
            logLine("--- cannot run " + spec.command().get(0) + ": " + e.getMessage());
            record(CANNOT_RUN, false, "cannot run: " + e.getMessage());
            phase = "ended";
            ended.accept(this);
            return;
        }
        child = p.toHandle();
        launchedAt = System.currentTimeMillis();
        tree.clear();
        record.withChild(p.pid(), ProcessTable.startMillis(p.toHandle())).write(state.recordFile(name()));
        phase = "running";
        Thread t = new Thread(() -> finished(waitFor(p)), "watch-" + name());
        t.setDaemon(true);
        t.start();
    }

    private static int waitFor(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the service decides when it ends
            }
        }
    }

    /** The service ended: clean up after it, record how, and restart it when its policy says so. */
    private void finished(int code) {
        endLeftovers();
        boolean asked = stopAsked();
        moveAfterExit(code, asked);
        String codeText = code == ExitRecord.UNKNOWN ? "an exit code that cannot be read (adopted)" : "code " + code;
        logLine("--- " + Instant.now() + " exited with " + codeText + (asked ? " (stop requested)" : ""));
        if (!asked && spec.restart().restarts(code, restarts)) {
            int next = restarts + 1;
            long delay = io.gladys.catalog.RestartPolicy.delay(next).toMillis();
            phase = "restarting";
            record(code, false, "exited with " + codeText + "; restart " + next + " of "
                    + spec.restart().maxRestarts() + " in " + delay + " ms (restart " + spec.restart().mode().id() + ")");
            sleep(delay);
            if (!stopAsked()) {
                restarts = next;
                adopted = false;
                try {
                    start();
                    return;
                } catch (IOException e) {
                    logLine("--- cannot restart: " + e.getMessage());
                }
            }
        } else {
            String why = asked ? "stop requested"
                    : spec.restart().mode() != io.gladys.catalog.RestartPolicy.Mode.NO && code != 0
                    && restarts >= spec.restart().maxRestarts()
                    ? "exited with " + codeText + " after " + restarts + " restart" + (restarts == 1 ? "" : "s")
                    + ": gave up (maxRestarts " + spec.restart().maxRestarts() + ")"
                    : code == ExitRecord.UNKNOWN ? "ended after its agent was replaced: the exit code of an adopted "
                    + "service cannot be read" : null;
            record(code, asked, why);
        }
        phase = "ended";
        ended.accept(this);
    }

    /** A stop was asked for, or the goal forgot this launch (a stop that found it between two runs). */
    private boolean stopAsked() {
        if (Files.exists(state.stopRequestFile(name()))) {
            return true;
        }
        return state.record(name()).map(r -> !r.launchId().equals(spec.launchId())).orElse(true);
    }

    private void record(int code, boolean asked, String reason) {
        try {
            new ExitRecord(code, System.currentTimeMillis(), asked, reason).write(state.exitFile(name()));
        } catch (IOException e) {
            System.err.println("agent: cannot record the exit of " + name() + ": " + e.getMessage());
        }
    }

    /** Adds the descendants of the service seen in one listing of the processes (portable control). */
    void collectTree(Map<Long, List<ProcessHandle>> childrenByParent) {
        ProcessHandle c = child;
        if (groups || c == null || !c.isAlive()) {
            return;
        }
        boolean added = false;
        List<ProcessHandle> todo = new ArrayList<>(childrenByParent.getOrDefault(c.pid(), List.of()));
        while (!todo.isEmpty()) {
            ProcessHandle d = todo.remove(todo.size() - 1);
            added |= tree.putIfAbsent(d.pid(), ProcessTable.startMillis(d)) == null;
            todo.addAll(childrenByParent.getOrDefault(d.pid(), List.of()));
        }
        if (added) {
            StringBuilder b = new StringBuilder();
            tree.forEach((pid, start) -> b.append(pid).append(' ').append(start).append('\n'));
            try {
                AtomicWrite.writeString(state.treeFile(name()), b.toString());
            } catch (IOException e) {
                System.err.println("agent: cannot write " + state.treeFile(name()) + ": " + e.getMessage());
            }
        }
    }

    /** The service is gone: end what it spawned, as systemd does with a unit's cgroup. */
    private void endLeftovers() {
        ProcessHandle c = child;
        if (c == null) {
            return;
        }
        if (groups) {
            List<Long> left = ProcessTable.groupMembers(c.pid());
            if (left.isEmpty()) {
                return;
            }
            ProcessTable.signal(c.pid(), "TERM", true);
            long deadline = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < deadline && !ProcessTable.groupMembers(c.pid()).isEmpty()) {
                sleep(100);
            }
            if (!ProcessTable.groupMembers(c.pid()).isEmpty()) {
                ProcessTable.signal(c.pid(), "KILL", true);
            }
            return;
        }
        List<ProcessHandle> left = new ArrayList<>();
        tree.forEach((pid, start) -> ProcessTable.alive(pid, start).ifPresent(left::add));
        if (left.isEmpty()) {
            return;
        }
        left.forEach(h -> ProcessTable.signal(h, "TERM"));
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline && left.stream().anyMatch(ProcessTable::alive)) {
            sleep(100);
        }
        left.stream().filter(ProcessTable::alive).forEach(h -> ProcessTable.signal(h, "KILL"));
    }

    private void moveAfterExit(int code, boolean asked) {
        Path from = spec.moveFrom();
        if (from == null || !Files.exists(from)) {
            return;
        }
        try {
            if (endedInOrder(code)) {
                AtomicWrite.replace(from, spec.moveTo());
            } else {
                Files.delete(from);
            }
        } catch (IOException e) {
            System.err.println("agent: cannot move " + from + " to " + spec.moveTo() + ": " + e.getMessage());
        }
    }

    /**
     * Ended by itself, or by a signal that a JVM (like most programs) turns into an orderly exit (HUP, INT,
     * TERM: 128 + the signal). A SIGKILL (137, also the stop's escalation) or a crash may have cut short
     * what the service was writing as it ended.
     */
    static boolean endedInOrder(int code) {
        return code >= 0 && code < 128 || code == 129 || code == 130 || code == 143;
    }

    /** A line of the agent's own in the service's log (appended, as the service's own output is). */
    private void logLine(String text) {
        try {
            Files.createDirectories(state.logs());
            Files.writeString(state.logFile(name()), text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("agent: cannot write to the log of " + name() + ": " + e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
