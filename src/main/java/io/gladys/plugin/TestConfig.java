package io.gladys.plugin;

import java.util.List;

/** The {@code <test>} of the pom: the project's integration-test command. */
public class TestConfig {
    /** the program and its arguments */
    List<String> command;
    /** where it runs (relative to the project) */
    String workingDirectory;
    /** how one file is passed (-Dfile=): arguments appended, {file} standing for the file; default: the file */
    List<String> fileArguments;
}
