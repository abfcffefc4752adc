package io.gladys.sync;

import io.gladys.config.PropertyNames;
import io.gladys.common.Durations;
import io.gladys.report.Json;
import io.gladys.sync.ImageFreshness.ImageState;
import io.gladys.sync.ImageFreshness.ImageStatus;
import io.gladys.sync.ProtoCopies.Copy;
import io.gladys.sync.ProtoCopies.CopyState;
import io.gladys.sync.ProtoCopies.Newer;
import io.gladys.sync.StubCheck.StubKind;
import io.gladys.sync.StubCheck.StubResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sync-check report of the design document (section 7): one line per check, details indented under
 * what is out of sync, then the commands that bring the environment back in sync.
 */
public final class SyncReport {

    /** Version of the JSON shape (README, "Machine-readable output"). */
    public static final int SCHEMA_VERSION = 1;

    /** Differences shown per stub; the JSON output has them all. */
    private static final int SHOWN_DIFFERENCES = 10;
    private static final int SHOWN_LINE = 80;
    private static final String OK = "✅ ";
    private static final String BAD = "❌ ";
    // the warning sign is narrower in terminals than the other two: one more space keeps the columns
    private static final String WARN = "⚠️  ";

    private final SyncOptions options;
    private final List<ProtoCopies.Result> protos;
    private final List<StubResult> stubs;
    private final String stubsByTimeReason;
    private final List<MigrationState> migrations;
    private final List<ImageState> images;
    private final String imagesNotChecked;
    private final List<DatabaseInit.Finding> init;
    private final Map<String, Long> timings;

    SyncReport(SyncOptions options, List<ProtoCopies.Result> protos, List<StubResult> stubs, String stubsByTimeReason,
               List<MigrationState> migrations, List<ImageState> images, String imagesNotChecked,
               List<DatabaseInit.Finding> init, Map<String, Long> timings) {
        this.options = options;
        this.protos = protos;
        this.stubs = stubs;
        this.stubsByTimeReason = stubsByTimeReason;
        this.migrations = migrations;
        this.images = images;
        this.imagesNotChecked = imagesNotChecked;
        this.init = List.copyOf(init);
        this.timings = timings;
    }

    public List<ProtoCopies.Result> protos() {
        return protos;
    }

    public List<StubResult> stubs() {
        return stubs;
    }

    public List<MigrationState> migrations() {
        return migrations;
    }

    /** Null when Docker images were not checked. */
    public List<ImageState> images() {
        return images;
    }

    /** Milliseconds per part of the check ("scan", "protoCopies", "stubs", "migrations", "images", "total"). */
    public Map<String, Long> timings() {
        return timings;
    }

    /**
     * Whether anything is out of sync: a differing or missing proto copy, a stale stub, pending, missing,
     * changed or failed migrations, a stale image. An environment whose database did not answer counts
     * only when {@link SyncOptions#notCheckedIsDrift()} says so.
     */
    public boolean drift() {
        return protos.stream().anyMatch(p -> !p.inSync())
                || stubs.stream().anyMatch(StubResult::drift)
                || migrations.stream().anyMatch(m -> m.drift() || (!m.checked() && options.notCheckedIsDrift()))
                || (images != null && images.stream().anyMatch(ImageState::drift))
                || init.stream().anyMatch(f -> !f.ok());
    }

    // ---------------------------------------------------------------- text

    public List<String> text() {
        List<String> out = new ArrayList<>();
        out.add("Checking environment sync status...");
        out.add("");
        out.add("Proto Files:");
        if (protos.isEmpty()) {
            out.add("  (no protos in " + rel(options.canonicalDir()) + ")");
        }
        protos.forEach(p -> protoLines(p, out));
        if (!migrations.isEmpty()) {
            out.add("");
            out.add("Migrations:");
            migrations.forEach(m -> migrationLines(m, out));
        }
        if (!init.isEmpty()) {
            out.add("");
            out.add("Database Initialisation:");
            init.forEach(f -> out.add("  " + (f.ok() ? OK : BAD) + f.message()));
        }
        out.add("");
        out.add("Generated Stubs:");
        if (stubs.isEmpty()) {
            out.add("  (no generated stubs found)");
        }
        stubs.forEach(s -> stubLines(s, out));
        if (images != null || imagesNotChecked != null) {
            out.add("");
            out.add("Docker Images:");
            if (imagesNotChecked != null) {
                out.add("  " + WARN + "not checked (" + imagesNotChecked + ")");
            } else if (images.isEmpty()) {
                out.add("  (no Compose service is built from a local context)");
            } else {
                images.forEach(i -> imageLines(i, out));
            }
        }
        out.add("");
        List<String> actions = actions();
        if (actions.isEmpty()) {
            out.add(drift() ? "Out of sync." : "Everything is in sync.");
        } else {
            out.add("Action needed:");
            for (int i = 0; i < actions.size(); i++) {
                out.add("  " + (i + 1) + ". " + actions.get(i));
            }
        }
        out.add("");
        out.add("Checked in " + took("total") + " (proto copies " + took("protoCopies") + ", stubs " + took("stubs")
                + ", migrations " + took("migrations") + ")");
        return out;
    }

    private void protoLines(ProtoCopies.Result p, List<String> out) {
        long copies = p.copies().size();
        if (p.inSync()) {
            out.add("  " + OK + p.proto() + ": in sync (hash: " + p.shortHash() + ", "
                    + (copies == 0 ? "no copies" : copies == 1 ? "1 copy" : copies + " copies") + ")");
            return;
        }
        out.add("  " + BAD + p.proto() + ": OUT OF SYNC");
        out.add("     - " + rel(p.canonical()) + ": hash " + p.shortHash() + " (canonical)");
        for (Copy c : p.copies()) {
            switch (c.state()) {
                case IN_SYNC -> out.add("     - " + rel(c.path()) + ": hash " + c.shortHash());
                case MISSING -> out.add("     - " + rel(c.path()) + ": MISSING");
                case DIFFERS -> {
                    out.add("     - " + rel(c.path()) + ": hash " + c.shortHash() + (c.newer() == Newer.COPY
                            ? " (newer than the canonical proto)" : " (stale)"));
                    out.add(c.line() > 0
                            ? "       first difference at line " + c.line() + ": canonical " + quote(c.canonicalLine())
                            + ", copy " + quote(c.copyLine())
                            : "       differs in bytes that are not valid UTF-8 text");
                }
            }
        }
    }

    private void migrationLines(MigrationState m, List<String> out) {
        if (!m.checked()) {
            out.add("  " + (options.notCheckedIsDrift() ? BAD : WARN) + m.environment() + ": not checked ("
                    + m.reason() + "); start it with: " + m.startCommand());
            return;
        }
        String applied = m.applied() + (m.applied() == 1 ? " migration" : " migrations") + " applied";
        if (!m.drift()) {
            out.add("  " + OK + m.environment() + ": " + applied);
            return;
        }
        out.add("  " + BAD + m.environment() + ": " + applied + (m.pending().isEmpty() ? ""
                : ", " + m.pending().size() + " pending"));
        m.pending().forEach(x -> out.add("     - pending: " + x));
        m.checksumMismatch().forEach(x -> out.add("     - changed after it was applied: " + x));
        m.appliedMissingFile().forEach(x -> out.add("     - applied, but its file is missing: " + x));
        m.failed().forEach(x -> out.add("     - failed: " + x));
        m.problems().forEach(x -> out.add("     - " + x));
    }

    private void stubLines(StubResult s, List<String> out) {
        String stub = rel(s.stub());
        String proto = protoFileName(s.proto());
        switch (s.state()) {
            case IN_SYNC -> out.add("  " + OK + stub + ": in sync with " + proto);
            case STALE -> {
                out.add("  " + BAD + stub + ": STALE (generated from another version of " + proto + ")");
                s.differences().stream().limit(SHOWN_DIFFERENCES).forEach(d -> out.add("     - " + d));
                if (s.differences().size() > SHOWN_DIFFERENCES) {
                    out.add("     - ... and " + (s.differences().size() - SHOWN_DIFFERENCES) + " more");
                }
            }
            case STALE_BY_TIME -> out.add("  " + WARN + stub + " may be stale (" + proto
                    + " is newer than the stub; by modification time only: " + s.reason() + ")");
            case IN_SYNC_BY_TIME -> out.add("  " + OK + stub + ": newer than " + proto
                    + " (by modification time only: " + s.reason() + ")");
        }
    }

    private void imageLines(ImageState i, List<String> out) {
        switch (i.status()) {
            case FRESH -> out.add("  " + OK + i.service() + ": image built after its newest source ("
                    + (i.newestFile() == null ? "empty build context" : rel(i.newestFile())) + ")");
            case STALE -> out.add("  " + BAD + i.service() + ": image STALE (built " + i.created() + "; "
                    + rel(i.newestFile()) + " changed " + i.newestModified() + ")");
            case NOT_BUILT -> out.add("  " + BAD + i.service() + ": no image built yet");
            case NOT_CHECKED -> out.add("  " + WARN + i.service() + ": not checked (" + i.reason() + ")");
        }
    }

    // ---------------------------------------------------------------- actions

    /** The commands that bring the environment back in sync, in the order to run them. */
    public List<String> actions() {
        Set<String> actions = new LinkedHashSet<>();
        Set<Path> changedPaths = new LinkedHashSet<>();
        copyActions(actions, changedPaths);
        stubActions(actions, changedPaths);
        restartActions(actions, changedPaths);
        migrationActions(actions);
        imageActions(actions);
        init.stream().filter(f -> !f.ok() && f.action() != null)
                .forEach(f -> actions.add(f.subject() + ": " + f.action()));
        return List.copyOf(actions);
    }

    private void copyActions(Set<String> actions, Set<Path> changed) {
        for (ProtoCopies.Result p : protos) {
            for (Copy c : p.copies()) {
                if (c.state() == CopyState.IN_SYNC) {
                    continue;
                }
                changed.add(c.path());
                if (options.copySyncCommand() != null) {
                    actions.add("Run: " + options.copySyncCommand());
                    continue;
                }
                String cp = "cp " + shell(rel(p.canonical())) + " " + shell(rel(c.path()));
                if (c.state() == CopyState.MISSING) {
                    Path dir = c.path().getParent();
                    actions.add("Run: " + (Files.isDirectory(dir) ? "" : "mkdir -p " + shell(rel(dir)) + " && ") + cp);
                } else if (c.newer() == Newer.COPY) {
                    actions.add("Review " + rel(c.path()) + " (changed after the canonical proto): move its changes "
                            + "into " + rel(p.canonical()) + " if they belong there, then run: " + cp);
                } else {
                    actions.add("Run: " + cp);
                }
            }
        }
    }

    private void stubActions(Set<String> actions, Set<Path> changed) {
        // one generator command per proto and output directory, covering every kind of stub found there
        Map<String, Set<StubKind>> kinds = new LinkedHashMap<>();
        Map<String, StubResult> first = new LinkedHashMap<>();
        for (StubResult s : stubs) {
            String key = family(s.kind()) + "|" + s.proto() + "|" + s.outputDir();
            kinds.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(s.kind());
            first.putIfAbsent(key, s);
        }
        Set<String> stale = new LinkedHashSet<>();
        for (StubResult s : stubs) {
            if (s.drift()) {
                changed.add(s.stub());
                stale.add(family(s.kind()) + "|" + s.proto() + "|" + s.outputDir());
            }
        }
        for (String key : stale) {
            if (options.stubCommand() != null) {
                actions.add("Run: " + options.stubCommand());
                continue;
            }
            actions.add("Run: " + generateCommand(first.get(key), kinds.get(key)));
        }
    }

    private String generateCommand(StubResult s, Set<StubKind> kinds) {
        String include = shell(rel(options.canonicalDir()));
        String proto = shell(rel(options.canonicalDir().resolve(s.proto())));
        String out = shell(rel(s.outputDir()));
        if (family(s.kind()).equals("python")) {
            return "python -m grpc_tools.protoc -I " + include
                    + (kinds.contains(StubKind.PYTHON) ? " --python_out=" + out : "")
                    + (kinds.contains(StubKind.PYTHON_GRPC) ? " --grpc_python_out=" + out : "") + " " + proto;
        }
        String path = s.stub().toString().replace('\\', '/');
        int target = path.indexOf("/target/");
        if (target >= 0) {
            // sources a Maven build generates: the build regenerates them
            Path module = Path.of(path.substring(0, target));
            return "mvn -f " + shell(rel(module.resolve("pom.xml"))) + " generate-sources";
        }
        return "protoc -I " + include
                + (kinds.contains(StubKind.JAVA) ? " --java_out=" + out : "")
                + (kinds.contains(StubKind.JAVA_GRPC)
                ? " --plugin=protoc-gen-grpc-java=$(command -v protoc-gen-grpc-java) --grpc-java_out=" + out : "")
                + " " + proto;
    }

    private static String family(StubKind kind) {
        return kind == StubKind.PYTHON || kind == StubKind.PYTHON_GRPC ? "python" : "java";
    }

    private void restartActions(Set<String> actions, Set<Path> changed) {
        for (var e : options.serviceDirectories().entrySet()) {
            Path dir = e.getValue().toAbsolutePath().normalize();
            if (changed.stream().anyMatch(p -> p.toAbsolutePath().normalize().startsWith(dir))) {
                actions.add("Restart the " + e.getKey() + " service: mvn gladys:restart -D" + PropertyNames.SERVICE_SHORT + "=" + e.getKey());
            }
        }
    }

    private void migrationActions(Set<String> actions) {
        for (MigrationState m : migrations) {
            if (!m.checked()) {
                if (options.notCheckedIsDrift()) {
                    actions.add("Start the " + m.environment() + " database and check again: " + m.startCommand());
                }
                continue;
            }
            for (String f : m.checksumMismatch()) {
                actions.add("Restore " + f + " to the content applied to " + m.environment() + ": an applied "
                        + "migration must not change (put the change in a new migration file)");
            }
            if (!m.appliedMissingFile().isEmpty()) {
                actions.add("Restore the migration file" + (m.appliedMissingFile().size() == 1 ? " " : "s ")
                        + String.join(", ", m.appliedMissingFile()) + " (applied to " + m.environment()
                        + ") to the migrations directory");
            }
            for (String f : m.failed()) {
                actions.add("Fix the failed migration " + f + " in " + m.environment() + " and remove its failed "
                        + "row from " + io.gladys.db.Migrations.HISTORY_TABLE);
            }
            actions.addAll(m.problems());
            if (!m.pending().isEmpty()) {
                actions.add("Run: " + m.migrateCommand());
            }
        }
    }

    private void imageActions(Set<String> actions) {
        if (images == null) {
            return;
        }
        for (ImageState i : images) {
            if (i.drift()) {
                actions.add("Run: docker compose" + (i.composeFile() == null ? "" : " -f " + shell(rel(i.composeFile())))
                        + " up -d --build " + i.service());
            }
        }
    }

    // ---------------------------------------------------------------- json

    public String json() {
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("inSync", !drift());
        root.put("protos", protos.stream().map(this::protoJson).toList());
        root.put("stubs", stubs.stream().map(this::stubJson).toList());
        // one shape: fields that do not apply are null or empty, never missing
        root.put("stubsByModificationTime", stubsByTimeReason);
        root.put("migrations", migrations.stream().map(this::migrationJson).toList());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("checked", images != null);
        d.put("reason", images != null || imagesNotChecked != null ? imagesNotChecked
                : "no Compose file, or offline");
        d.put("images", images == null ? List.of() : images.stream().map(this::imageJson).toList());
        root.put("docker", d);
        root.put("databaseInitialisation", init.stream().map(f -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("subject", f.subject());
            j.put("ok", f.ok());
            j.put("message", f.message());
            j.put("action", f.action());
            return j;
        }).toList());
        root.put("actions", actions());
        root.put("timingsMs", timings);
        return Json.write(root);
    }

    private Map<String, Object> protoJson(ProtoCopies.Result p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proto", p.proto());
        m.put("canonical", rel(p.canonical()));
        m.put("hash", p.hash());
        m.put("inSync", p.inSync());
        m.put("copies", p.copies().stream().map(c -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("path", rel(c.path()));
            j.put("state", lower(c.state()));
            j.put("hash", c.hash());
            if (c.state() == CopyState.DIFFERS) {
                j.put("line", c.line());
                j.put("canonicalLine", c.canonicalLine());
                j.put("copyLine", c.copyLine());
            }
            if (c.newer() != null) {
                j.put("newer", lower(c.newer()));
            }
            return j;
        }).toList());
        return m;
    }

    private Map<String, Object> stubJson(StubResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stub", rel(s.stub()));
        m.put("kind", lower(s.kind()));
        m.put("proto", s.proto());
        m.put("state", lower(s.state()));
        m.put("differences", s.differences());
        if (s.reason() != null) {
            m.put("byModificationTime", s.reason());
        }
        return m;
    }

    private Map<String, Object> migrationJson(MigrationState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", s.environment());
        m.put("checked", s.checked());
        if (!s.checked()) {
            m.put("reason", s.reason());
            m.put("startCommand", s.startCommand());
            return m;
        }
        m.put("inSync", !s.drift());
        m.put("applied", s.applied());
        m.put("pending", s.pending());
        m.put("appliedMissingFile", s.appliedMissingFile());
        m.put("checksumMismatch", s.checksumMismatch());
        m.put("failed", s.failed());
        m.put("problems", s.problems());
        return m;
    }

    private Map<String, Object> imageJson(ImageState i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", i.service());
        m.put("image", i.image());
        m.put("status", lower(i.status()));
        m.put("created", i.created() == null ? null : i.created().toString());
        m.put("newestFile", i.newestFile() == null ? null : rel(i.newestFile()));
        m.put("newestModified", i.newestModified() == null ? null : i.newestModified().toString());
        if (i.status() == ImageStatus.NOT_CHECKED) {
            m.put("reason", i.reason());
        }
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path root = options.projectDir();
        String s = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        return s.isEmpty() ? "." : s.replace('\\', '/');
    }

    private static String protoFileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String quote(String line) {
        if (line == null) {
            return "(end of file)";
        }
        String l = line.length() > SHOWN_LINE ? line.substring(0, SHOWN_LINE) + "..." : line;
        return "\"" + l + "\"";
    }

    /** A path as a shell word: quoted only when it needs to be. */
    private static String shell(String path) {
        return path.matches("[\\w./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    private String took(String part) {
        return Durations.seconds(timings.getOrDefault(part, 0L), 2);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text().stream().collect(Collectors.joining("\n"));
    }
}
