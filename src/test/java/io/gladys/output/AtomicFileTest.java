package io.gladys.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Output files appear whole or not at all, with their directories; bad paths fail before any data. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aCommittedFileAppearsWithItsDirectoriesAndNoTemporaryFileIsLeft() throws IOException {
        Path target = dir.resolve("reports/nested/status.json");
        try (DataSink sink = DataSink.open("reports/nested/status.json", dir)) {
            sink.writer().write("{\"schemaVersion\": 1}\n");
            assertThat(target).doesNotExist();
            sink.commit();
        }
        assertThat(target).hasContent("{\"schemaVersion\": 1}");
        assertThat(listing(target.getParent())).containsExactly("status.json");
    }

    @Test
    void aReaderSeesTheOldFileUntilTheNewOneIsComplete() throws IOException {
        Path target = dir.resolve("health.json");
        Files.writeString(target, "old report\n");
        try (DataSink sink = DataSink.open(target.toString(), dir)) {
            Writer w = sink.writer();
            for (int i = 0; i < 100_000; i++) {
                w.write("line " + i + "\n");
            }
            w.flush();
            assertThat(target).hasContent("old report");
            sink.commit();
        }
        assertThat(Files.readAllLines(target)).hasSize(100_000).endsWith("line 99999");
    }

    @Test
    void dataThatWasNotCompletedIsDiscardedAndAnOldFileStays() throws IOException {
        Path target = dir.resolve("query.csv");
        Files.writeString(target, "kept\n");
        try (DataSink sink = DataSink.open("query.csv", dir)) {
            sink.writer().write("half a res");
            // no commit: the goal failed
        }
        assertThat(target).hasContent("kept");
        assertThat(listing(dir)).containsExactly("query.csv");

        try (DataSink sink = DataSink.open("never.json", dir)) {
            sink.writer().write("{");
        }
        assertThat(dir.resolve("never.json")).doesNotExist();
        assertThat(listing(dir)).containsExactly("query.csv");
    }

    @Test
    void aPathThroughAFileFailsWithTheReasonAndCreatesNothing() throws IOException {
        Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DataSink.open("plain-file/sub/out.json", dir))
                .isInstanceOf(OutputException.class)
                .hasMessageStartingWith("Cannot write the output file " + dir.resolve("plain-file/sub/out.json"))
                .hasMessage("Cannot write the output file " + dir.resolve("plain-file/sub/out.json") + ": "
                        + dir.resolve("plain-file") + " is a file, not a directory. Give a path in a writable directory.");
        assertThat(listing(dir)).containsExactly("plain-file");
    }

    @Test
    void aDirectoryIsNotAnOutputFile() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> DataSink.open("out", dir))
                .isInstanceOf(OutputException.class)
                .hasMessage("Cannot write the output file " + dir.resolve("out") + ": it is a directory. Give a file name.");
    }

    @Test
    void dashAndNothingMeanStandardOutput() throws IOException {
        try (DataSink a = DataSink.open("-", dir); DataSink b = DataSink.open(null, dir);
             DataSink c = DataSink.open(" ", dir)) {
            assertThat(a.file()).isEmpty();
            assertThat(b.file()).isEmpty();
            assertThat(c.file()).isEmpty();
            assertThat(a.processOutput()).isEqualTo(ProcessBuilder.Redirect.INHERIT);
        }
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void aChildProcessWritesIntoTheFileThroughTheSameCommit() throws Exception {
        Path target = dir.resolve("psql.csv");
        try (DataSink sink = DataSink.open("psql.csv", dir)) {
            Process p = new ProcessBuilder("printf", "a,b\\n1,2\\n").redirectOutput(sink.processOutput()).start();
            assertThat(p.waitFor()).isZero();
            assertThat(target).doesNotExist();
            sink.commit();
        }
        assertThat(target).hasContent("a,b\n1,2");
    }

    private static java.util.List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
