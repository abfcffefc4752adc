package io.gladys.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test support: the protoc and protoc-gen-grpc-java executables from the local Maven repository (the
 * same artifacts the build uses), runnable copies of them, and the fixture trees.
 */
final class Fixtures {

    static final String PROTOBUF_VERSION = "4.36.2";
    static final String GRPC_VERSION = "1.83.1";

    private static Path tools;

    private Fixtures() {
    }

    static Path basedir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** The repository's own protos. */
    static Path repoProtos() {
        return basedir().resolve("proto");
    }

    static Path resource(String path) {
        return basedir().resolve("src/test/resources/sync").resolve(path);
    }

    static Path localRepository() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** protoc as the Maven artifact is stored: without the execute bit. */
    static Path protocArtifact() {
        return localRepository().resolve("com/google/protobuf/protoc/" + PROTOBUF_VERSION + "/protoc-"
                + PROTOBUF_VERSION + "-linux-x86_64.exe");
    }

    static Path grpcJavaArtifact() {
        return localRepository().resolve("io/grpc/protoc-gen-grpc-java/" + GRPC_VERSION + "/protoc-gen-grpc-java-"
                + GRPC_VERSION + "-linux-x86_64.exe");
    }

    /** Runnable copies of protoc and the grpc-java plugin, plus the well-known protos, made once per JVM. */
    static synchronized Path tools() {
        if (tools == null) {
            try {
                Path dir = Files.createTempDirectory("gladys-sync-tools");
                copyExecutable(protocArtifact(), dir.resolve("protoc"));
                copyExecutable(grpcJavaArtifact(), dir.resolve("protoc-gen-grpc-java"));
                Protoc.extractWellKnownTypes(dir.resolve("include"));
                tools = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tools;
    }

    private static void copyExecutable(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new IllegalStateException(from + " is not in the local Maven repository; run a build once online");
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        if (!to.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + to + " executable");
        }
    }

    /**
     * Runs protoc on protos of {@code protoDir} (names relative to it), with the well-known types on the
     * include path, and the given output options (e.g. {@code --python_out=DIR}).
     */
    static void protoc(Path protoDir, List<String> outputs, String... protos) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tools().resolve("protoc").toString());
        cmd.add("-I" + protoDir);
        cmd.add("-I" + tools().resolve("include"));
        cmd.add("--plugin=protoc-gen-grpc-java=" + tools().resolve("protoc-gen-grpc-java"));
        cmd.addAll(outputs);
        cmd.addAll(List.of(protos));
        try {
            for (String o : outputs) {
                int eq = o.indexOf('=');
                if (o.startsWith("--") && eq > 0 && o.substring(0, eq).endsWith("_out")) {
                    Files.createDirectories(Path.of(o.substring(eq + 1)));
                }
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("protoc failed: " + cmd + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets one modification time on every file of a tree, so tests can then make one side newer. */
    static void touchTree(Path root, Instant time) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    Files.setLastModifiedTime(p, FileTime.from(time));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void touch(Path file, Instant time) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture project copied into a scratch directory, all files with one old modification time. */
    static Path project(Path scratch) {
        Path project = scratch.resolve("project");
        copyTree(resource("project"), project);
        touchTree(project, Instant.parse("2024-01-01T00:00:00Z"));
        return project;
    }
}
