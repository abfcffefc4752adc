package io.gladys.local.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void tailGivesTheLastLinesOfSmallAndEmptyFiles() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\nthree\n");
        assertThat(LogFiles.tail(f, 2)).containsExactly("two", "three");
        assertThat(LogFiles.tail(f, 10)).containsExactly("one", "two", "three");
        Files.writeString(f, "no newline at the end");
        assertThat(LogFiles.tail(f, 1)).containsExactly("no newline at the end");
        Files.writeString(f, "");
        assertThat(LogFiles.tail(f, 5)).isEmpty();
        assertThat(LogFiles.tail(dir.resolve("missing.log"), 5)).isEmpty();
    }

    @Test
    void linesEndedByCrlfReadLikeLinesEndedByLf() throws IOException {
        Path f = dir.resolve("windows.log");
        Files.writeString(f, "caf\u00e9\r\nna\u00efve\r\nlast", StandardCharsets.UTF_8);
        assertThat(LogFiles.tail(f, 3)).containsExactly("caf\u00e9", "na\u00efve", "last");
    }

    @Test
    void tailReadsAcrossBlocksOfALargeFile() throws IOException {
        Path f = dir.resolve("big.log");
        try (OutputStream out = Files.newOutputStream(f)) {
            for (int i = 0; i < 200_000; i++) {
                out.write(("line " + i + " " + "x".repeat(i % 50) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> last = LogFiles.tail(f, 3);
        assertThat(last).hasSize(3);
        assertThat(last.get(0)).startsWith("line 199997 ");
        assertThat(last.get(2)).startsWith("line 199999 ");
    }
}
