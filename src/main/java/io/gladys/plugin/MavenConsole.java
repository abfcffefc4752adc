package io.gladys.plugin;

import io.gladys.stack.Console;
import org.apache.maven.plugin.logging.Log;

/** Human output through Maven's log; machine-readable output straight to standard output. */
final class MavenConsole implements Console {

    private final Log log;

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
    public void data(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
