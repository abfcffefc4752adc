package io.gladys.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.stream.Stream;

/**
 * Which build of the plugin a JVM runs: a hash of the jar its classes come from, over every entry's
 * name, size and CRC-32 as the jar's central directory lists them; for a directory of classes, of every
 * file's name, size and time. A SNAPSHOT keeps its version string from one build to the next, so the
 * version alone cannot tell a goal that an agent runs older code, nor that a database was migrated by
 * other code. A jar's hash is
 * {@linkplain Remembered remembered} in the state directory: hashing it costs every cold goal 10 to 20 ms.
 */
public final class PluginBuild {

    private static volatile String hash;

    private PluginBuild() {
    }

    /** This JVM's build; for a jar, remembered in {@code dir} (a stack's {@code lib} directory). */
    public static String hash(Path dir) {
        String h = hash;
        if (h == null) {
            h = compute(dir);
            hash = h;
        }
        return h;
    }

    private static String compute(Path dir) {
        try {
            Path source = Path.of(PluginBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source)) {
                try {
                    return Remembered.value(source, dir.resolve(source.getFileName() + ".build"),
                            known -> known.length() == 16, PluginBuild::ofJar);
                } catch (IOException e) {
                    return ofJar(source); // a state directory that cannot be written: hashed by every goal
                }
            }
            return ofClasses(source);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String ofJar(Path jar) throws IOException {
        MessageDigest md = Sha256.digest();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            zip.stream().forEach(e -> md.update((e.getName() + " " + e.getSize() + " " + e.getCrc() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Sha256.hex(md).substring(0, 16);
    }

    private static String ofClasses(Path dir) throws IOException {
        MessageDigest md = Sha256.digest();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    md.update((dir.relativize(f) + " " + Files.size(f) + " "
                            + Files.getLastModifiedTime(f).toMillis() + "\n").getBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return Sha256.hex(md).substring(0, 16);
    }
}
