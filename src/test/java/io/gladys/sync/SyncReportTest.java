package io.gladys.sync;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole report on the fixture project: the design document's layout, actions, JSON. */
class SyncReportTest {

    private static final String PY = "services/memory/gladys_memory";

    @TempDir
    Path dir;

    /** The fixture project with its differing copy, and a Python stub of heuristics.proto from an older version. */
    private Path driftedProject() {
        Path project = Fixtures.project(dir);
        Fixtures.touch(project.resolve("services/orchestrator/proto/common.proto"), Instant.parse("2023-01-01T00:00:00Z"));
        Path older = dir.resolve("older");
        Fixtures.copyTree(project.resolve("proto"), older);
        Fixtures.write(older.resolve("heuristics.proto"), Fixtures.read(older.resolve("heuristics.proto"))
                .replace("  string name = 2;\n", ""));
        Fixtures.protoc(older, List.of("--python_out=" + project.resolve(PY)), "heuristics.proto");
        Fixtures.protoc(project.resolve("proto"), List.of("--python_out=" + project.resolve(PY)), "common.proto");
        return project;
    }

    @Test
    void textFollowsTheDesignDocument() {
        Path project = driftedProject();
        SyncReport report = new SyncCheck(SyncOptions.builder(project).protoc(Fixtures::protocArtifact)
                .serviceDirectory("memory-python", Path.of("services/memory")).build()).run();
        String commonHash = report.protos().stream().filter(p -> p.proto().equals("common.proto")).findFirst()
                .orElseThrow().shortHash();
        String staleHash = report.protos().stream().filter(p -> p.proto().equals("common.proto")).findFirst()
                .orElseThrow().copies().get(1).shortHash();
        String eventsHash = report.protos().stream().filter(p -> p.proto().equals("events.proto")).findFirst()
                .orElseThrow().shortHash();

        List<String> text = report.text();

        assertThat(text).containsSubsequence(
                "Checking environment sync status...",
                "",
                "Proto Files:",
                "  ❌ common.proto: OUT OF SYNC",
                "     - proto/common.proto: hash " + commonHash + " (canonical)",
                "     - services/memory/proto/common.proto: hash " + commonHash,
                "     - services/orchestrator/proto/common.proto: hash " + staleHash + " (stale)",
                "       first difference at line 17: canonical \"  int64 sent_at_ms = 2;\", copy \"  int32 sent_at_ms = 2;\"",
                "  ✅ events.proto: in sync (hash: " + eventsHash + ", 1 copy)",
                "",
                "Generated Stubs:",
                "  ✅ " + PY + "/common_pb2.py: in sync with common.proto",
                "  ❌ " + PY + "/heuristics_pb2.py: STALE (generated from another version of heuristics.proto)",
                "     - message gladys.fixture.Heuristic: field 2 (string name) is in the proto, not in the stub",
                "",
                "Action needed:",
                "  1. Run: cp proto/common.proto services/orchestrator/proto/common.proto",
                "  2. Run: python -m grpc_tools.protoc -I proto --python_out=" + PY + " proto/heuristics.proto",
                "  3. Restart the memory-python service: mvn gladys:restart -Dservice=memory-python");
        assertThat(text.get(text.size() - 1)).matches("Checked in \\d+\\.\\d\\d s \\(proto copies .*\\)");
        assertThat(report.drift()).isTrue();
        assertThat(commonHash).hasSize(8).isNotEqualTo(staleHash);
    }

    @Test
    void theProjectsOwnCommandsReplaceTheSuggestedOnes() {
        Path project = driftedProject();
        SyncReport report = new SyncCheck(SyncOptions.builder(project).protoc(Fixtures::protocArtifact)
                .copySyncCommand("python scripts/proto_sync.py").stubCommand("make protos").build()).run();

        assertThat(report.actions()).containsExactly("Run: python scripts/proto_sync.py", "Run: make protos");
    }

    @Test
    void aCopyNewerThanTheCanonicalProtoAsksForAReview() {
        Path project = Fixtures.project(dir);
        Fixtures.touch(project.resolve("services/orchestrator/proto/common.proto"), Instant.parse("2025-01-01T00:00:00Z"));

        SyncReport report = new SyncCheck(SyncOptions.builder(project).build()).run();

        assertThat(report.text()).anySatisfy(l -> assertThat(l).startsWith(
                "     - services/orchestrator/proto/common.proto: hash ").endsWith(" (newer than the canonical proto)"));
        assertThat(report.actions()).containsExactly("Review services/orchestrator/proto/common.proto (changed after "
                + "the canonical proto): move its changes into proto/common.proto if they belong there, then run: "
                + "cp proto/common.proto services/orchestrator/proto/common.proto");
    }

    @Test
    void anEnvironmentInSyncSaysSo() {
        Path project = Fixtures.project(dir);
        Fixtures.write(project.resolve("services/orchestrator/proto/common.proto"),
                Fixtures.read(project.resolve("proto/common.proto")));

        SyncReport report = new SyncCheck(SyncOptions.builder(project).build()).run();

        assertThat(report.drift()).isFalse();
        assertThat(report.actions()).isEmpty();
        assertThat(report.text()).contains("  ✅ common.proto: in sync (hash: " + report.protos().get(0).shortHash()
                + ", 2 copies)", "Everything is in sync.");
        assertThat(String.join("\n", report.text())).doesNotContain("Migrations:", "Docker Images:", "Action needed:");
    }

    @Test
    void jsonCarriesEveryResult() {
        Path project = driftedProject();
        SyncReport report = new SyncCheck(SyncOptions.builder(project).protoc(Fixtures::protocArtifact).build()).run();

        JsonObject json = JsonParser.parseString(report.json()).getAsJsonObject();

        assertThat(json.get("inSync").getAsBoolean()).isFalse();
        JsonArray protos = json.getAsJsonArray("protos");
        assertThat(protos).hasSize(3);
        JsonObject common = protos.get(0).getAsJsonObject();
        assertThat(common.get("proto").getAsString()).isEqualTo("common.proto");
        assertThat(common.get("hash").getAsString()).hasSize(64);
        JsonObject stale = common.getAsJsonArray("copies").get(1).getAsJsonObject();
        assertThat(stale.get("path").getAsString()).isEqualTo("services/orchestrator/proto/common.proto");
        assertThat(stale.get("state").getAsString()).isEqualTo("differs");
        assertThat(stale.get("line").getAsInt()).isEqualTo(17);
        assertThat(stale.get("newer").getAsString()).isEqualTo("canonical");
        JsonObject stub = json.getAsJsonArray("stubs").asList().stream().map(e -> e.getAsJsonObject())
                .filter(o -> o.get("stub").getAsString().endsWith("heuristics_pb2.py")).findFirst().orElseThrow();
        assertThat(stub.get("state").getAsString()).isEqualTo("stale");
        assertThat(stub.get("kind").getAsString()).isEqualTo("python");
        assertThat(stub.getAsJsonArray("differences").get(0).getAsString())
                .isEqualTo("message gladys.fixture.Heuristic: field 2 (string name) is in the proto, not in the stub");
        assertThat(json.getAsJsonArray("actions")).hasSize(2);
        assertThat(json.getAsJsonObject("timingsMs").has("total")).isTrue();
    }

    @Test
    void aMissingCanonicalDirectoryIsAClearError() {
        SyncCheck check = new SyncCheck(SyncOptions.builder(dir).canonicalDir(Path.of("protos")).build());

        org.assertj.core.api.Assertions.assertThatThrownBy(check::run).isInstanceOf(SyncException.class)
                .hasMessage("The canonical proto directory " + dir.resolve("protos") + " does not exist: configure "
                        + "the directory that holds the project's protos (default proto/).");
    }
}
