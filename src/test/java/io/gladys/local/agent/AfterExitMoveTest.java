package io.gladys.local.agent;

import io.gladys.local.state.ExitRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's move of a file a service writes as it exits, with a real agent and real service processes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AfterExitMoveTest {

    @TempDir
    Path dir;

    private LocalAgent agent;

    @AfterEach
    void leave() {
        io.gladys.testing.ItChecks.killLeftovers(dir.resolve("state"));
    }

    /** Runs {@code sh -c script} under the agent, where $1 is the file the service writes; its exit record. */
    private ExitRecord run(String script) throws Exception {
        Process ignored = runner("", script);
        return awaitExit("");
    }

    private ExitRecord awaitExit(String id) throws Exception {
        io.gladys.local.state.StateDirectory state = new io.gladys.local.state.StateDirectory(dir.resolve("state"));
        long until = System.currentTimeMillis() + 60_000;
        while (state.exit("svc" + id).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the exit of svc" + id + " is recorded").isLessThan(until);
            Thread.sleep(20);
        }
        return state.exit("svc" + id).orElseThrow();
    }

    /** A service whose files are named with {@code id}, all moving to archive.jsa; null (the agent has no process per service). */
    private Process runner(String id, String script) throws Exception {
        if (agent == null) {
            agent = new LocalAgent(dir.resolve("state"));
            agent.ensureRunning(io.gladys.catalog.JavaLaunch.currentJvm(io.gladys.testing.TestStacks.classpath()),
                    "portable");
        }
        Path from = dir.resolve("archive" + id + ".part");
        agent.launch(new LaunchSpec("svc" + id, java.util.UUID.randomUUID().toString(),
                List.of("sh", "-c", script, "sh", from.toString()), dir, System.getenv(), "TERM",
                io.gladys.catalog.RestartPolicy.NO, 0, 3, from, dir.resolve("archive.jsa")));
        return null;
    }

    @Test
    void servicesEndingTogetherLeaveOneWholeFile() throws Exception {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String content = String.valueOf(i).repeat(1 << 20);
            contents.add(content);
            runner("-" + i, "head -c " + (1 << 20) + " /dev/zero | tr '\\0' " + i + " > \"$1\"; exit 0");
        }
        for (int i = 0; i < 4; i++) {
            awaitExit("-" + i);
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
        assertThat(List.of(0, 1, 127, 129, 130, 143)).allMatch(SupervisedService::endedInOrder);
        assertThat(List.of(134, 137, 139, -1)).noneMatch(SupervisedService::endedInOrder);
    }
}
