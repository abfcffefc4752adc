package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.contract.ContractReport;
import io.gladys.contract.ContractSuite;
import io.gladys.contract.ContractTargets;
import io.gladys.integration.TestCommand;
import io.gladys.integration.TestCommandRunner;
import io.gladys.stack.StackException;
import io.gladys.stack.StackManager;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
    protected void run() throws MojoFailureException {
        boolean contract = useContractSuite();
        try (StackSession stack = openSession()) {
            List<String> startedHere = List.of();
            if (ensureRunning) {
                startedHere = stack.manager().start(selection(), StartOptions.DEFAULT).stream()
                        .filter(s -> s.outcome() == StackManager.StartOutcome.STARTED)
                        .map(s -> s.service().name()).toList();
            }
            try {
                if (contract) {
                    runContract(stack);
                } else {
                    runCommand(stack);
                }
            } finally {
                if (!startedHere.isEmpty()) {
                    stack.stop(String.join(",", startedHere), Duration.ofSeconds(10));
                }
            }
        }
    }

    private boolean useContractSuite() {
        String s = suite == null ? "" : suite.trim().toLowerCase(Locale.ROOT);
        boolean noCommand = test == null || test.command == null || test.command.isEmpty();
        String one = eitherOf(gladysFile, file);
        return switch (s) {
            case "" -> {
                // -Dfile asks for the project's own tests: never answer it with a suite it did not ask for
                if (noCommand && one != null) {
                    throw new StackException("-D" + PropertyNames.FILE_SHORT + "=" + one + " runs one file of the project's test command, but "
                            + "no test command is configured: give <test><command>...</command></test> in the "
                            + "plugin configuration. Nothing was run (without -Dfile, gladys:test runs the "
                            + "contract suite).");
                }
                yield noCommand;
            }
            case "contract" -> {
                if (one != null) {
                    throw new StackException("-D" + PropertyNames.FILE_SHORT + "=" + one + " runs one file of the project's test command; the "
                            + "contract suite (-D" + PropertyNames.TEST_SUITE + "=contract) has no files. Nothing was run.");
                }
                yield true;
            }
            case "command" -> {
                if (test == null || test.command == null || test.command.isEmpty()) {
                    throw new StackException("No test command is configured: give <test><command>...</command></test>"
                            + " in the plugin configuration, or run the contract suite (-D" + PropertyNames.TEST_SUITE + "=contract).");
                }
                yield false;
            }
            default -> throw new StackException("Unknown test suite '" + suite + "': command or contract.");
        };
    }

    private void runCommand(StackSession stack) throws MojoFailureException {
        String one = eitherOf(gladysFile, file);
        TestCommand cmd = new TestCommand(test.command, test.workingDirectory == null ? null
                : Path.of(test.workingDirectory), test.fileArguments);
        console().info("Running " + String.join(" ", cmd.command()) + (one == null ? "" : " on " + one)
                + " against the " + stack.environment().id() + " stack");
        int code = new TestCommandRunner(basedir()).run(cmd, one, stack.addresses().variables(), console()::data);
        if (code != 0) {
            throw new MojoFailureException("The integration tests failed (exit code " + code + ").");
        }
        console().info("The integration tests passed.");
    }

    private void runContract(StackSession stack) throws MojoFailureException {
        ContractTargets targets = stack.contractTargets();
        if (targets.isEmpty()) {
            throw new MojoFailureException("The contract suite found no GLADyS service in the catalog to check: no "
                    + "service names " + ContractTargets.MEMORY + ", " + ContractTargets.GATEWAY + ", "
                    + ContractTargets.ORCHESTRATOR + " or " + ContractTargets.EXECUTIVE + " as its <healthService>.");
        }
        ContractReport report = new ContractSuite(targets, stack.channels(), rpcDeadline(), readOnly, strict).run();
        report.text().forEach(console()::info);
        Path dir = reportsDirectory != null ? reportsDirectory.toPath()
                : project != null && project.getBuild() != null && project.getBuild().getDirectory() != null
                ? Path.of(project.getBuild().getDirectory(), "gladys-contract") : basedir().resolve("target/gladys-contract");
        try {
            console().info("JUnit report: " + report.writeJUnitXml(dir));
        } catch (IOException e) {
            throw new StackException("Cannot write the contract report into " + dir + ": " + e.getMessage(), e);
        }
        if (report.failed() > 0) {
            throw new MojoFailureException("The stack does not honour the GLADyS contracts: " + report.failed()
                    + " check(s) failed (see above)." + (strict ? " In strict mode (" + PropertyNames.TEST_STRICT + ") the design "
                    + "document's recommendations count as required." : ""));
        }
        if (report.warnings() > 0) {
            console().warn(report.warnings() + " recommended check(s) of the design document do not hold (⚠️ above); "
                    + "-D" + PropertyNames.TEST_STRICT + "=true fails the build on them.");
        }
    }
}
