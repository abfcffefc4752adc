package io.gladys.sync;

import io.gladys.config.PropertyNames;
import io.gladys.sync.ImageFreshness.ImageState;
import io.gladys.sync.StubCheck.CanonicalDescriptors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers "is my environment in sync?": proto copies by content, generated stubs by meaning, migrations
 * per environment, Docker images against their build contexts. One walk of the project, one protoc run
 * (only when there are stubs), one history read per database.
 */
public final class SyncCheck {

    private final SyncOptions options;

    public SyncCheck(SyncOptions options) {
        this.options = options;
    }

    public SyncReport run() {
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();

        List<CanonicalProto> canonical;
        ProjectScan scan;
        if (!java.nio.file.Files.isDirectory(options.canonicalDir())) {
            throw new SyncException("The canonical proto directory " + options.canonicalDir() + " does not exist: "
                    + "configure the directory that holds the project's protos (default proto/).", null);
        }
        try {
            canonical = CanonicalProto.readAll(options.canonicalDir());
            Set<String> protoNames = new HashSet<>();
            canonical.forEach(c -> protoNames.add(c.fileName()));
            Set<Path> roots = new LinkedHashSet<>(options.copyRoots());
            roots.addAll(options.stubSearchRoots());
            scan = ProjectScan.walk(roots, excludedNames(), excludedDirs(),
                    name -> protoNames.contains(name) || StubCheck.mayBeStub(name));
        } catch (IOException e) {
            throw new SyncException("sync-check cannot read the project: " + e.getMessage(), e);
        }
        timings.put("scan", millisSince(start));

        long t = System.nanoTime();
        List<ProtoCopies.Result> copies;
        try {
            copies = ProtoCopies.check(canonical, options.canonicalDir(), scan, options.copyRoots(),
                    options.copyLocations());
        } catch (UncheckedIOException e) {
            throw new SyncException(e.getMessage(), e);
        }
        timings.put("protoCopies", millisSince(t));

        t = System.nanoTime();
        StubCheck stubCheck = new StubCheck(canonical, () -> descriptors(canonical));
        List<StubCheck.StubResult> stubs;
        try {
            stubs = stubCheck.check(scan, options.stubSearchRoots());
        } catch (IOException e) {
            throw new SyncException("sync-check cannot read a generated stub: " + e.getMessage(), e);
        }
        timings.put("stubs", millisSince(t));

        t = System.nanoTime();
        List<MigrationState> migrations = new ArrayList<>();
        for (EnvironmentTarget env : options.environments()) {
            migrations.add(options.offline()
                    ? MigrationState.notChecked(env, "offline (" + PropertyNames.SYNC_CHECK_OFFLINE + ")")
                    : MigrationCheck.check(env));
        }
        timings.put("migrations", millisSince(t));

        t = System.nanoTime();
        List<ImageState> images = null;
        String imagesNotChecked = null;
        if (options.docker() != null) {
            if (options.offline()) {
                imagesNotChecked = "offline (" + PropertyNames.SYNC_CHECK_OFFLINE + ")";
            } else {
                try {
                    images = options.docker().images().stream().map(ImageFreshness::check).toList();
                } catch (Exception e) {
                    imagesNotChecked = "the Docker engine did not answer: " + e.getMessage();
                }
            }
        }
        timings.put("images", millisSince(t));

        List<DatabaseInit.Finding> init = new ArrayList<>();
        if (options.composeFile() != null && java.nio.file.Files.isRegularFile(options.composeFile())) {
            init.addAll(DatabaseInit.composeInitDirectories(options.composeFile()));
        }
        if (options.schemaBaseline() != null && !options.offline()) {
            for (EnvironmentTarget env : options.environments()) {
                DatabaseInit.baseline(env.label(), env.database(), options.schemaBaseline()).ifPresent(init::add);
            }
        }
        timings.put("total", millisSince(start));

        return new SyncReport(options, copies, stubs, stubCheck.descriptorsUnavailable(), migrations, images,
                imagesNotChecked, init, timings);
    }

    private CanonicalDescriptors descriptors(List<CanonicalProto> canonical) {
        if (options.protoc() == null) {
            return CanonicalDescriptors.unavailable("no protoc configured to compile the canonical protos");
        }
        Path exe;
        try {
            exe = options.protoc().get();
        } catch (RuntimeException e) {
            return CanonicalDescriptors.unavailable("protoc is not available: " + e.getMessage());
        }
        try {
            return new CanonicalDescriptors(new Protoc(exe).compile(options.canonicalDir(),
                    canonical.stream().map(CanonicalProto::name).toList(), options.protoIncludes()), null);
        } catch (Protoc.ProtocException e) {
            return CanonicalDescriptors.unavailable("the canonical protos do not compile: " + e.getMessage());
        } catch (IOException e) {
            return CanonicalDescriptors.unavailable("protoc could not run: " + e.getMessage());
        }
    }

    private Set<String> excludedNames() {
        Set<String> names = new HashSet<>();
        options.excludes().stream().filter(e -> !e.contains("/")).forEach(names::add);
        return names;
    }

    private List<Path> excludedDirs() {
        return options.excludes().stream().filter(e -> e.contains("/"))
                .map(e -> options.projectDir().resolve(e)).toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
