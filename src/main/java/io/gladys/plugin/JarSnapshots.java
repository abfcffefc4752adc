package io.gladys.plugin;

import io.gladys.stack.StackException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content-addressed copies of snapshot jars, which a later install may overwrite in place. */
final class JarSnapshots {

    private JarSnapshots() {
    }

    static Path pin(Path jar, Path dir) {
        if (!Files.isRegularFile(jar)) {
            return jar; // a directory of classes (a build in the reactor): nothing to pin
        }
        try {
            String name = jar.getFileName().toString();
            String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
            Path pinned = dir.resolve(base + "-" + sha256(jar).substring(0, 16) + ".jar");
            if (!Files.exists(pinned)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".copy", ".jar");
                Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, pinned, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return pinned;
        } catch (IOException e) {
            throw new StackException("Cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
