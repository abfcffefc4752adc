package io.gladys.local;

import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

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
        String runner = "io/gladys/local/runner/ServiceRunner.class";
        if (Files.isDirectory(entry)) {
            assertThat(entry.resolve(runner)).exists();
        } else {
            try (ZipFile jar = new ZipFile(entry.toFile())) {
                assertThat(jar.getEntry(runner)).isNotNull();
            }
        }
    }

    @Test
    void withoutSuchAnEntryTheWholeClassPathIsUsed() {
        List<Path> cp = List.of(Path.of("/nonexistent/a.jar"), Path.of("/nonexistent/b"));
        assertThat(RunnerClasspath.of(cp)).isEqualTo("/nonexistent/a.jar" + File.pathSeparator + "/nonexistent/b");
    }
}
