package io.gladys.integration;

import io.gladys.config.PropertyNames;
import io.gladys.contract.ContractReport;
import io.gladys.contract.ContractSuite;
import io.gladys.contract.ContractTargets;
import io.gladys.grpc.GrpcChannels;
import io.gladys.stack.Console;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * gladys:test's work against a running stack: which suite runs (the project's own command, or the built-in
 * GLADyS contract suite), running it, and what a failure says. A failed suite throws
 * {@link TestsFailedException}; the caller only maps it.
 */
public final class IntegrationTestRun {

    /** The two suites gladys:test runs. */
    public enum Suite { COMMAND, CONTRACT }

    /** The tests did not pass (or the suite found nothing to check). */
    public static final class TestsFailedException extends StackException {
        public TestsFailedException(String message) {
            super(message);
        }
    }

    private IntegrationTestRun() {
    }

    /**
     * The suite to run: the one asked for ({@code gladys.test.suite}), else the project's command when one is
     * configured, else the contract suite. One file ({@code -Dfile}) goes with the project's command only.
     */
    public static Suite choose(String suite, TestCommand command, String file) {
        String s = suite == null ? "" : suite.trim().toLowerCase(Locale.ROOT);
        boolean noCommand = command == null || command.command().isEmpty();
        return switch (s) {
            case "" -> {
                // -Dfile asks for the project's own tests: never answer it with a suite it did not ask for
                if (noCommand && file != null) {
                    throw new StackException("-D" + PropertyNames.FILE_SHORT + "=" + file + " runs one file of the "
                            + "project's test command, but no test command is configured: give <test><command>...</command>"
                            + "</test> in the plugin configuration. Nothing was run (without -D" + PropertyNames.FILE_SHORT
                            + ", gladys:test runs the contract suite).");
                }
                yield noCommand ? Suite.CONTRACT : Suite.COMMAND;
            }
            case "contract" -> {
                if (file != null) {
                    throw new StackException("-D" + PropertyNames.FILE_SHORT + "=" + file + " runs one file of the "
                            + "project's test command; the contract suite (-D" + PropertyNames.TEST_SUITE
                            + "=contract) has no files. Nothing was run.");
                }
                yield Suite.CONTRACT;
            }
            case "command" -> {
                if (noCommand) {
                    throw new StackException("No test command is configured: give <test><command>...</command></test>"
                            + " in the plugin configuration, or run the contract suite (-D" + PropertyNames.TEST_SUITE
                            + "=contract).");
                }
                yield Suite.COMMAND;
            }
            default -> throw new StackException("Unknown test suite '" + suite + "': command or contract.");
        };
    }

    /**
     * Runs the project's command (on one file when given) with the stack's addresses in its environment.
     *
     * @param environment the id of the stack's environment, as the log names it
     */
    public static void command(TestCommand command, String file, Path baseDir, String environment,
                               Map<String, String> variables, Console console) {
        console.info("Running " + String.join(" ", command.command()) + (file == null ? "" : " on " + file)
                + " against the " + environment + " stack");
        int code = new TestCommandRunner(baseDir).run(command, file, variables, console::data);
        if (code != 0) {
            throw new TestsFailedException("The integration tests failed (exit code " + code + ").");
        }
        console.info("The integration tests passed.");
    }

    /** What the contract suite checks, and how strictly. */
    public record ContractOptions(Duration deadline, boolean readOnly, boolean strict, Path reportsDirectory) {
    }

    /** Runs the contract suite against the GLADyS roles the catalog has, and writes its JUnit XML report. */
    public static void contract(ContractTargets targets, GrpcChannels channels, ContractOptions options,
                                Console console) {
        if (targets.isEmpty()) {
            throw new TestsFailedException("The contract suite found no GLADyS service in the catalog to check: no "
                    + "service names " + ContractTargets.MEMORY + ", " + ContractTargets.GATEWAY + ", "
                    + ContractTargets.ORCHESTRATOR + " or " + ContractTargets.EXECUTIVE + " as its <healthService>.");
        }
        ContractReport report = new ContractSuite(targets, channels, options.deadline(), options.readOnly(),
                options.strict()).run();
        report.text().forEach(console::info);
        try {
            console.info("JUnit report: " + report.writeJUnitXml(options.reportsDirectory()));
        } catch (IOException e) {
            throw new StackException("Cannot write the contract report into " + options.reportsDirectory() + ": "
                    + e.getMessage(), e);
        }
        if (report.failed() > 0) {
            throw new TestsFailedException("The stack does not honour the GLADyS contracts: " + report.failed()
                    + " check(s) failed (see above)." + (options.strict() ? " In strict mode ("
                    + PropertyNames.TEST_STRICT + ") the design document's recommendations count as required." : ""));
        }
        if (report.warnings() > 0) {
            console.warn(report.warnings() + " recommended check(s) of the design document do not hold (⚠️ above); "
                    + "-D" + PropertyNames.TEST_STRICT + "=true fails the build on them.");
        }
    }
}
