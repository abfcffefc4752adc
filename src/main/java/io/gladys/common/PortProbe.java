package io.gladys.common;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether something accepts TCP connections on a port, asked so that the asking never keeps the port
 * from a service about to bind it. A client that connects to a free local port of the ephemeral range
 * (32768-60999 on Linux, where GLADyS's 5005x lie) may be given that very port as its own and connect to
 * itself; closed normally, such a socket then sits in TIME_WAIT for a minute and the service cannot bind
 * its port (checked: bind fails with EADDRINUSE, also with SO_REUSEADDR). So a connection to itself counts
 * as refused, and every probe is closed with a reset (SO_LINGER 0), which leaves no TIME_WAIT.
 */
public final class PortProbe {

    private PortProbe() {
    }

    /** Connects and closes at once; throws when nothing accepts (a connection to itself included). */
    public static void connect(String host, int port, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (s.getLocalPort() == port && s.getLocalAddress().equals(s.getInetAddress())) {
                throw new ConnectException("Connection refused (nothing listens on " + host + ":" + port
                        + "; the probe was given that port as its own and connected to itself)");
            }
        }
    }

    /** Whether something accepts connections there. */
    public static boolean accepts(String host, int port, int timeoutMillis) {
        try {
            connect(host, port, timeoutMillis);
            return true;
        } catch (IOException e) {
            return false; // nothing there, or no such address on this machine
        }
    }
}
