package io.gladys.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A port counts as taken whichever loopback address the listener chose. */
class PortOwnerTest {

    @Test
    void aListenerOnTheIpv4LoopbackIsSeenWithItsPid() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertThat(PortOwner.inUse(s.getLocalPort())).isTrue();
            assertThat(PortOwner.listeningPid(s.getLocalPort())).contains(ProcessHandle.current().pid());
        }
    }

    @Test
    void aListenerOnlyOnTheIpv6LoopbackIsSeenToo() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket s = new ServerSocket()) {
            try {
                s.bind(new InetSocketAddress(v6, 0), 5);
            } catch (java.io.IOException e) {
                assumeTrue(false, "this machine has no IPv6 loopback: " + e.getMessage());
            }
            int port = s.getLocalPort();
            assertThat(PortOwner.inUse(port)).isTrue();
            assertThat(PortOwner.listeningPid(port)).contains(ProcessHandle.current().pid());
        }
    }

    @Test
    void aPortNobodyListensOnIsFree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThat(PortOwner.inUse(port)).isFalse();
    }
}
