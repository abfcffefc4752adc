import io.gladys.local.logs.LogFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The plugin's log tail on a large file, timed inside the JVM (so JVM start-up is not counted):
 * java -cp target/classes bench/TailBench.java FILE LINES [REPEATS]
 */
public class TailBench {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int lines = Integer.parseInt(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long best = Long.MAX_VALUE;
        List<String> out = List.of();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            out = LogFiles.tail(file, lines);
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (repeats > 1) {
            System.err.printf("LogFiles.tail(%d lines): best of %d = %.3f ms%n", lines, repeats, best / 1e6);
        } else {
            out.forEach(System.out::println);
        }
    }
}
