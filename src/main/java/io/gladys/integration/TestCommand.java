package io.gladys.integration;

import java.nio.file.Path;
import java.util.List;

/**
 * A project's integration-test command.
 *
 * @param command          the program and its arguments, e.g. uv run pytest
 * @param workingDirectory where it runs
 * @param fileArguments    how one test file is passed: arguments appended to the command, where
 *                         {@code {file}} stands for the file (default: the file alone)
 */
public record TestCommand(List<String> command, Path workingDirectory, List<String> fileArguments) {

    public static final String FILE_PLACEHOLDER = "{file}";

    public TestCommand {
        command = List.copyOf(command);
        fileArguments = fileArguments == null || fileArguments.isEmpty() ? List.of(FILE_PLACEHOLDER)
                : List.copyOf(fileArguments);
    }
}
