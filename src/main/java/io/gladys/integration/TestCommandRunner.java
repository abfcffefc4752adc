package io.gladys.integration;

import io.gladys.stack.StackException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the configured integration-test command with the stack's addresses in its environment,
 * streaming its output, and gives back its exit code.
 */
public final class TestCommandRunner {

    private final Path baseDir;

    public TestCommandRunner(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * @param file        one test file to run (null: the whole suite); it must exist
     * @param environment added to the inherited environment (the stack's addresses)
     * @param output      receives every line the command prints
     */
    public int run(TestCommand test, String file, Map<String, String> environment, Consumer<String> output) {
        if (test.command().isEmpty()) {
            throw new StackException("The test command is empty: give <test><command><arg>...</arg></command></test>.");
        }
        Path workDir = test.workingDirectory() == null ? baseDir : baseDir.resolve(test.workingDirectory()).normalize();
        if (!Files.isDirectory(workDir)) {
            throw new StackException("The test working directory " + workDir + " does not exist.");
        }
        List<String> cmd = new ArrayList<>(test.command());
        if (file != null) {
            String path = resolveFile(file, workDir);
            test.fileArguments().forEach(a -> cmd.add(a.replace(TestCommand.FILE_PLACEHOLDER, path)));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StackException("Cannot run the test command '" + cmd.get(0) + "': " + e.getMessage()
                    + ". Is it installed and on the PATH?", e);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.accept(line);
            }
            return p.waitFor();
        } catch (IOException e) {
            p.destroyForcibly();
            throw new StackException("Lost the output of the test command: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while the tests ran.");
        }
    }

    /** The file as the command should get it: as given when it exists from the working directory. */
    private String resolveFile(String file, Path workDir) {
        if (Files.exists(workDir.resolve(file))) {
            return file;
        }
        Path fromBase = baseDir.resolve(file).normalize();
        if (Files.exists(fromBase)) {
            return fromBase.toString();
        }
        throw new StackException("The test file '" + file + "' does not exist (looked in " + workDir + " and "
                + baseDir + "). Nothing was run.");
    }
}
