package io.gladys.sync;

import io.gladys.sync.ProtoCopies.Copy;
import io.gladys.sync.ProtoCopies.CopyState;
import io.gladys.sync.ProtoCopies.Newer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProtoCopiesTest {

    @TempDir
    Path dir;

    private ProtoCopies.Result result(SyncReport report, String proto) {
        return report.protos().stream().filter(p -> p.proto().equals(proto)).findFirst().orElseThrow();
    }

    private static Copy copyAt(ProtoCopies.Result r, String suffix) {
        return r.copies().stream().filter(c -> c.path().toString().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void copiesWithTheSameContentAreInSyncAndIgnoredDirectoriesAreNotSearched() {
        Path project = Fixtures.project(dir);
        SyncReport report = new SyncCheck(SyncOptions.builder(project).build()).run();

        ProtoCopies.Result heuristics = result(report, "heuristics.proto");
        assertThat(heuristics.inSync()).isTrue();
        assertThat(heuristics.copies()).extracting(Copy::path)
                .containsExactly(project.resolve("services/memory/proto/heuristics.proto"));
        ProtoCopies.Result events = result(report, "events.proto");
        assertThat(events.inSync()).isTrue();
        assertThat(events.copies()).hasSize(1);
        // the copies under target/ and node_modules/ differ, and must not count
        assertThat(result(report, "common.proto").copies()).extracting(c -> project.relativize(c.path()).toString())
                .containsExactlyInAnyOrder("services/memory/proto/common.proto",
                        "services/orchestrator/proto/common.proto");
    }

    @Test
    void aCopyWithOneFieldChangedSaysWhereAndWhichSideIsNewer() {
        Path project = Fixtures.project(dir);
        Path changed = project.resolve("services/orchestrator/proto/common.proto");
        Fixtures.touch(changed, Instant.parse("2023-06-01T00:00:00Z"));

        SyncReport report = new SyncCheck(SyncOptions.builder(project).build()).run();

        ProtoCopies.Result common = result(report, "common.proto");
        assertThat(common.inSync()).isFalse();
        Copy c = copyAt(common, "services/orchestrator/proto/common.proto");
        assertThat(c.state()).isEqualTo(CopyState.DIFFERS);
        assertThat(c.line()).isEqualTo(17);
        assertThat(c.canonicalLine()).isEqualTo("  int64 sent_at_ms = 2;");
        assertThat(c.copyLine()).isEqualTo("  int32 sent_at_ms = 2;");
        assertThat(c.newer()).isEqualTo(Newer.CANONICAL);
        assertThat(c.hash()).isNotEqualTo(common.hash());
        assertThat(copyAt(common, "services/memory/proto/common.proto").state()).isEqualTo(CopyState.IN_SYNC);
        assertThat(report.drift()).isTrue();

        Fixtures.touch(changed, Instant.parse("2025-06-01T00:00:00Z"));
        Copy newer = copyAt(result(new SyncCheck(SyncOptions.builder(project).build()).run(), "common.proto"),
                "services/orchestrator/proto/common.proto");
        assertThat(newer.newer()).isEqualTo(Newer.COPY);
    }

    @Test
    void lineEndingsAndAFinalNewlineAreNoDifference() {
        Path project = Fixtures.project(dir);
        Path copy = project.resolve("services/memory/proto/common.proto");
        String text = Fixtures.read(project.resolve("proto/common.proto"));
        Fixtures.write(copy, text.replace("\n", "\r\n").stripTrailing());
        Path old = project.resolve("services/memory/proto/heuristics.proto");
        Fixtures.write(old, Fixtures.read(old).replace("\n", "\r") + "\n\n");

        SyncReport report = new SyncCheck(SyncOptions.builder(project).build()).run();

        assertThat(copyAt(result(report, "common.proto"), "services/memory/proto/common.proto").state())
                .isEqualTo(CopyState.IN_SYNC);
        assertThat(result(report, "heuristics.proto").inSync()).isTrue();
    }

    @Test
    void aCopyCutShortReportsTheEndOfFile() {
        Path project = Fixtures.project(dir);
        Path copy = project.resolve("services/memory/proto/common.proto");
        String text = Fixtures.read(copy);
        Fixtures.write(copy, text.substring(0, text.indexOf("message Pong")) + "message Pong {\n");

        Copy c = copyAt(result(new SyncCheck(SyncOptions.builder(project).build()).run(), "common.proto"),
                "services/memory/proto/common.proto");

        assertThat(c.state()).isEqualTo(CopyState.DIFFERS);
        assertThat(c.line()).isEqualTo(21);
        assertThat(c.canonicalLine()).isEqualTo("  Status status = 1;");
        assertThat(c.copyLine()).isNull();
    }

    @Test
    void aConfiguredLocationWithoutTheProtoReportsItMissing() {
        Path project = Fixtures.project(dir);
        SyncOptions options = SyncOptions.builder(project)
                .copyLocation(CopyLocation.of(Path.of("services/memory/proto")))
                .copyLocation(CopyLocation.of(Path.of("services/orchestrator/proto"), "common.proto", "events.proto"))
                .build();

        SyncReport report = new SyncCheck(options).run();

        // memory expects every proto: events.proto is not there
        Copy missing = copyAt(result(report, "events.proto"), "services/memory/proto/events.proto");
        assertThat(missing.state()).isEqualTo(CopyState.MISSING);
        // the orchestrator is only expected to hold common and events: no heuristics.proto is fine
        assertThat(result(report, "heuristics.proto").inSync()).isTrue();
        assertThat(result(report, "heuristics.proto").copies()).extracting(Copy::state)
                .containsExactly(CopyState.IN_SYNC);
        assertThat(report.actions()).contains("Run: cp proto/events.proto services/memory/proto/events.proto");
    }

    @Test
    void copiesOfProtosWithTheSameFileNameAreMatchedByTheirPath() {
        Path canonical = dir.resolve("p/proto");
        Fixtures.write(canonical.resolve("a/thing.proto"), "syntax = \"proto3\";\npackage a;\n");
        Fixtures.write(canonical.resolve("b/thing.proto"), "syntax = \"proto3\";\npackage b;\n");
        Fixtures.write(dir.resolve("p/copies/b/thing.proto"), "syntax = \"proto3\";\npackage b;\n");

        SyncReport report = new SyncCheck(SyncOptions.builder(dir.resolve("p")).build()).run();

        assertThat(result(report, "b/thing.proto").copies()).extracting(Copy::state)
                .containsExactly(CopyState.IN_SYNC);
        assertThat(result(report, "a/thing.proto").copies()).isEmpty();
    }

    @Test
    void excludesAcceptProjectRelativePaths() {
        Path project = Fixtures.project(dir);
        SyncOptions options = SyncOptions.builder(project)
                .excludes(List.of("target", "node_modules", "services/orchestrator"))
                .build();

        SyncReport report = new SyncCheck(options).run();

        assertThat(result(report, "common.proto").inSync()).isTrue();
        assertThat(result(report, "events.proto").copies()).isEmpty();
    }
}
