package io.gladys.docker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is run for each Compose CLI, without running it: v2, v1 and a configured command. */
class ComposeCliTest {

    private static final Path FILE = Path.of("/p/src/integration/docker-compose.yml");

    @Test
    void v2IsPreferredAndItsCommandLinesAskForPlainProgress() {
        List<List<String>> asked = new ArrayList<>();
        ComposeCli cli = ComposeCli.detect(List.of(), cmd -> {
            asked.add(cmd);
            return true;
        });
        assertThat(cli.flavour()).isEqualTo(ComposeCli.Flavour.V2);
        assertThat(asked).containsExactly(List.of("docker", "compose", "version"));
        assertThat(cli.up(FILE, "gladys", List.of("postgres"), false)).containsExactly("docker", "compose", "--ansi",
                "never", "-f", FILE.toString(), "-p", "gladys", "up", "-d", "--no-deps", "postgres");
        assertThat(cli.up(FILE, "gladys", List.of("memory-python"), true)).containsSubsequence("up", "-d", "--no-deps",
                "--build", "memory-python");
        assertThat(cli.down(FILE, "gladys", true, true)).containsExactly("docker", "compose", "--ansi", "never", "-f",
                FILE.toString(), "-p", "gladys", "down", "--remove-orphans", "-v", "--rmi", "local");
    }

    @Test
    void v1IsUsedWhenV2DoesNotAnswer() {
        ComposeCli cli = ComposeCli.detect(List.of(), cmd -> cmd.get(0).equals("docker-compose"));
        assertThat(cli.flavour()).isEqualTo(ComposeCli.Flavour.V1);
        assertThat(cli.up(FILE, "p1", List.of("a", "b"), false)).containsExactly("docker-compose", "-f",
                FILE.toString(), "-p", "p1", "up", "-d", "--no-deps", "a", "b");
        assertThat(cli.down(FILE, "p1", false, false)).containsExactly("docker-compose", "-f", FILE.toString(), "-p",
                "p1", "down", "--remove-orphans");
    }

    @Test
    void aConfiguredCommandIsTakenAsGivenWithoutProbing() {
        ComposeCli cli = ComposeCli.detect(ComposeCli.split("  podman   compose "), cmd -> {
            throw new AssertionError("nothing is probed when the command is configured");
        });
        assertThat(cli.flavour()).isEqualTo(ComposeCli.Flavour.CONFIGURED);
        assertThat(cli.up(FILE, "x", List.of("s"), false)).startsWith("podman", "compose", "-f");
    }

    @Test
    void noComposeSaysWhatToInstallOrConfigure() {
        assertThatThrownBy(() -> ComposeCli.detect(List.of(), cmd -> false))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("docker compose")
                .hasMessageContaining("docker-compose")
                .hasMessageContaining("gladys.compose.command");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndLastLines() {
        ComposeCli cli = new ComposeCli(List.of("sh"), ComposeCli.Flavour.CONFIGURED);
        assertThatThrownBy(() -> cli.run(List.of("sh", "-c", "echo one; echo two >&2; exit 4"), Path.of("."),
                java.util.Map.of()))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("exit code 4")
                .hasMessageContaining("| one")
                .hasMessageContaining("| two");
    }
}
