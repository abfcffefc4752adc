package io.gladys.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's --after-exit-move, with a real runner and a real service process. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AfterExitMoveTest {

    @TempDir
    Path dir;

    /** Runs the runner over {@code sh -c script}, where $1 is the file the service writes; its exit record. */
    private ExitRecord run(String script) throws Exception {
        Process runner = runner("", script);
        try {
            assertThat(runner.waitFor(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            runner.destroyForcibly();
        }
        return ExitRecord.read(dir.resolve("exit")).orElseThrow();
    }

    /** A runner whose files are named with {@code id}, all moving to archive.jsa. */
    private Process runner(String id, String script) throws Exception {
        Path from = dir.resolve("archive" + id + ".part");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServiceRunner.class.getName(),
                "--record", dir.resolve("record" + id).toString(), "--exit", dir.resolve("exit" + id).toString(),
                "--log", dir.resolve("log" + id).toString(), "--control", "portable",
                "--after-exit-move", from.toString(), dir.resolve("archive.jsa").toString(),
                "--", "sh", "-c", script, "sh", from.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out" + id).toFile())
                .start();
    }

    @Test
    void servicesEndingTogetherLeaveOneWholeFile() throws Exception {
        List<String> contents = new ArrayList<>();
        List<Process> runners = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                String content = String.valueOf(i).repeat(1 << 20);
                contents.add(content);
                runners.add(runner("-" + i, "head -c " + (1 << 20) + " /dev/zero | tr '\\0' " + i + " > \"$1\"; exit 0"));
            }
            for (Process r : runners) {
                assertThat(r.waitFor(1, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            runners.forEach(Process::destroyForcibly);
        }
        assertThat(contents).contains(Files.readString(dir.resolve("archive.jsa")));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aFileWrittenByAServiceThatEndedInOrderIsMoved() throws Exception {
        ExitRecord exit = run("echo complete > \"$1\"; exit 0");
        assertThat(exit.exitCode()).isZero();
        assertThat(dir.resolve("archive.jsa")).hasContent("complete");
        assertThat(dir.resolve("archive.part")).doesNotExist();
    }

    @Test
    void aFileOfAServiceEndedBySigtermIsMoved() throws Exception {
        ExitRecord exit = run("echo complete > \"$1\"; kill -TERM $$");
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(dir.resolve("archive.jsa")).hasContent("complete");
    }

    @Test
    void aFileOfAKilledServiceIsDeletedNotMoved() throws Exception {
        ExitRecord exit = run("echo half > \"$1\"; kill -KILL $$");
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(dir.resolve("archive.jsa")).doesNotExist();
        assertThat(dir.resolve("archive.part")).doesNotExist();
    }

    @Test
    void whatEndsInOrder() {
        assertThat(List.of(0, 1, 127, 129, 130, 143)).allMatch(ServiceRunner::endedInOrder);
        assertThat(List.of(134, 137, 139, -1)).noneMatch(ServiceRunner::endedInOrder);
    }
}
