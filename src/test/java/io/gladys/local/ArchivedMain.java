package io.gladys.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * A Java service for the class-data archive tests: prints the archives its JVM mapped (from
 * /proc/self/maps, where a mapped archive shows), then "ready", and waits to be stopped.
 */
public final class ArchivedMain {

    public static final String MAPPED = "mapped ";
    public static final String READY = "ready";

    public static void main(String[] args) throws Exception {
        TreeSet<String> archives = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith(".jsa")) {
                archives.add(line.substring(line.indexOf('/')));
            }
        }
        archives.forEach(a -> System.out.println(MAPPED + a));
        System.out.println(READY);
        Thread.sleep(Long.MAX_VALUE);
    }
}
