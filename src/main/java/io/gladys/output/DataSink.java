package io.gladys.output;

import java.io.Closeable;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.util.Optional;
import java.nio.file.Path;

/**
 * Where a goal's data (JSON, CSV, a text table) goes: standard output as it is, or a file that
 * appears whole or not at all. Data is written while it is produced, so a large result never sits
 * in memory. {@link #commit()} says the data is complete; closing without it discards a file's data.
 */
public interface DataSink extends Closeable {

    /** The writer the data goes to (opened on first use). */
    Writer writer();

    /**
     * The bytes the data goes to, for data that already is text in UTF-8 (the server's CSV): no
     * decoding and encoding on the way. It is the stream under {@link #writer()}; what the writer
     * holds is flushed into it first.
     */
    OutputStream stream();

    /** For a child process that writes the data itself (psql): where its standard output goes. */
    Redirect processOutput();

    /** The data is complete: a file is moved into place, standard output is flushed. */
    void commit();

    /** The file the data goes to; empty for standard output. */
    Optional<Path> file();

    /** Without a commit, a file's data is discarded; standard output is flushed (what streamed is shown). */
    @Override
    void close();

    /**
     * Standard output ({@code target} null, blank or {@code -}), or the file {@code target}, relative to
     * {@code base}. A file's directories are created; a path that cannot be written fails here, before
     * the goal does any work.
     */
    static DataSink open(String target, Path base) {
        if (target == null || target.isBlank() || target.trim().equals("-")) {
            return new StdoutSink();
        }
        return AtomicFile.create(base.resolve(target.trim()));
    }
}
