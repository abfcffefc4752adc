package io.gladys.local;

import io.gladys.common.Sha256;
import io.gladys.catalog.JavaLaunch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An application class-data archive (AppCDS) for a service launched as a main class of the plugin's
 * {@link JavaLaunch}: the JVM maps the classes an earlier run loaded instead of loading and verifying
 * them again (a reference service's start on JDK 17: 0.70 s of CPU down to 0.42 s).
 *
 * <p>A run without an archive creates it: {@code -XX:ArchiveClassesAtExit} makes the JVM write it when
 * it exits, into a file of that launch only; the stack agent moves it to its final name once the JVM
 * ended in order (only the agent sees how the service ended). Later runs map it with
 * {@code -XX:SharedArchiveFile}. The final name is a key of everything the archive depends on, so a
 * changed jar, JDK, JVM option or main class means another name, hence a new archive; the service's
 * other archives are deleted then.
 *
 * <pre>.gladys/cds/NAME/KEY.jsa              the archive
 * .gladys/cds/NAME/KEY.LAUNCH.part       being written by the JVM of one launch</pre>
 */
final class ClassDataArchive {

    static final String SUFFIX = ".jsa";
    static final String PARTIAL = ".part";

    /** The magic number of a dynamic archive's header (include/cds.h: CDS_DYNAMIC_ARCHIVE_MAGIC). */
    private static final int DYNAMIC_MAGIC = 0xf00baba8;
    /** JDK 17's archive version, whose header layout {@link #looksComplete} knows. */
    private static final int JDK17_VERSION = 11;
    private static final int JDK17_REGIONS = 7;
    private static final int REGION_BYTES = 6 * 4 + 6 * 8;
    private static final int REGIONS_AT = 16;

    /**
     * How one launch changes.
     *
     * @param command the service's command with the archive's JVM option
     * @param written the file this launch's JVM writes at its exit, or null when it maps an archive
     * @param archive the archive's final name
     */
    record Launch(List<String> command, Path written, Path archive) {

        boolean creates() {
            return written != null;
        }
    }

    private ClassDataArchive() {
    }

    /**
     * The launch of {@code command} with an archive, or empty when the command is not a launch of
     * {@code java}'s main class, or its class path (the CLASSPATH it is started with) holds anything but
     * files: the JVM archives classes of jars only, and refuses to write an archive beside a non-empty
     * directory.
     *
     * @param dir     the service's archives
     * @param workDir what relative class path entries are relative to
     */
    static Optional<Launch> plan(List<String> command, String classpath, JavaLaunch java, Path dir, Path workDir,
                                 String launchId) throws IOException {
        Optional<List<String>> main = java.mainOf(command);
        if (main.isEmpty() || classpath == null || classpath.isBlank()) {
            return Optional.empty();
        }
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = workDir.resolve(entry);
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            entries.add(p);
        }
        String key = key(java.javaExecutable(), java.jvmOptions(), main.get().get(0), entries);
        Files.createDirectories(dir);
        Path archive = dir.resolve(key + SUFFIX);
        if (Files.exists(archive) && !looksComplete(archive)) {
            Files.deleteIfExists(archive);
        }
        deleteAllBut(dir, archive);
        int at = command.size() - main.get().size();
        List<String> cmd = new ArrayList<>(command.subList(0, at));
        Path written = null;
        if (Files.exists(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        } else {
            written = dir.resolve(key + "." + launchId + PARTIAL);
            cmd.add("-XX:ArchiveClassesAtExit=" + written);
        }
        cmd.addAll(main.get());
        return Optional.of(new Launch(List.copyOf(cmd), written, archive));
    }

    /**
     * A hash of what makes an archive valid for a launch: the java executable (its real path, and its
     * JDK's lib/modules, which a JDK update rewrites), the JVM options, the main class, and each class
     * path entry's path, size and modification time.
     */
    static String key(Path javaExecutable, List<String> jvmOptions, String mainClass, List<Path> classpath)
            throws IOException {
        MessageDigest sha = Sha256.digest();
        Path java = javaExecutable.toRealPath();
        add(sha, "java", java.toString());
        Path home = java.getParent() == null ? null : java.getParent().getParent();
        Path modules = home == null ? null : home.resolve("lib").resolve("modules");
        add(sha, "modules", modules != null && Files.isRegularFile(modules) ? stamp(modules) : "none");
        for (String option : jvmOptions) {
            add(sha, "option", option);
        }
        add(sha, "main", mainClass);
        for (Path entry : classpath) {
            add(sha, "classpath", entry.toAbsolutePath().normalize() + " " + stamp(entry));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.size() + " " + a.lastModifiedTime().toMillis();
    }

    private static void add(MessageDigest sha, String name, String value) {
        sha.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the file can be handed to the JVM. Its {@code -Xshare:auto} passes over a foreign or stale
     * archive, but JDK 17 dies of SIGBUS on a truncated one (it maps regions past the end of the file), so
     * the regions a JDK 17 header names must lie within the file. Other versions' layouts are left to the
     * JVM: the runner promotes only archives whose JVM ended in order.
     */
    static boolean looksComplete(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(REGIONS_AT + JDK17_REGIONS * REGION_BYTES))
                    .order(ByteOrder.nativeOrder());
            if (header.limit() < 12 || header.getInt(0) != DYNAMIC_MAGIC) {
                return false;
            }
            if (header.getInt(8) != JDK17_VERSION) {
                return true;
            }
            if (header.limit() < REGIONS_AT + JDK17_REGIONS * REGION_BYTES) {
                return false;
            }
            long end = 0;
            for (int i = 0; i < JDK17_REGIONS; i++) {
                int at = REGIONS_AT + i * REGION_BYTES + 6 * 4;
                long offset = header.getLong(at);
                long used = header.getLong(at + 16);
                if (offset < 0 || used < 0) {
                    return false;
                }
                end = Math.max(end, offset + used);
            }
            return Files.size(archive) >= end;
        } catch (IOException e) {
            return false;
        }
    }

    /** The service's archives of other keys, and files earlier launches did not finish. */
    private static void deleteAllBut(Path dir, Path keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!f.equals(keep) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
