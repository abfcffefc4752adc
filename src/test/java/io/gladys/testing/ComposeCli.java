package io.gladys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The installed Compose CLI, for tests that run a Compose project themselves: v2 when present, else v1. */
public final class ComposeCli {

    public record Result(int exitCode, String output) {
    }

    private ComposeCli() {
    }

    public static boolean v1Installed() {
        return works(List.of("docker-compose", "version"));
    }

    public static boolean installed() {
        return works(List.of("docker", "compose", "version")) || v1Installed();
    }

    /**
     * Runs {@code docker compose ARGS} (or {@code docker-compose ARGS}) with the extra variables (a null
     * value removes one).
     */
    public static Result run(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(works(List.of("docker", "compose", "version"))
                ? List.of("docker", "compose") : List.of("docker-compose"));
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    public static Result v1(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose"));
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    private static boolean works(List<String> cmd) {
        try {
            return exec(cmd, Map.of()).exitCode() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Result exec(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // a null value removes the variable from the inherited environment
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 5 minutes");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
