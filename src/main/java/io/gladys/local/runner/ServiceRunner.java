package io.gladys.local.runner;

import io.gladys.local.ProcessTable;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The supervisor of one local service, run as its own small process (the leader of the service's
 * process group) so that it outlives the Maven run that launched it. It starts the service, keeps
 * its output in a rotating log, records the pids and start times, and records how the service
 * ended. When the service ends, whatever it left behind in the group is ended too.
 *
 * <pre>ServiceRunner --record F --exit F --log F --log-max BYTES --log-keep N --launch-id ID
 *               --stop-signal SIG --stop-timeout-ms MS [--workdir DIR] -- command args...</pre>
 */
public final class ServiceRunner {

    /** Exit code when the command could not be started at all (as shells report it). */
    public static final int CANNOT_RUN = 127;

    private final Path recordFile;
    private final Path exitFile;
    private final RotatingLog log;
    private final String stopSignal;
    private final long stopTimeoutMs;
    private final AtomicBoolean exitWritten = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Process child;
    private volatile Thread pump;

    private ServiceRunner(Path recordFile, Path exitFile, RotatingLog log, String stopSignal, long stopTimeoutMs) {
        this.recordFile = recordFile;
        this.exitFile = exitFile;
        this.log = log;
        this.stopSignal = stopSignal;
        this.stopTimeoutMs = stopTimeoutMs;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        RotatingLog log = new RotatingLog(a.log, a.logMax, a.logKeep);
        ServiceRunner runner = new ServiceRunner(a.record, a.exit, log, a.stopSignal, a.stopTimeoutMs);
        System.exit(runner.run(a));
    }

    private int run(Args a) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        RunRecord record = new RunRecord(self.pid(), ProcessTable.startMillis(self), 0, 0, a.launchId,
                System.currentTimeMillis(), String.join(" ", a.command));
        record.write(recordFile);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onStopRequest, "runner-stop"));

        log.line("--- " + Instant.now() + " starting: " + record.command());
        ProcessBuilder pb = new ProcessBuilder(a.command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (a.workdir != null) {
            pb.directory(a.workdir.toFile());
        }
        try {
            child = pb.start();
        } catch (IOException e) {
            log.line("--- cannot run " + a.command.get(0) + ": " + e.getMessage());
            finish(CANNOT_RUN, false, "cannot run: " + e.getMessage());
            return CANNOT_RUN;
        }
        record.withChild(child.pid(), ProcessTable.startMillis(child.toHandle())).write(recordFile);
        pump = new Thread(() -> copy(child.getInputStream()), "runner-log");
        pump.start();

        int code = waitForChild();
        drainLog();
        endLeftovers();
        finish(code, stopping.get(), stopping.get() ? "stop requested" : null);
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

    /** SIGTERM/SIGINT/SIGHUP to the runner: the group signal normally reached the service too. */
    private void onStopRequest() {
        stopping.set(true);
        Process c = child;
        if (c == null || exitWritten.get()) {
            return;
        }
        try {
            if (!c.waitFor(Math.min(2000, stopTimeoutMs), TimeUnit.MILLISECONDS)) {
                // the runner alone was signalled: pass the stop on to the service
                ProcessTable.signal(c.pid(), stopSignal, false);
            }
            if (!c.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS)) {
                c.destroyForcibly();
                c.waitFor(5, TimeUnit.SECONDS);
            }
            drainLog();
            if (!c.isAlive()) {
                finish(c.exitValue(), true, "stop requested");
            }
        } catch (InterruptedException e) {
            // the JVM is going down anyway
        }
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

    /** The service is gone: end what it spawned into the group, as systemd does with a unit's cgroup. */
    private void endLeftovers() {
        long self = ProcessHandle.current().pid();
        if (ProcessTable.processGroup(self).orElse(-1) != self) {
            return; // not a group leader (no setsid): the group is not ours to clean
        }
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

    private void finish(int code, boolean stopRequested, String reason) {
        if (!exitWritten.compareAndSet(false, true)) {
            return;
        }
        try {
            log.line("--- " + Instant.now() + " exited with code " + code + (stopRequested ? " (stop requested)" : ""));
            new ExitRecord(code, System.currentTimeMillis(), stopRequested, reason).write(exitFile);
            log.close();
        } catch (IOException e) {
            System.err.println("runner: cannot record the exit: " + e.getMessage());
        }
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
                long stopTimeoutMs, Path workdir, List<String> command) {

        static Args parse(String[] args) {
            Path record = null, exit = null, log = null, workdir = null;
            long logMax = 10L * 1024 * 1024, stopTimeout = 10_000;
            int logKeep = 3;
            String launchId = "", stopSignal = "TERM";
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
            return new Args(record, exit, log, logMax, logKeep, launchId, stopSignal, stopTimeout, workdir, command);
        }
    }
}
