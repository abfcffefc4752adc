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
}
