package io.gladys.testing;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Tries to connect to a Unix socket and says how it went: run as another user to test a socket's permissions. */
public final class ConnectUnixSocket {

    public static void main(String[] args) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            System.out.println("connected");
        } catch (Exception e) {
            System.out.println("refused: " + e);
        }
    }
}
