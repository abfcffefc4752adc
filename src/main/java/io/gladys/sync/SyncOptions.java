package io.gladys.sync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What sync-check looks at and how strict it is. Build with {@link #builder(Path)}; every list may be
 * left empty for the defaults.
 *
 * @param projectDir         the project root; report paths are shown relative to it
 * @param canonicalDir       the canonical protos (default {@code proto/})
 * @param copyLocations      configured copy locations; empty: search the whole project (no "missing" report)
 * @param stubRoots          where generated stubs are searched; empty: the whole project
 * @param excludes           directory names skipped at any depth, or project-relative paths (with a '/')
 * @param protoIncludes      extra {@code -I} directories the canonical protos import from
 * @param protoc             the protoc executable (resolved on demand, only when stubs are found); null:
 *                           stubs are compared by modification time only
 * @param environments       environments whose migrations are checked
 * @param docker             the Docker engine's images; null: no engine answered, images are not reported
 * @param offline            leave out the checks that need a running database or Docker engine
 * @param notCheckedIsDrift  whether an environment whose database does not answer counts as drift
 * @param copySyncCommand    the project's own command that copies the protos (e.g. a sync script); null:
 *                           {@code cp} commands are suggested
 * @param stubCommand        the project's own command that regenerates the stubs; null: protoc commands
 * @param serviceDirectories catalog service name to its working directory, to say which services to
 *                           restart after their protos or stubs change
 * @param composeFile        the project's Compose file, whose database init directory is checked; null: none
 * @param schemaBaseline     the schema file databases start from, checked against their baselines; null: none
 */
public record SyncOptions(Path projectDir, Path canonicalDir, List<CopyLocation> copyLocations, List<Path> stubRoots,
                          List<String> excludes, List<Path> protoIncludes, Supplier<Path> protoc,
                          List<EnvironmentTarget> environments, DockerImages docker, boolean offline,
                          boolean notCheckedIsDrift, String copySyncCommand, String stubCommand,
                          Map<String, Path> serviceDirectories, Path composeFile,
                          io.gladys.db.SchemaBaseline schemaBaseline) {

    /** Never holding copies or stubs to check: build output, VCS data, dependencies, the plugin's state. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("target", ".git", "node_modules", ".gladys",
            // virtual environments hold other packages' generated stubs and are large to walk
            ".venv", "__pycache__");

    public SyncOptions {
        copyLocations = List.copyOf(copyLocations);
        stubRoots = List.copyOf(stubRoots);
        excludes = List.copyOf(excludes);
        protoIncludes = List.copyOf(protoIncludes);
        environments = List.copyOf(environments);
        serviceDirectories = Map.copyOf(serviceDirectories);
    }

    public static Builder builder(Path projectDir) {
        return new Builder(projectDir);
    }

    /** Directories searched for copies: the configured locations, or else the project. */
    List<Path> copyRoots() {
        return copyLocations.isEmpty() ? List.of(projectDir) : copyLocations.stream().map(CopyLocation::directory)
                .toList();
    }

    List<Path> stubSearchRoots() {
        return stubRoots.isEmpty() ? List.of(projectDir) : stubRoots;
    }

    public static final class Builder {
        private final Path projectDir;
        private Path canonicalDir;
        private final List<CopyLocation> copyLocations = new ArrayList<>();
        private final List<Path> stubRoots = new ArrayList<>();
        private List<String> excludes = DEFAULT_EXCLUDES;
        private final List<Path> protoIncludes = new ArrayList<>();
        private Supplier<Path> protoc;
        private final List<EnvironmentTarget> environments = new ArrayList<>();
        private DockerImages docker;
        private boolean offline;
        private boolean notCheckedIsDrift;
        private String copySyncCommand;
        private String stubCommand;
        private final Map<String, Path> serviceDirectories = new LinkedHashMap<>();
        private Path composeFile;
        private io.gladys.db.SchemaBaseline schemaBaseline;

        private Builder(Path projectDir) {
            this.projectDir = projectDir.toAbsolutePath().normalize();
            this.canonicalDir = this.projectDir.resolve("proto");
        }

        /** Relative paths are taken from the project directory. */
        public Builder canonicalDir(Path dir) {
            this.canonicalDir = projectDir.resolve(dir);
            return this;
        }

        public Builder copyLocation(CopyLocation location) {
            copyLocations.add(new CopyLocation(projectDir.resolve(location.directory()), location.protos()));
            return this;
        }

        public Builder stubRoot(Path dir) {
            stubRoots.add(projectDir.resolve(dir));
            return this;
        }

        /** Replaces the default excludes. */
        public Builder excludes(List<String> excludes) {
            this.excludes = List.copyOf(excludes);
            return this;
        }

        public Builder protoInclude(Path dir) {
            protoIncludes.add(projectDir.resolve(dir));
            return this;
        }

        public Builder protoc(Supplier<Path> protoc) {
            this.protoc = protoc;
            return this;
        }

        public Builder environment(EnvironmentTarget environment) {
            environments.add(environment);
            return this;
        }

        public Builder docker(DockerImages docker) {
            this.docker = docker;
            return this;
        }

        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder notCheckedIsDrift(boolean value) {
            this.notCheckedIsDrift = value;
            return this;
        }

        public Builder copySyncCommand(String command) {
            this.copySyncCommand = command;
            return this;
        }

        public Builder stubCommand(String command) {
            this.stubCommand = command;
            return this;
        }

        public Builder serviceDirectory(String service, Path dir) {
            serviceDirectories.put(service, projectDir.resolve(dir));
            return this;
        }

        public Builder composeFile(Path file) {
            this.composeFile = file == null ? null : projectDir.resolve(file);
            return this;
        }

        public Builder schemaBaseline(io.gladys.db.SchemaBaseline baseline) {
            this.schemaBaseline = baseline;
            return this;
        }

        public SyncOptions build() {
            return new SyncOptions(projectDir, canonicalDir, copyLocations, stubRoots, excludes, protoIncludes, protoc,
                    environments, docker, offline, notCheckedIsDrift, copySyncCommand, stubCommand,
                    serviceDirectories, composeFile, schemaBaseline);
        }
    }
}
