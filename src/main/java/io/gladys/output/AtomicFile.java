package io.gladys.output;

import io.gladys.common.AtomicWrite;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that a reader sees whole or not at all: the data goes to a temporary file beside it (same
 * directory, so same file system) and is renamed over it on {@link #commit()}. Closing without a
 * commit deletes the temporary file and leaves an existing file as it was.
 */
public final class AtomicFile implements DataSink {

    private final Path target;
    private final Path temp;
    private OutputStream bytes;
    private Writer writer;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the file's directories and its temporary file; fails with a clear message when it cannot. */
    public static AtomicFile create(Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new OutputException("Cannot write the output file " + target + ": it is a directory. "
                    + "Give a file name.", null);
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new OutputException("Cannot write the output file " + target + ": " + existing
                    + " is a file, not a directory. Give a path in a writable directory.", null);
        }
        try {
            Files.createDirectories(dir);
            // hidden, and named after the target, so a leftover from a killed JVM says what it was
            return new AtomicFile(target, Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new OutputException("Cannot write the output file " + target + ": " + reason(e)
                    + ". Give a path in a writable directory.", e);
        }
    }

    public Path temp() {
        return temp;
    }

    @Override
    public Writer writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream(), StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    @Override
    public OutputStream stream() {
        try {
            if (bytes == null) {
                bytes = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            }
            if (writer != null) {
                writer.flush();
            }
            return bytes;
        } catch (IOException e) {
            throw new OutputException("Cannot write the output file " + target + ": " + reason(e) + ".", e);
        }
    }

    @Override
    public Redirect processOutput() {
        return Redirect.to(temp.toFile());
    }

    @Override
    public void commit() {
        try {
            closeStreams();
            AtomicWrite.replace(temp, target);
            committed = true;
        } catch (IOException e) {
            throw new OutputException("Could not complete the output file " + target + ": " + reason(e)
                    + ". It was left as it was.", e);
        }
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(target);
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            closeStreams();
        } catch (IOException e) {
            // the data is discarded anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more can be done; the name says what the leftover is
        }
    }

    private void closeStreams() throws IOException {
        if (writer != null) {
            writer.close();
        } else if (bytes != null) {
            bytes.close();
        }
    }

    /** The file system's reason in words (the JDK's exceptions often carry only a path). */
    static String reason(Exception e) {
        String path = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String where = path == null ? "" : " (" + path + ")";
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied" + where;
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + where;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
