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

    @Test
    void lsofsPidListNamesTheListener() {
        assertThat(PortOwner.fromLsof("4711\n")).contains(4711L);
        assertThat(PortOwner.fromLsof("")).isEmpty();
    }

    @Test
    void netstatOnWindowsNamesTheListenerWhateverLanguageItSpeaks() {
        String out = """

                Aktive Verbindungen

                  Proto  Lokale Adresse         Remoteadresse          Status           PID
                  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1100
                  TCP    127.0.0.1:54321        127.0.0.1:5432         HERGESTELLT      9000
                  TCP    127.0.0.1:5432         0.0.0.0:0              ABHÖREN          4242
                  TCP    [::1]:50051            [::]:0                 LISTENING        777
                """;
        assertThat(PortOwner.fromNetstat(out, 5432)).contains(4242L);
        assertThat(PortOwner.fromNetstat(out, 50051)).contains(777L);
        assertThat(PortOwner.fromNetstat(out, 54321)).as("a connection, not a listener").isEmpty();
        assertThat(PortOwner.fromNetstat(out, 35)).isEmpty();
    }
}
