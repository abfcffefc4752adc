package io.gladys.session;

import io.gladys.common.Sha256;
import io.gladys.common.AtomicWrite;
import io.gladys.common.Remembered;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content-addressed copies of snapshot jars, which a later install may overwrite in place. The name of
 * a jar's copy (its hash) is {@linkplain Remembered remembered} beside it ({@code NAME.pin}): every goal
 * pins the plugin's jar, and hashing it again would cost a cold JVM about 50 ms.
 */
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
            String copy = Remembered.value(jar, dir.resolve(base + ".pin"),
                    known -> Files.isRegularFile(dir.resolve(known)), j -> base + "-" + Sha256.hex(j).substring(0, 16) + ".jar");
            Path pinned = dir.resolve(copy);
            if (!Files.exists(pinned)) {
                AtomicWrite.copy(jar, pinned);
            }
            return pinned;
        } catch (IOException e) {
            throw new StackException("Cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
