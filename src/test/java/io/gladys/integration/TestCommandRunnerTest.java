package io.gladys.integration;

import io.gladys.stack.StackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCommandRunnerTest {

    @TempDir
    Path dir;

    @Test
    void theCommandSeesTheStackAddressesAndGetsTheFile() throws Exception {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/test_memory.py"), "# a test file\n");
        TestCommand cmd = new TestCommand(List.of("sh", "-c",
                "env | sort > seen-env.txt; echo \"args: $*\"; echo done", "sh"), Path.of("tests"), null);
        List<String> out = new ArrayList<>();
        int code = new TestCommandRunner(dir).run(cmd, "test_memory.py",
                Map.of("PYTHON_ADDRESS", "localhost:50051", "GLADYS_DB_URL", "jdbc:postgresql://localhost:5432/gladys"),
                out::add);
        assertThat(code).isZero();
        assertThat(out).containsExactly("args: test_memory.py", "done");
        String env = Files.readString(dir.resolve("tests/seen-env.txt"));
        assertThat(env).contains("PYTHON_ADDRESS=localhost:50051")
                .contains("GLADYS_DB_URL=jdbc:postgresql://localhost:5432/gladys");
    }

    @Test
    void fileArgumentsCanWrapTheFile() {
        TestCommand cmd = new TestCommand(List.of("sh", "-c", "echo \"$@\"", "sh"), null,
                List.of("--test", "{file}", "-v"));
        List<String> out = new ArrayList<>();
        assertThat(new TestCommandRunner(dir).run(cmd, ".", Map.of(), out::add)).isZero();
        assertThat(out).containsExactly("--test . -v");
    }

    @Test
    void aFailingCommandGivesItsExitCode() {
        TestCommand cmd = new TestCommand(List.of("sh", "-c", "echo 2 failed; exit 3"), null, null);
        List<String> out = new ArrayList<>();
        assertThat(new TestCommandRunner(dir).run(cmd, null, Map.of(), out::add)).isEqualTo(3);
        assertThat(out).containsExactly("2 failed");
    }

    @Test
    void aMissingFileFailsClearlyAndRunsNothing() {
        TestCommand cmd = new TestCommand(List.of("sh", "-c", "touch ran.txt"), null, null);
        assertThatThrownBy(() -> new TestCommandRunner(dir).run(cmd, "tests/test_nothing.py", Map.of(), s -> { }))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("The test file 'tests/test_nothing.py' does not exist")
                .hasMessageContaining("Nothing was run");
        assertThat(dir.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void aProgramThatIsNotInstalledIsNamed() {
        TestCommand cmd = new TestCommand(List.of("no-such-test-runner-xyz"), null, null);
        assertThatThrownBy(() -> new TestCommandRunner(dir).run(cmd, null, Map.of(), s -> { }))
                .hasMessageContaining("Cannot run the test command 'no-such-test-runner-xyz'");
    }
}
