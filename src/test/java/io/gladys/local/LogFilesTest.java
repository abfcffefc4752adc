package io.gladys.local;

import io.gladys.local.runner.RotatingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    @Test
    void theFollowerSeesNewLinesAndSurvivesRotation() throws Exception {
        Path f = dir.resolve("svc.log");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RotatingLog log = new RotatingLog(f, 100, 2)) {
            log.line("before following");
            try (LogFollower follower = new LogFollower(java.util.Map.of("svc", f), (n, l) -> seen.add(n + ":" + l))) {
                List<String> written = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String line = "line " + i + " " + "y".repeat(20);
                    log.line(line);
                    written.add("svc:" + line);
                    follower.poll();
                }
                // a line split over two writes is handed out once, whole
                byte[] half = "split-".getBytes(StandardCharsets.UTF_8);
                log.write(half, 0, half.length);
                follower.poll();
                byte[] rest = "line done\n".getBytes(StandardCharsets.UTF_8);
                log.write(rest, 0, rest.length);
                follower.poll();
                written.add("svc:split-line done");
                assertThat(Files.exists(dir.resolve("svc.log.1"))).as("the log rotated").isTrue();
                assertThat(seen).containsExactlyElementsOf(written);
            }
        }
    }

    @Test
    void aFollowedLogThatDoesNotExistYetIsReadOnceItAppears() throws Exception {
        Path f = dir.resolve("late.log");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LogFollower follower = new LogFollower(java.util.Map.of("late", f), (n, l) -> seen.add(l))) {
            follower.poll();
            Files.writeString(f, "first\nsecond\n");
            follower.poll();
        }
        assertThat(seen).containsExactly("first", "second");
    }
}
