package io.gladys.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommonHelpersTest {

    @Test
    void aFileIsReplacedWholeAndAFailedWriteLeavesTheOldOneAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/record.properties");
        AtomicWrite.writeString(f, "first");
        assertThat(Files.readString(f)).isEqualTo("first");

        assertThatThrownBy(() -> AtomicWrite.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("first");
        try (var files = Files.list(f.getParent())) {
            assertThat(files).containsExactly(f);
        }

        Path source = dir.resolve("source.jar");
        Files.write(source, new byte[] {1, 2, 3});
        AtomicWrite.copy(source, f);
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    }

    @Test
    void aRememberedValueIsDerivedOnceUntilTheFileChangesOrTheValueNoLongerServes(@TempDir Path dir)
            throws IOException {
        Path jar = dir.resolve("plugin.jar");
        Path record = dir.resolve("lib/plugin.jar.build");
        Files.writeString(jar, "first build");
        java.util.concurrent.atomic.AtomicInteger derived = new java.util.concurrent.atomic.AtomicInteger();
        Remembered.Derivation hash = f -> derived.incrementAndGet() + ":" + Files.readString(f);

        assertThat(Remembered.value(jar, record, v -> true, hash)).isEqualTo("1:first build");
        assertThat(Remembered.value(jar, record, v -> true, hash)).as("remembered").isEqualTo("1:first build");
        assertThat(derived).hasValue(1);

        Files.writeString(jar, "second build");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertThat(Remembered.value(jar, record, v -> true, hash)).as("a new install").isEqualTo("2:second build");
        assertThat(Remembered.value(jar, record, v -> false, hash)).as("a value that no longer serves")
                .isEqualTo("3:second build");
        assertThat(Files.readString(record)).endsWith("\n3:second build");
    }

    @Test
    void sha256OfBytesTextAndFilesAgree(@TempDir Path dir) throws IOException {
        // the standard test vector of "abc"
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc")).isEqualTo(abc);
        assertThat(Sha256.hex("abc".getBytes())).isEqualTo(abc);
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        assertThat(Sha256.hex(f)).isEqualTo(abc);
    }

    @Test
    void durationsPrintAsTheReportsAndMessagesDo() {
        assertThat(Durations.human(42)).isEqualTo("42s");
        assertThat(Durations.human(15 * 60 + 3)).isEqualTo("15m");
        assertThat(Durations.human(2 * 3600 + 34 * 60)).isEqualTo("2h 34m");
        assertThat(Durations.human(26 * 3600)).isEqualTo("1d 2h");
        assertThat(Durations.human(-1)).isEqualTo("unknown");
        assertThat(Durations.millis(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.millis(Duration.ofMillis(2440))).isEqualTo("2.4 s");
        assertThat(Durations.seconds(Duration.ofSeconds(60))).isEqualTo("60.0 s");
        assertThat(Durations.seconds(350, 2)).isEqualTo("0.35 s");
    }

    @Test
    void aProbeThatConnectsToItselfCountsAsRefusedAndLeavesThePortFreeToBind() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(range), "Linux's ephemeral ports");
        String[] bounds;
        try (var in = Files.newInputStream(range)) { // /proc files report a size of 0
            bounds = new String(in.readAllBytes()).trim().split("\\s+");
        }
        int low = Integer.parseInt(bounds[0]);
        int high = Integer.parseInt(bounds[1]);
        // a free port of the ephemeral range, of the parity Linux gives connect() (even since 4.6)
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        port = port % 2 == 0 ? port : port + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(port > low && port < high, "a port of the ephemeral range");
        // connect until the kernel gives the probe that very port as its own (a few thousand tries)
        String selfConnected = null;
        for (int i = 0; i < 40_000 && selfConnected == null; i++) {
            try {
                PortProbe.connect("127.0.0.1", port, 200);
                throw new AssertionError("something listens on " + port);
            } catch (java.net.ConnectException e) {
                if (e.getMessage().contains("connected to itself")) {
                    selfConnected = e.getMessage();
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(selfConnected != null, "the kernel gave the port in 40,000 tries");
        assertThat(PortProbe.accepts("127.0.0.1", port, 200)).isFalse();
        // and the port is free at once: no TIME_WAIT kept it
        try (java.net.ServerSocket service = new java.net.ServerSocket()) {
            service.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            assertThat(service.getLocalPort()).isEqualTo(port);
        }
    }
}
