package io.gladys.local.logs;

import io.gladys.local.logs.RotatingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The follower against a real {@link RotatingLog}: rotations between polls, during polls, and past keep. */
class LogFollowerTest {

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private LogFollower follower(Path log) {
        return new LogFollower(Map.of("svc", log), (name, line) -> seen.add(line), warnings::add);
    }

    /** 33 bytes with its newline, so that the files of a rotation hold a known number of lines. */
    private static String line(int i) {
        return String.format("line %06d %s", i, "y".repeat(20));
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(LogFollowerTest::line).toList();
    }

    @Test
    void newLinesAreHandedOutOnceAndWholeAcrossARotation() throws Exception {
        Path f = dir.resolve("svc.log");
        try (RotatingLog log = new RotatingLog(f, 100, 2); LogFollower follower = follower(f)) {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                log.line(line(i));
                written.add(line(i));
                follower.poll();
            }
            // a line split over two writes is handed out once, whole
            byte[] half = "split-".getBytes(StandardCharsets.UTF_8);
            log.write(half, 0, half.length);
            follower.poll();
            byte[] rest = "line done\n".getBytes(StandardCharsets.UTF_8);
            log.write(rest, 0, rest.length);
            follower.poll();
            written.add("split-line done");
            assertThat(f.resolveSibling("svc.log.1")).as("the log rotated").exists();
            assertThat(seen).containsExactlyElementsOf(written);
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void linesEndedByCrlfAreHandedOutWithoutTheCr() throws Exception {
        Path f = dir.resolve("svc.log");
        try (RotatingLog log = new RotatingLog(f, 0, 2); LogFollower follower = follower(f)) {
            byte[] crlf = "caf\u00e9 on Windows\r\nnext\r\n".getBytes(StandardCharsets.UTF_8);
            log.write(crlf, 0, crlf.length);
            follower.poll();
        }
        assertThat(seen).containsExactly("caf\u00e9 on Windows", "next");
    }

    @Test
    void followingStartsAtTheEndOfWhatIsThere() throws Exception {
        Path f = dir.resolve("svc.log");
        try (RotatingLog log = new RotatingLog(f, 0, 2)) {
            log.line("before following");
            try (LogFollower follower = follower(f)) {
                log.line("after");
                follower.poll();
            }
        }
        assertThat(seen).containsExactly("after");
    }

    @Test
    void everyFileRotatedBetweenTwoPollsIsReadInOrder() throws Exception {
        Path f = dir.resolve("svc.log");
        try (RotatingLog log = new RotatingLog(f, 1000, 10); LogFollower follower = follower(f)) {
            for (int i = 0; i < 200; i++) { // 6,000 bytes: six rotations before the follower looks
                log.line(line(i));
            }
            assertThat(RotatingLog.rotations(f)).isGreaterThanOrEqualTo(5);
            follower.poll();
        }
        assertThat(seen).containsExactlyElementsOf(lines(0, 200));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aWriterMuchFasterThanTheFollowerLosesNothingWhileTheFilesExist() throws Exception {
        Path f = dir.resolve("svc.log");
        int total = 100_000; // 3.3 MB in some 66 files of 50 kB, rotated while the follower reads
        AtomicBoolean written = new AtomicBoolean();
        try (RotatingLog log = new RotatingLog(f, 50_000, 80); LogFollower follower = follower(f)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        log.line(line(i));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    written.set(true);
                }
            });
            try {
                while (!written.get()) {
                    follower.poll();
                    Thread.sleep(20);
                }
                writer.get(1, TimeUnit.MINUTES);
                follower.poll();
            } finally {
                writer.cancel(true);
            }
        }
        assertThat(RotatingLog.rotations(f)).as("rotations").isGreaterThan(60);
        assertThat(seen).hasSize(total);
        assertThat(seen).containsExactlyElementsOf(lines(0, total));
        assertThat(warnings).isEmpty();
    }

    @Test
    void burstsOfSeveralRotationsDuringPollsLoseNothing() throws Exception {
        Path f = dir.resolve("svc.log");
        int bursts = 40;
        int perBurst = 1000; // 30 kB: five rotations of 6 kB, with ten files kept
        AtomicLong polls = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try (RotatingLog log = new RotatingLog(f, 6000, 10); LogFollower follower = follower(f)) {
            CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    follower.poll();
                    polls.incrementAndGet();
                }
            });
            try {
                for (int b = 0; b < bursts; b++) {
                    for (int i = b * perBurst; i < (b + 1) * perBurst; i++) {
                        log.line(line(i));
                    }
                    // the next burst only once a poll began after this one: fewer rotations than kept files
                    long after = polls.get() + 2;
                    while (polls.get() < after) {
                        Thread.onSpinWait();
                    }
                }
            } finally {
                done.set(true);
                poller.get(1, TimeUnit.MINUTES);
            }
            follower.poll();
        }
        assertThat(seen).containsExactlyElementsOf(lines(0, bursts * perBurst));
        assertThat(warnings).isEmpty();
    }

    @Test
    void filesRotatedAwayBeforeTheyWereSeenAreCountedAndSaid() throws Exception {
        Path f = dir.resolve("svc.log");
        int perFile = 1000 / (line(0).length() + 1);
        try (RotatingLog log = new RotatingLog(f, 1000, 2); LogFollower follower = follower(f)) {
            // seven files: the first is held open by the follower, the fifth to seventh are kept, three are lost
            for (int i = 0; i < 7 * perFile; i++) {
                log.line(line(i));
            }
            assertThat(RotatingLog.rotations(f)).isEqualTo(6);
            follower.poll();
        }
        List<String> expected = new ArrayList<>(lines(0, perFile));
        expected.addAll(lines(4 * perFile, 7 * perFile));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(warnings).singleElement().asString()
                .startsWith("svc: 3 rotated log files were deleted before they could be read, so lines are missing")
                .contains("-Dgladys.log.keep");
    }

    @Test
    void aLogThatDoesNotExistYetIsReadFromItsStartOnceItAppears() throws Exception {
        Path f = dir.resolve("late.log");
        try (LogFollower follower = follower(f)) {
            follower.poll();
            Files.writeString(f, "first\nsecond\n");
            follower.poll();
        }
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void aTruncatedLogIsReadAgainFromItsStart() throws Exception {
        Path f = dir.resolve("svc.log");
        Files.writeString(f, "old line one\nold line two\n");
        try (LogFollower follower = follower(f)) {
            Files.writeString(f, "new\n");
            follower.poll();
            Thread.sleep(1100); // a truncation no rotation counts is taken for one by hand after a second
            follower.poll();
        }
        assertThat(seen).containsExactly("new");
    }

    @Test
    void aLogRotatedByCopyingLosesNoLineThatWasWrittenBeforeTheCopy() throws Exception {
        Path f = dir.resolve("svc.log");
        Files.writeString(f, "");
        try (LogFollower follower = follower(f);
             java.io.OutputStream out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.APPEND)) {
            int n = 0;
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 50; i++) {
                    out.write(("line " + n++ + "\n").getBytes());
                }
                if (round % 2 == 0) {
                    follower.poll(); // read part of it before the rotation
                }
                for (int i = 0; i < 50; i++) {
                    out.write(("line " + n++ + "\n").getBytes());
                }
                assertThat(LogRotation.rotateIfLarger(f, 100, 3)).isTrue();
                if (round % 3 == 0) {
                    assertThat(LogRotation.rotateIfLarger(f, 0, 3)).as("0: never").isFalse();
                }
                follower.poll();
            }
            follower.poll();
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add("line " + i);
            }
            assertThat(seen).containsExactlyElementsOf(expected);
        }
        assertThat(Files.size(f)).as("emptied by the last rotation").isZero();
        assertThat(RotatingLog.rotations(f)).isEqualTo(6);
        assertThat(dir.resolve("svc.log.3")).exists();
        assertThat(dir.resolve("svc.log.4")).as("three kept").doesNotExist();
    }
}
