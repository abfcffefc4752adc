package io.gladys.local.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket of a state directory too deep for a socket path, bound for real. */
class AgentEndpointTest {

    @TempDir
    Path dir;

    @Test
    void aDeepStateDirectoryRecordsItsShortPrivateSocket() throws Exception {
        Path deep = dir.resolve("x".repeat(50)).resolve("y".repeat(50)).resolve(".gladys");
        AgentEndpoint endpoint = new AgentEndpoint(deep);
        Path socket = endpoint.prepare();
        try (ServerSocketChannel server = endpoint.bind(socket)) {
            assertThat(socket).isNotEqualTo(endpoint.directory().resolve("agent.sock"));
            assertThat(Files.readString(endpoint.pointerFile())).isEqualTo(socket.toString());
            assertThat(Files.getPosixFilePermissions(socket.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(endpoint.directory()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(endpoint.connect()).as("a client finds it").isPresent();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }
}
