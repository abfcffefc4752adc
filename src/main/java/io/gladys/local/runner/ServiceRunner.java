package io.gladys.local.runner;

import io.gladys.common.AtomicWrite;
import io.gladys.local.process.ProcessTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The supervisor of one local service, run as its own small process so that it outlives the Maven
 * run that launched it. It starts the service, keeps its output in a rotating log, records the
 * pids and start times, and records how the service ended. When the service ends, whatever it left
 * behind is ended too: the rest of the process group the runner leads ({@code --control groups}),
 * or the service's descendants the runner saw while the service lived ({@code --control portable}:
 * a process whose parent died is no longer anyone's descendant, so the tree is collected as it grows).
 *
 * <pre>ServiceRunner --record F --exit F --log F --log-max BYTES --log-keep N --launch-id ID
 *               --stop-signal SIG --stop-timeout-ms MS [--control groups|portable] [--stop-request F]
 *               [--workdir DIR] [--after-exit-move SRC DST]
 *               -- command args...</pre>
 *
 * {@code --after-exit-move} moves a file the service writes as it exits (a JVM's class-data archive)
 * to its final name, at once (a rename: no reader sees it half there), once the service ended in order;
 * after a kill or a crash it is deleted. The runner does this, not the next launch, because only the
 * runner sees how the service ended, and a stop waits for its exit record, which is written after.
 */
public final class ServiceRunner {

    /** Exit code when the command could not be started at all (as shells report it). */
    public static final int CANNOT_RUN = 127;

    private final Path recordFile;
    private final Path exitFile;
    private final Path stopRequest;
    private final RotatingLog log;
    private final String stopSignal;
    private final long stopTimeoutMs;
    private final Path moveFrom;
    private final Path moveTo;
    private final AtomicBoolean exitWritten = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** The service's descendants seen so far, by pid, with their start times (portable control). */
    private final Map<Long, Long> tree = new ConcurrentHashMap<>();
    private volatile boolean groupLeader;
    private volatile Process child;
    private volatile Thread pump;

    private ServiceRunner(Path recordFile, Path exitFile, Path stopRequest, RotatingLog log, String stopSignal,
                          long stopTimeoutMs, Path moveFrom, Path moveTo) {
        this.moveFrom = moveFrom;
        this.moveTo = moveTo;
        this.recordFile = recordFile;
        this.exitFile = exitFile;
        this.stopRequest = stopRequest;
        this.log = log;
        this.stopSignal = stopSignal;
        this.stopTimeoutMs = stopTimeoutMs;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        RotatingLog log = new RotatingLog(a.log, a.logMax, a.logKeep);
        ServiceRunner runner = new ServiceRunner(a.record, a.exit, a.stopRequest, log, a.stopSignal, a.stopTimeoutMs,
                a.moveFrom, a.moveTo);
        System.exit(runner.run(a));
    }

    private int run(Args a) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        RunRecord record = new RunRecord(self.pid(), ProcessTable.startMillis(self), 0, 0, a.launchId,
                System.currentTimeMillis(), String.join(" ", a.command));
        record.write(recordFile);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onStopRequest, "runner-stop"));
        survive(stopSignal);

        log.line("--- " + Instant.now() + " [" + a.control + "] starting: " + record.command());
        groupLeader = "groups".equals(a.control)
                && ProcessTable.processGroup(self.pid()).orElse(-1) == self.pid();
        ProcessBuilder pb = new ProcessBuilder(a.command).redirectErrorStream(true);
        if (a.workdir != null) {
            pb.directory(a.workdir.toFile());
        }
        try {
            child = pb.start();
            child.getOutputStream().close(); // no input: an empty stdin on every platform
        } catch (IOException e) {
            log.line("--- cannot run " + a.command.get(0) + ": " + e.getMessage());
            finish(CANNOT_RUN, false, "cannot run: " + e.getMessage());
            return CANNOT_RUN;
        }
        record.withChild(child.pid(), ProcessTable.startMillis(child.toHandle())).write(recordFile);
        pump = new Thread(() -> copy(child.getInputStream()), "runner-log");
        pump.start();
        if (!groupLeader) {
            Thread watcher = new Thread(this::collectTree, "runner-tree");
            watcher.setDaemon(true);
            watcher.start();
        }

        int code = waitForChild();
        drainLog();
        endLeftovers();
        boolean asked = stopping.get() || stopRequest != null && Files.exists(stopRequest);
        finish(code, asked, asked ? "stop requested" : null);
        return code;
    }

    private int waitForChild() {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the service decides when it ends
            }
        }
    }

    /**
     * A stop signal the JVM does not turn into a shutdown (USR1, QUIT, ...) would end the runner by its
     * default action, or be lost, before the runner records how the service ended. The stop reaches the
     * service itself (the group signal, or the tree's signals), so the runner only notes that it was asked.
     */
    private void survive(String signal) throws IOException {
        if (java.util.Set.of("TERM", "INT", "HUP", "KILL").contains(signal)) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopping.set(true));
        } catch (IllegalArgumentException e) {
            log.line("--- the runner cannot catch SIG" + signal + " (" + e.getMessage() + "): a stop with it may end "
                    + "the runner before it records the service's exit");
        }
    }

    /** SIGTERM/SIGINT/SIGHUP to the runner: the group signal normally reached the service too. */
    private void onStopRequest() {
        stopping.set(true);
        Process c = child;
        if (c == null || recorded()) {
            return;
        }
        try {
            if (!c.waitFor(Math.min(2000, stopTimeoutMs), TimeUnit.MILLISECONDS)) {
                // the runner alone was signalled: pass the stop on to the service
                ProcessTable.signal(c.toHandle(), stopSignal);
            }
            if (!c.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS)) {
                c.destroyForcibly();
                c.waitFor(5, TimeUnit.SECONDS);
            }
            drainLog();
            endLeftovers();
            if (!c.isAlive()) {
                finish(c.exitValue(), true, "stop requested");
            }
        } catch (InterruptedException e) {
            // the JVM is going down anyway
        }
    }

    /** Whether the exit is recorded; waits while another thread is writing it. */
    private synchronized boolean recorded() {
        return exitWritten.get();
    }

    private void drainLog() {
        Thread t = pump;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Notes the service's descendants while it lives, so they can be ended once it is gone, and writes them
     * beside the record ({@link #treeFile}) whenever one is added: what the runner will end is on record.
     */
    private void collectTree() {
        Process c = child;
        while (c.isAlive()) {
            boolean added = c.descendants()
                    .map(d -> tree.putIfAbsent(d.pid(), ProcessTable.startMillis(d)) == null)
                    .reduce(false, Boolean::logicalOr);
            if (added) {
                writeTree();
            }
            sleep(250);
        }
    }

    /** The descendants seen so far, "pid start" per line, beside the record (NAME.tree). */
    static Path treeFile(Path recordFile) {
        String name = recordFile.getFileName().toString();
        return recordFile.resolveSibling((name.endsWith(".record") ? name.substring(0, name.length() - 7) : name)
                + ".tree");
    }

    private void writeTree() {
        StringBuilder b = new StringBuilder();
        tree.forEach((pid, start) -> b.append(pid).append(' ').append(start).append('\n'));
        try {
            AtomicWrite.writeString(treeFile(recordFile), b.toString());
        } catch (IOException e) {
            System.err.println("runner: cannot write " + treeFile(recordFile) + ": " + e.getMessage());
        }
    }

    /** The service is gone: end what it spawned, as systemd does with a unit's cgroup. */
    private void endLeftovers() {
        if (!groupLeader) {
            endTree();
            return;
        }
        long self = ProcessHandle.current().pid();
        List<Long> left = new ArrayList<>(ProcessTable.groupMembers(self));
        left.remove(self);
        if (left.isEmpty()) {
            return;
        }
        left.forEach(pid -> ProcessTable.signal(pid, "TERM", false));
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            List<Long> still = new ArrayList<>(ProcessTable.groupMembers(self));
            still.remove(self);
            if (still.isEmpty()) {
                return;
            }
            sleep(100);
        }
        List<Long> still = new ArrayList<>(ProcessTable.groupMembers(self));
        still.remove(self);
        still.forEach(pid -> ProcessTable.signal(pid, "KILL", false));
    }

    /** Ends the descendants the service left (the ones still the processes that were seen): TERM, then KILL. */
    private void endTree() {
        Process c = child;
        if (c != null) {
            c.descendants().forEach(d -> tree.putIfAbsent(d.pid(), ProcessTable.startMillis(d)));
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

    /**
     * Records the exit once. Synchronized: when the stop hook and the main thread both get here, the one
     * that loses waits until the record is written (the JVM halts once the hook returns).
     */
    private synchronized void finish(int code, boolean stopRequested, String reason) {
        if (!exitWritten.compareAndSet(false, true)) {
            return;
        }
        moveAfterExit(code);
        try {
            log.line("--- " + Instant.now() + " exited with code " + code + (stopRequested ? " (stop requested)" : ""));
            new ExitRecord(code, System.currentTimeMillis(), stopRequested, reason).write(exitFile);
            log.close();
        } catch (IOException e) {
            System.err.println("runner: cannot record the exit: " + e.getMessage());
        }
    }

    private void moveAfterExit(int code) {
        if (moveFrom == null || !Files.exists(moveFrom)) {
            return;
        }
        try {
            if (endedInOrder(code)) {
                AtomicWrite.replace(moveFrom, moveTo);
            } else {
                Files.delete(moveFrom);
            }
        } catch (IOException e) {
            System.err.println("runner: cannot move " + moveFrom + " to " + moveTo + ": " + e.getMessage());
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

    private void copy(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                log.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the service closed its output
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Command-line arguments of the runner. */
    record Args(Path record, Path exit, Path log, long logMax, int logKeep, String launchId, String stopSignal,
                long stopTimeoutMs, String control, Path stopRequest, Path workdir, Path moveFrom, Path moveTo,
                List<String> command) {

        static Args parse(String[] args) {
            Path record = null, exit = null, log = null, workdir = null, stopRequest = null, moveFrom = null,
                    moveTo = null;
            long logMax = 10L * 1024 * 1024, stopTimeout = 10_000;
            int logKeep = 3;
            String launchId = "", stopSignal = "TERM", control = "groups";
            int i = 0;
            for (; i < args.length && !args[i].equals("--"); i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--record" -> record = Path.of(v);
                    case "--exit" -> exit = Path.of(v);
                    case "--log" -> log = Path.of(v);
                    case "--log-max" -> logMax = Long.parseLong(v);
                    case "--log-keep" -> logKeep = Integer.parseInt(v);
                    case "--launch-id" -> launchId = v;
                    case "--stop-signal" -> stopSignal = v;
                    case "--stop-timeout-ms" -> stopTimeout = Long.parseLong(v);
                    case "--workdir" -> workdir = Path.of(v);
                    case "--control" -> control = v;
                    case "--stop-request" -> stopRequest = Path.of(v);
                    case "--after-exit-move" -> {
                        moveFrom = Path.of(v);
                        moveTo = Path.of(args[++i + 1]);
                    }
                    default -> throw new IllegalArgumentException("unknown runner option " + args[i]);
                }
            }
            List<String> command = new ArrayList<>();
            for (i = i + 1; i < args.length; i++) {
                command.add(args[i]);
            }
            if (record == null || exit == null || log == null || command.isEmpty()) {
                throw new IllegalArgumentException("usage: ServiceRunner --record F --exit F --log F ... -- command");
            }
            return new Args(record, exit, log, logMax, logKeep, launchId, stopSignal, stopTimeout, control, stopRequest,
                    workdir, moveFrom, moveTo, command);
        }
    }
}
