package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.integration.IntegrationTestRun;
import io.gladys.integration.TestCommand;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Runs integration tests against the running stack: the project's configured test command with the
 * stack's addresses in its environment, or the built-in GLADyS contract suite (when no command is
 * configured, or with -Dgladys.test.suite=contract). Fails the build when the tests fail.
 */
@Mojo(name = "test", requiresProject = false, threadSafe = true)
public class TestMojo extends AbstractServicesMojo {

    /** The integration-test command, its working directory and how a single file is passed. */
    @Parameter
    protected TestConfig test;

    /** Run only this test file (appended to the command). */
    @Parameter(property = PropertyNames.FILE_SHORT)
    protected String file;

    /** The same as {@code file}, under a namespaced name. */
    @Parameter(property = PropertyNames.FILE)
    protected String gladysFile;

    /** {@code command} (the configured command) or {@code contract} (the built-in suite); default: command if configured. */
    @Parameter(property = PropertyNames.TEST_SUITE)
    protected String suite;

    /** The contract suite skips the checks that change state (evaluate, evict, flush, publish). */
    @Parameter(property = PropertyNames.TEST_READ_ONLY, defaultValue = "false")
    protected boolean readOnly;

    /** The contract suite holds the design document's recommendations as required: a warning fails the build. */
    @Parameter(property = PropertyNames.TEST_STRICT, defaultValue = "false")
    protected boolean strict;

    /** Start what is not running first, and stop only that afterwards. */
    @Parameter(property = PropertyNames.TEST_ENSURE_RUNNING, defaultValue = "false")
    protected boolean ensureRunning;

    /** Where the contract suite writes its JUnit XML report. */
    @Parameter(property = PropertyNames.TEST_REPORTS_DIRECTORY)
    protected File reportsDirectory;


    @Override
    protected boolean startsStack() {
        return ensureRunning;
    }

    @Override
    protected void run() {
        String one = eitherOf(gladysFile, file);
        TestCommand command = test == null || test.command == null ? null : new TestCommand(test.command,
                test.workingDirectory == null ? null : Path.of(test.workingDirectory), test.fileArguments);
        IntegrationTestRun.Suite chosen = IntegrationTestRun.choose(suite, command, one);
        try (StackSession stack = openSession()) {
            stack.whileRunning(selection(), ensureRunning, () -> {
                if (chosen == IntegrationTestRun.Suite.CONTRACT) {
                    IntegrationTestRun.contract(stack.contractTargets(), stack.channels(),
                            new IntegrationTestRun.ContractOptions(rpcDeadline(), readOnly, strict, reportsDirectory()),
                            console());
                } else {
                    IntegrationTestRun.command(command, one, basedir(), stack.environmentId(),
                            stack.addresses().variables(), console());
                }
            });
        }
    }

    /** Where the contract suite's JUnit XML goes: the parameter, else the build directory's gladys-contract. */
    private Path reportsDirectory() {
        if (reportsDirectory != null) {
            return reportsDirectory.toPath();
        }
        return project != null && project.getBuild() != null && project.getBuild().getDirectory() != null
                ? Path.of(project.getBuild().getDirectory(), "gladys-contract") : basedir().resolve("target/gladys-contract");
    }
}
