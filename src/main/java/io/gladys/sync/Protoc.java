package io.gladys.sync;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.gladys.config.PropertyNames;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * protoc, run once over all canonical protos to get their descriptors ({@code --descriptor_set_out}).
 * The protoc Maven artifact is a bare executable without Google's include directory, so the well-known
 * types ({@code google/protobuf/timestamp.proto}, ...) are taken from protobuf-java, which ships them.
 */
public final class Protoc {

    /** The .proto files protobuf-java carries as resources. */
    private static final List<String> WELL_KNOWN = List.of("any.proto", "api.proto", "descriptor.proto",
            "duration.proto", "empty.proto", "field_mask.proto", "java_features.proto", "source_context.proto",
            "struct.proto", "timestamp.proto", "type.proto", "wrappers.proto");

    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    public Protoc(Path executable) {
        this.executable = executable;
    }

    /** The Maven coordinates of protoc for this machine's platform ({@code com.google.protobuf:protoc}). */
    public static String coordinates(String version) {
        return "com.google.protobuf:protoc:exe:" + classifier() + ":" + version;
    }

    /**
     * protoc resolved on demand, by the build's repositories.
     *
     * @param resolve resolves Maven coordinates into a file; throws IllegalStateException with its reason
     */
    public static Supplier<Path> resolvedBy(Function<String, Path> resolve, String version) {
        return () -> {
            String coords = coordinates(version);
            try {
                return resolve.apply(coords);
            } catch (IllegalStateException e) {
                throw new SyncException("Cannot resolve protoc (" + coords + "): " + e.getMessage()
                        + ". Check the Maven repositories, or -D" + PropertyNames.PROTOC_VERSION + ".", e);
            }
        };
    }

    /** The platform classifier of protoc artifacts, as os-maven-plugin names it. */
    static String classifier() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "windows" : os;
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> arch;
        };
        return o + "-" + a;
    }

    /** protoc's failure, with what it printed. */
    public static final class ProtocException extends Exception {
        public ProtocException(String message) {
            super(message);
        }
    }

    /**
     * Compiles the named protos (relative to {@code protoDir}) and returns their descriptors by name,
     * without source info, as protoc resolved them.
     */
    public Map<String, FileDescriptorProto> compile(Path protoDir, List<String> names, List<Path> includes)
            throws ProtocException, IOException {
        Path work = Files.createTempDirectory("gladys-sync-protoc");
        try {
            Path exe = runnable(work);
            Path wellKnown = work.resolve("include");
            extractWellKnownTypes(wellKnown);
            Path out = work.resolve("descriptors.pb");
            List<String> args = new ArrayList<>();
            args.add("-I" + protoDir.toAbsolutePath());
            includes.forEach(i -> args.add("-I" + i.toAbsolutePath()));
            args.add("-I" + wellKnown);
            args.add("--include_imports");
            args.add("--descriptor_set_out=" + out);
            args.addAll(names);
            // an argument file keeps a thousand protos clear of the command-line length limit
            Path argFile = work.resolve("args.txt");
            Files.write(argFile, args, StandardCharsets.UTF_8);
            run(List.of(exe.toString(), "@" + argFile), work, protoDir.toAbsolutePath() + java.io.File.separator);
            FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(out));
            Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
            set.getFileList().forEach(f -> byName.put(f.getName(), f));
            return byName;
        } finally {
            deleteTree(work);
        }
    }

    /** The executable, or a runnable copy of it when the file lacks the execute bit (as in a Maven repository). */
    private Path runnable(Path work) throws IOException, ProtocException {
        if (!Files.isRegularFile(executable)) {
            throw new ProtocException("protoc was not found at " + executable);
        }
        if (Files.isExecutable(executable)) {
            return executable;
        }
        Path copy = work.resolve("protoc" + (executable.toString().endsWith(".exe") ? ".exe" : ""));
        Files.copy(executable, copy, StandardCopyOption.REPLACE_EXISTING);
        if (!copy.toFile().setExecutable(true, true)) {
            throw new ProtocException("protoc at " + executable + " is not executable and cannot be made so");
        }
        return copy;
    }

    public static void extractWellKnownTypes(Path includeDir) throws IOException {
        Path dir = includeDir.resolve("google/protobuf");
        Files.createDirectories(dir);
        ClassLoader loader = Protoc.class.getClassLoader();
        for (String name : WELL_KNOWN) {
            try (InputStream in = loader.getResourceAsStream("google/protobuf/" + name)) {
                if (in != null) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** @param shownRelativeTo a path prefix removed from protoc's messages, so they name protos as people do */
    private static void run(List<String> command, Path dir, String shownRelativeTo) throws IOException, ProtocException {
        Path log = dir.resolve("protoc.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ProtocException("protoc did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProtocException("interrupted while protoc ran");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String shown = String.join("; ", lines.subList(0, Math.min(5, lines.size())))
                    .replace(shownRelativeTo, "");
            throw new ProtocException("protoc failed (exit " + p.exitValue() + "): "
                    + (shown.isBlank() ? "no message" : shown));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
