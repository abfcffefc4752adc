package io.gladys.local;

import io.gladys.local.runner.ServiceRunner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The class path a service's runner is launched with: only the entry that holds the runner (it needs
 * nothing but the JDK and this plugin's own classes), which makes its JVM start measurably quicker
 * than with the plugin's whole class path. The whole class path when no entry is found.
 */
final class RunnerClasspath {

    private static final String RUNNER = ServiceRunner.class.getName().replace('.', '/') + ".class";

    private RunnerClasspath() {
    }

    static String of(List<Path> classpath) {
        for (Path p : classpath) {
            if (holdsRunner(p)) {
                return p.toString();
            }
        }
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    private static boolean holdsRunner(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(RUNNER));
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.getEntry(RUNNER) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
