package io.gladys.local;

import io.gladys.common.PortProbe;
import io.gladys.local.process.ProcessTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Who listens on a local port: used to tell a port taken by a foreign process from one that is free. */
public final class PortOwner {

    private PortOwner() {
    }

    /** Whether something accepts connections on the port at 127.0.0.1 or ::1 (a service may bind either). */
    public static boolean inUse(int port) {
        return accepts("127.0.0.1", port) || accepts("::1", port);
    }

    private static boolean accepts(String host, int port) {
        return PortProbe.accepts(host, port, 300); // no IPv6 loopback on this machine: false
    }

    /**
     * The pid of the process listening on the port, when the platform tells: /proc on Linux,
     * {@code netstat -ano} on Windows, {@code lsof} elsewhere (macOS).
     */
    public static Optional<Long> listeningPid(int port) {
        if (Files.isReadable(Path.of("/proc/net/tcp"))) {
            return fromProc(port);
        }
        if (ProcessControl.isWindows()) {
            return run(List.of("netstat", "-ano", "-p", "TCP")).flatMap(out -> fromNetstat(out, port))
                    .or(() -> run(List.of("netstat", "-ano", "-p", "TCPv6")).flatMap(out -> fromNetstat(out, port)));
        }
        return run(List.of("lsof", "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-t")).flatMap(PortOwner::fromLsof);
    }

    /** lsof -t prints the pids, one a line. */
    static Optional<Long> fromLsof(String out) {
        return out.lines().map(String::trim).filter(l -> l.matches("\\d+")).map(Long::parseLong).findFirst();
    }

    /**
     * A listening socket in netstat -ano: "TCP 127.0.0.1:5432 0.0.0.0:0 LISTENING 1234". The state word is
     * translated on non-English Windows, so a listener is told by its foreign address (port 0) instead.
     */
    static Optional<Long> fromNetstat(String out, int port) {
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].toUpperCase(Locale.ROOT).startsWith("TCP") && f[1].endsWith(":" + port)
                    && f[2].endsWith(":0") && f[f.length - 1].matches("\\d+")) {
                return Optional.of(Long.parseLong(f[f.length - 1]));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no such tool here: the owner stays unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Long> fromProc(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Optional<String> inode = Optional.empty();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address is field 1, state field 3 (0A = LISTEN), inode field 9
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        inode = Optional.of(f[9]);
                        break;
                    }
                }
            } catch (IOException e) {
                // no such table here
            }
            if (inode.isPresent()) {
                break;
            }
        }
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String socket = "socket:[" + inode.get() + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(p.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (socket.equals(Files.readSymbolicLink(fd).toString())) {
                                return Optional.of(Long.parseLong(p.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // fd closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // not ours to read
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** "pid 123: python -m http.server" or "an unknown process" */
    public static String describe(int port) {
        // another stack of ours is named by its project directory, anything else as a process
        return listeningPid(port).map(pid -> OtherStack.describe(pid).orElseGet(() -> ProcessTable.describe(pid)))
                .orElse("an unknown process");
    }
}
