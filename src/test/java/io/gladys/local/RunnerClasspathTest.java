package io.gladys.local;

import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's class path is the one entry that holds it, found among the plugin's. */
class RunnerClasspathTest {

    @Test
    void onlyTheEntryHoldingTheRunnerIsKept() throws Exception {
        List<Path> cp = TestStacks.pluginClasspath();
        String runnerCp = RunnerClasspath.of(cp);
        assertThat(runnerCp).doesNotContain(File.pathSeparator);
        Path entry = Path.of(runnerCp);
        assertThat(cp).contains(entry);
        // the entry holds the runner, in a directory or a jar
        assertThat(Files.isDirectory(entry) ? Files.exists(entry.resolve("io/gladys/local/runner/ServiceRunner.class"))
                : new java.util.zip.ZipFile(entry.toFile()).getEntry("io/gladys/local/runner/ServiceRunner.class") != null)
                .isTrue();
    }

    @Test
    void withoutSuchAnEntryTheWholeClassPathIsUsed() {
        List<Path> cp = List.of(Path.of("/nonexistent/a.jar"), Path.of("/nonexistent/b"));
        assertThat(RunnerClasspath.of(cp)).isEqualTo("/nonexistent/a.jar" + File.pathSeparator + "/nonexistent/b");
    }
}
