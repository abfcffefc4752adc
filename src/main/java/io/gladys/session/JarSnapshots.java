package io.gladys.session;

import io.gladys.common.Sha256;
import io.gladys.common.AtomicWrite;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            Path pinned = dir.resolve(base + "-" + Sha256.hex(jar).substring(0, 16) + ".jar");
            if (!Files.exists(pinned)) {
                AtomicWrite.copy(jar, pinned);
            }
            return pinned;
        } catch (IOException e) {
            throw new StackException("Cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
