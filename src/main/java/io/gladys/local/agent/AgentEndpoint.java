package io.gladys.local.agent;

import io.gladys.common.Sha256;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the agent of a state directory listens: {@code STATE/agent/agent.sock}, in a directory only its
 * user may enter (0700), the socket itself 0600. A Unix socket's path holds at most 107 bytes; when the
 * state directory is too deep for that, the socket goes to a short private directory under the temporary
 * directory, named after the state directory, and {@code STATE/agent/socket} records where.
 */
public final class AgentEndpoint {

    /** sun_path is 108 bytes with its NUL; keep a margin for the platforms with 104. */
    static final int MAX_PATH_BYTES = 100;
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path stateDir;

    public AgentEndpoint(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
    }

    /** The agent's own directory in the state directory: its record, its errors, usually its socket. */
    public Path directory() {
        return stateDir.resolve("agent");
    }

    /** What the agent writes about itself (pid, start, build, socket). */
    public Path recordFile() {
        return directory().resolve("agent.record");
    }

    /** The agent's own output (its errors), kept for messages. */
    public Path errorsFile() {
        return directory().resolve("agent.err");
    }

    /** Where the socket is recorded when it is not in {@link #directory()}. */
    Path pointerFile() {
        return directory().resolve("socket");
    }

    /** The socket's path: in the state directory, or the short one when that path is too long. */
    public Path socket() {
        Path inState = directory().resolve("agent.sock");
        if (fits(inState)) {
            return inState;
        }
        return shortDirectory().resolve("agent.sock");
    }

    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    /** A short directory of this state directory's own under the temporary directory (or /tmp when that is long). */
    private Path shortDirectory() {
        String name = "gladys-" + Sha256.hex(stateDir.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = tmp.resolve(name);
        return fits(dir.resolve("agent.sock")) ? dir : Path.of("/tmp").resolve(name);
    }

    /**
     * Makes the socket's directories private (0700, created if missing) and records a short socket path;
     * a short directory that exists and is not this user's alone is refused (someone else could listen there).
     */
    public Path prepare() throws IOException {
        createPrivate(directory());
        Path socket = socket();
        if (!socket.getParent().equals(directory())) {
            createPrivate(socket.getParent());
            Files.writeString(pointerFile(), socket.toString());
        } else {
            Files.deleteIfExists(pointerFile());
        }
        return socket;
    }

    private static void createPrivate(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile: checked below
            }
        }
        if (!posix) {
            return;
        }
        Path probe = Files.createTempFile(dir, "owner", ".tmp");
        try {
            if (!Files.getOwner(dir).equals(Files.getOwner(probe)) || Files.isSymbolicLink(dir)) {
                throw new IOException(dir + " belongs to another user: the agent's socket cannot be private there");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    }

    /** Makes a freshly bound socket connectable by its user alone. */
    static void makePrivate(Path socket) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(socket, PRIVATE_FILE);
        }
    }

    /** Binds the socket (a stale one left by a dead agent is removed first). */
    ServerSocketChannel bind(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 64);
        makePrivate(socket);
        return server;
    }

    /** A connection to the agent, when its socket exists and something accepts on it. */
    public Optional<SocketChannel> connect() {
        Path socket = socket();
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
