package io.gladys.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven run started by an integration test's verify script, as a user starts one at a terminal: a real
 * {@code bin/mvn} of a given Maven home, its standard output kept apart from its standard error, and
 * optionally piped into a shell command ({@code | jq .}) exactly as a shell pipes it.
 */
public final class NestedMaven {

    private static final long TIMEOUT_MINUTES = 10;

    private final Path mvn;
    private final List<String> common;

    /**
     * @param mavenHome  the Maven to run (a distribution's directory)
     * @param settings   the settings file every run gets (null: the user's)
     * @param repository the local repository every run gets (null: the settings')
     */
    public NestedMaven(File mavenHome, File settings, File repository) {
        this.mvn = mavenHome.toPath().resolve("bin/mvn");
        if (!Files.isExecutable(mvn)) {
            throw new IllegalArgumentException(mvn + " is not an executable Maven");
        }
        List<String> c = new ArrayList<>(List.of("-B"));
        if (settings != null) {
            c.add("-s");
            c.add(settings.getAbsolutePath());
        }
        if (repository != null) {
            c.add("-Dmaven.repo.local=" + repository.getAbsolutePath());
        }
        this.common = List.copyOf(c);
    }

    /**
     * The settings of the invoker builds (src/it/settings.xml), its repository placeholder filled with
     * the outer build's local repository, written into {@code dir}: a nested run resolves what the
     * invoker build resolved, from the same places.
     */
    public static File itSettings(File projectRoot, File outerRepository, File dir) {
        try {
            String text = Files.readString(projectRoot.toPath().resolve("src/it/settings.xml"))
                    .replace("@localRepositoryUrl@", outerRepository.toPath().toUri().toString());
            Path out = dir.toPath().resolve("nested-settings.xml");
            Files.writeString(out, text);
            return out.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maven's version, as {@code mvn -v} prints it ("3.9.11", "4.0.0-rc-5"). */
    public String version() {
        Result r = run(new File("."), List.of("-v"), Map.of());
        Matcher m = Pattern.compile("Apache Maven (\\S+)").matcher(r.stdout());
        if (!m.find()) {
            throw new IllegalStateException("mvn -v printed no version:\n" + r.stdout() + r.stderr());
        }
        return m.group(1);
    }

    /** Whether this Maven is older than 3.9 (whose console may add bytes of its own to standard output). */
    public boolean before39() {
        String[] v = version().split("[.-]");
        return Integer.parseInt(v[0]) < 3 || Integer.parseInt(v[0]) == 3 && Integer.parseInt(v[1]) < 9;
    }

    /** {@code mvn <args>} in {@code dir}. */
    public Result run(File dir, List<String> args) {
        return run(dir, args, Map.of());
    }

    /** {@code mvn <args>} in {@code dir}, with these variables added to its environment. */
    public Result run(File dir, List<String> args, Map<String, String> environment) {
        List<String> cmd = new ArrayList<>();
        cmd.add(mvn.toString());
        cmd.addAll(common);
        cmd.addAll(args);
        return exec(dir, cmd, environment);
    }

    /**
     * {@code mvn <args> | <consumer>} through bash with pipefail: the exit code is the first that failed,
     * the standard output the consumer's; Maven's standard error is kept apart.
     */
    public Result pipe(File dir, List<String> args, String consumer) {
        StringBuilder line = new StringBuilder("set -o pipefail; ").append(quote(mvn.toString()));
        for (String a : common) {
            line.append(' ').append(quote(a));
        }
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        line.append(" | ").append(consumer);
        return exec(dir, List.of("bash", "-c", line.toString()), Map.of());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static Result exec(File dir, List<String> cmd, Map<String, String> environment) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir);
            Map<String, String> env = pb.environment();
            // the nested Maven is chosen by its path alone, not by the outer build's settings of Maven
            env.remove("MAVEN_OPTS");
            env.remove("MAVEN_ARGS");
            env.remove("MAVEN_HOME");
            env.remove("M2_HOME");
            env.putAll(environment);
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + TIMEOUT_MINUTES
                        + " minutes");
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8),
                    String.join(" ", cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a run ended: its exit code, its standard output (bytes as written), its standard error. */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr, String command) {

        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        /** Everything there is to say when an assertion on the run fails. */
        public String describe() {
            return command + "\nexit code " + exitCode + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr;
        }
    }
}
