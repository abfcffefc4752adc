package io.gladys.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files a reader sees whole or not at all: the bytes go to a temporary file beside the target (same
 * directory, so the same file system), which is then renamed over it. A reader of the target sees the
 * old file or the new one, never half of either; a writer killed half way leaves only a hidden
 * temporary file named after the target.
 */
public final class AtomicWrite {

    /** What writes a file's bytes. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    /** Writes the file through a temporary file beside it, creating its directory first. */
    public static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                body.write(out);
            }
            replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the text as UTF-8. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Copies the source's bytes into the file. */
    public static void copy(Path source, Path file) throws IOException {
        write(file, out -> Files.copy(source, out));
    }

    /**
     * Renames {@code source} over {@code target} in one step (a file or a directory); where the file
     * system cannot rename atomically, a plain replacing move.
     */
    public static void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
