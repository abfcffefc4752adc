package io.gladys.local.agent;

import io.gladys.common.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.stream.Stream;

/**
 * Which build of the plugin a JVM runs: a hash of the jar its classes come from, over every entry's
 * name, size and CRC-32 as the jar's central directory lists them (the JVM has that directory open
 * already: no byte of the jar is read again); for a directory of classes, of every file's name, size
 * and time. A SNAPSHOT keeps its version string from one
 * build to the next, so the version alone cannot tell a goal that an agent runs older code.
 */
public final class AgentBuild {

    private static volatile String hash;

    private AgentBuild() {
    }

    public static String hash() {
        String h = hash;
        if (h == null) {
            h = compute();
            hash = h;
        }
        return h;
    }

    private static String compute() {
        try {
            Path source = Path.of(AgentBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest md = Sha256.digest();
            if (Files.isRegularFile(source)) {
                try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(source.toFile())) {
                    jar.stream().forEach(e -> md.update((e.getName() + " " + e.getSize() + " " + e.getCrc() + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                return Sha256.hex(md).substring(0, 16);
            }
            try (Stream<Path> files = Files.walk(source)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    try {
                        md.update((source.relativize(f) + " " + Files.size(f) + " "
                                + Files.getLastModifiedTime(f).toMillis() + "\n").getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return Sha256.hex(md).substring(0, 16);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
