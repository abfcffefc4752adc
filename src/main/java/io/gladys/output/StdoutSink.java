package io.gladys.output;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Data straight to standard output's file descriptor, with a large buffer: the one path every goal's
 * data takes to the console. Maven's System.out is not the process's standard output: Maven 3 may
 * filter every character for colour codes (which a million rows would pay for), and Maven 4 captures
 * it and logs each line as {@code [INFO] [stdout] ...}, which breaks {@code mvn -q ... | jq}.
 */
public final class StdoutSink implements DataSink {

    private PrintStream bytes;
    private PrintWriter writer;

    /** A writer on standard output; the caller flushes it. */
    public static PrintWriter stdout() {
        return writer(descriptor());
    }

    private static OutputStream descriptor() {
        System.out.flush();
        return new FileOutputStream(FileDescriptor.out);
    }

    private static PrintWriter writer(OutputStream out) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16),
                false);
    }

    @Override
    public Writer writer() {
        if (writer == null) {
            writer = writer(stream());
        }
        return writer;
    }

    @Override
    public OutputStream stream() {
        if (bytes == null) {
            // a PrintStream, like the PrintWriter: a reader that goes away (| head) ends the output quietly
            bytes = new PrintStream(new BufferedOutputStream(descriptor(), 1 << 16), false);
        }
        if (writer != null) {
            writer.flush();
        }
        return bytes;
    }

    @Override
    public Redirect processOutput() {
        return Redirect.INHERIT;
    }

    @Override
    public void commit() {
        flush();
    }

    @Override
    public Optional<Path> file() {
        return Optional.empty();
    }

    @Override
    public void close() {
        flush();
    }

    private void flush() {
        if (writer != null) {
            writer.flush();
        }
        if (bytes != null) {
            bytes.flush();
        }
    }
}
