package io.gladys.plugin;

import io.gladys.output.StdoutSink;
import io.gladys.stack.Console;
import org.apache.maven.plugin.logging.Log;

import java.io.PrintWriter;

/**
 * Human output through Maven's log; machine-readable output to the process's real standard output
 * ({@link StdoutSink}), past whatever Maven put in place of System.out: Maven 4 logs what a plugin
 * writes to System.out as {@code [INFO] [stdout] ...}, which no JSON reader takes.
 */
final class MavenConsole implements Console {

    private final Log log;
    private PrintWriter stdout;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public synchronized void data(String text) {
        if (stdout == null) {
            stdout = StdoutSink.stdout();
        }
        // what Maven's log holds goes first, so data and log lines keep the order they were written in
        System.out.flush();
        stdout.print(text);
        stdout.print('\n');
        stdout.flush();
    }
}
