package io.gladys.session;

import io.gladys.common.Sha256;
import io.gladys.common.AtomicWrite;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content-addressed copies of snapshot jars, which a later install may overwrite in place. The hash of a
 * jar is remembered beside its copy with the jar's size and time ({@code NAME.pin}): every goal pins the
 * plugin's jar, and hashing it again costs a cold JVM about 50 ms, while an install always gives the
 * file a new time.
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
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(jar,
                    java.nio.file.attribute.BasicFileAttributes.class);
            String stamp = jar.toAbsolutePath() + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis() + "\n";
            Path pin = dir.resolve(base + ".pin");
            if (Files.isRegularFile(pin)) {
                String[] known = Files.readString(pin).split("\n", -1);
                Path pinned = known.length > 3 ? dir.resolve(known[3]) : null;
                if (pinned != null && Files.readString(pin).startsWith(stamp) && Files.isRegularFile(pinned)) {
                    return pinned;
                }
            }
            Path pinned = dir.resolve(base + "-" + Sha256.hex(jar).substring(0, 16) + ".jar");
            if (!Files.exists(pinned)) {
                AtomicWrite.copy(jar, pinned);
            }
            AtomicWrite.writeString(pin, stamp + pinned.getFileName());
            return pinned;
        } catch (IOException e) {
            throw new StackException("Cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
