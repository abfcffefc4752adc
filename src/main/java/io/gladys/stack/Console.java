package io.gladys.stack;

/** Where progress and results go: Maven's log for humans, standard output for machine-readable data. */
public interface Console {
    void info(String line);

    void warn(String line);

    /** Machine-readable output (JSON, CSV): printed as is, without a log prefix. */
    void data(String text);

    /** A console that drops everything (for tests and quiet callers). */
    Console SILENT = new Console() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void data(String text) {
        }
    };
}
