package io.gladys.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The operating system's processes, as the supervisor needs them: identity (pid plus start time, so
 * a reused pid never passes for our service), process groups, and signals. Reads /proc on Linux and
 * falls back to ps elsewhere. Has no dependencies: the service runner uses it too.
 */
public final class ProcessTable {

    /** Start times read by two JVMs may differ slightly (the boot time is derived from the clock). */
    private static final long START_TOLERANCE_MS = 2000;

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    /** The process's start time in epoch milliseconds, or -1 when it cannot be read. */
    public static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** The live process with this pid, if it is the one that started at the given time. */
    public static Optional<ProcessHandle> alive(long pid, long startMillis) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty() || isZombie(pid)) {
            return Optional.empty();
        }
        long actual = startMillis(h.get());
        if (startMillis > 0 && actual > 0 && Math.abs(actual - startMillis) > START_TOLERANCE_MS) {
            return Optional.empty(); // the pid now belongs to another process
        }
        return h;
    }

    /**
     * Whether the process of a handle still runs and is not a zombie. The handle knows the start time of
     * the process it was made for and checks it, so a reused pid does not pass.
     */
    public static boolean alive(ProcessHandle h) {
        return h.isAlive() && !isZombie(h.pid());
    }

    /** The process group of a pid. */
    public static OptionalLong processGroup(long pid) {
        String stat = stat(pid);
        if (stat != null) {
            String[] f = afterComm(stat);
            if (f != null && f.length > 2) {
                return OptionalLong.of(Long.parseLong(f[2]));
            }
            return OptionalLong.empty();
        }
        if (Files.isDirectory(PROC)) {
            return OptionalLong.empty();
        }
        String out = run(List.of("ps", "-o", "pgid=", "-p", String.valueOf(pid)));
        try {
            return out == null || out.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(out.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Live (non-zombie) members of a process group. */
    public static List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        if (Files.isDirectory(PROC)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
                for (Path d : dirs) {
                    long pid = Long.parseLong(d.getFileName().toString());
                    String stat = stat(pid);
                    String[] f = stat == null ? null : afterComm(stat);
                    if (f != null && f.length > 2 && !"Z".equals(f[0]) && Long.parseLong(f[2]) == pgid) {
                        members.add(pid);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // a process that vanished while we read: skip it
            }
            return members;
        }
        String out = run(List.of("ps", "-A", "-o", "pid=,pgid=,stat="));
        if (out != null) {
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[1].equals(String.valueOf(pgid)) && !f[2].startsWith("Z")) {
                    members.add(Long.parseLong(f[0]));
                }
            }
        }
        return members;
    }

    /** Sends a signal (TERM, INT, KILL, ...) to a process, or to a whole process group. */
    public static boolean signal(long pid, String signal, boolean group) {
        // "--" only before a group (a negative number); BSD kill on macOS takes a plain pid without it
        List<String> cmd = group ? List.of("kill", "-s", signal, "--", "-" + pid)
                : List.of("kill", "-s", signal, String.valueOf(pid));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            // no kill command: the JDK can still send TERM and KILL to single processes
            return ProcessHandle.of(pid).map(h -> "KILL".equals(signal) ? h.destroyForcibly() : h.destroy())
                    .orElse(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends a signal to one process known by its handle. TERM and KILL go through the JDK, which checks
     * the process's start time (a reused pid is never hit) and needs no external tool; other signals
     * through kill. On Windows both TERM and KILL end the process at once.
     */
    public static boolean signal(ProcessHandle h, String signal) {
        if (!h.isAlive()) {
            return false;
        }
        return switch (signal) {
            case "TERM" -> h.destroy();
            case "KILL" -> h.destroyForcibly();
            default -> signal(h.pid(), signal, false);
        };
    }

    /** The command line of a process, for messages about processes that are not ours. */
    public static String describe(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return "pid " + pid;
        }
        String cmd = h.get().info().commandLine().orElseGet(() -> h.get().info().command().orElse("?"));
        if (cmd.length() > 120) {
            cmd = cmd.substring(0, 117) + "...";
        }
        return "pid " + pid + ": " + cmd;
    }

    private static boolean isZombie(long pid) {
        String stat = stat(pid);
        String[] f = stat == null ? null : afterComm(stat);
        return f != null && f.length > 0 && "Z".equals(f[0]);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Fields after "pid (comm)": state, ppid, pgrp, ... (comm may contain spaces and parentheses). */
    private static String[] afterComm(String stat) {
        int close = stat.lastIndexOf(')');
        return close < 0 ? null : stat.substring(close + 1).trim().split("\\s+");
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
