package io.gladys.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false; // nothing there, or no IPv6 loopback on this machine
        }
    }

    /** The pid of the process listening on the port, when the process table tells (Linux). */
    public static Optional<Long> listeningPid(int port) {
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
        return listeningPid(port).map(ProcessTable::describe).orElse("an unknown process");
    }
}
