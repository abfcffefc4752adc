package io.gladys.docker;

import io.gladys.config.PropertyNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed Compose CLI, which keeps the job of creating containers (build, networks, volumes, env
 * files, profiles): {@code docker compose} (v2) when present, else {@code docker-compose} (v1), or the
 * command the user configures. Only command lines are built here; the engine does the rest.
 */
public final class ComposeCli {

    /** Which Compose: the flags differ a little between them. */
    public enum Flavour { V2, V1, CONFIGURED }

    private static final long BUILD_TIMEOUT_MINUTES = 30;

    private final List<String> command;
    private final Flavour flavour;

    public ComposeCli(List<String> command, Flavour flavour) {
        this.command = List.copyOf(command);
        this.flavour = flavour;
    }

    /** The configured command (split on blanks), else the first Compose that answers {@code version}. */
    public static ComposeCli detect(List<String> configured) {
        return detect(configured, ComposeCli::answers);
    }

    static ComposeCli detect(List<String> configured, java.util.function.Predicate<List<String>> answers) {
        if (configured != null && !configured.isEmpty()) {
            return new ComposeCli(configured, Flavour.CONFIGURED);
        }
        if (answers.test(List.of("docker", "compose", "version"))) {
            return new ComposeCli(List.of("docker", "compose"), Flavour.V2);
        }
        if (answers.test(List.of("docker-compose", "version"))) {
            return new ComposeCli(List.of("docker-compose"), Flavour.V1);
        }
        throw new DockerException("No Compose CLI found: neither 'docker compose' (Compose v2) nor 'docker-compose' "
                + "(v1) answers. Install Docker Compose (Docker Desktop has it; on Debian: apt-get install "
                + "docker-compose), or name the command with -D" + PropertyNames.COMPOSE_COMMAND + "=\"...\".", null);
    }

    /** A command given as one string (gladys.compose.command), split on blanks. */
    public static List<String> split(String command) {
        return command == null || command.isBlank() ? List.of() : Arrays.asList(command.trim().split("\\s+"));
    }

    private static boolean answers(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Flavour flavour() {
        return flavour;
    }

    public List<String> command() {
        return command;
    }

    /** The command and the flags every call takes: file and project. */
    List<String> base(Path file, String project) {
        List<String> c = new ArrayList<>(command);
        if (flavour == Flavour.V2) {
            c.addAll(List.of("--ansi", "never")); // progress as plain lines, for error messages
        }
        c.addAll(List.of("-f", file.toString(), "-p", project));
        return c;
    }

    /**
     * Creates (or starts) the services' containers without their Compose dependencies: the plugin
     * starts those itself, in order, and waits for each.
     */
    public List<String> up(Path file, String project, List<String> services, boolean build) {
        List<String> c = base(file, project);
        c.addAll(List.of("up", "-d", "--no-deps"));
        if (build) {
            c.add("--build");
        }
        c.addAll(services);
        return c;
    }

    /** What {@code compose down} removes: containers, networks, volumes if asked, images built here if asked. */
    public List<String> down(Path file, String project, boolean volumes, boolean localImages) {
        List<String> c = base(file, project);
        c.addAll(List.of("down", "--remove-orphans"));
        if (volumes) {
            c.add("-v");
        }
        if (localImages) {
            c.addAll(List.of("--rmi", "local"));
        }
        return c;
    }

    /**
     * Runs a command line in the Compose file's directory, with exactly this environment (the one that
     * names the engine); fails with its last lines of output.
     */
    public String run(List<String> cmd, Path workDir, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DockerException("Cannot run " + String.join(" ", cmd) + ": " + e.getMessage()
                    + ". Install Docker Compose, or set -D" + PropertyNames.COMPOSE_COMMAND + ".", e);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DockerException(String.join(" ", cmd) + " did not finish within " + BUILD_TIMEOUT_MINUTES
                        + " minutes.", null);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                List<String> lines = text.lines().toList();
                throw new DockerException(String.join(" ", cmd) + " failed (exit code " + p.exitValue() + "):\n  | "
                        + String.join("\n  | ", lines.subList(Math.max(0, lines.size() - 20), lines.size())), null);
            }
            return text;
        } catch (IOException e) {
            throw new DockerException("Cannot read the output of " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new DockerException(String.join(" ", cmd) + " was interrupted.", e);
        }
    }
}
