package io.gladys.plugin;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gladys:test: the pom's {@code <test>}, the suite choice, and -Dfile, which asks for one file of the
 * project's own command and must never run a suite the user did not ask for.
 */
@MojoTest
class TestGoalTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "test", pom = POM_START + """
            <test>
              <command><arg>uv</arg><arg>run</arg><arg>pytest</arg></command>
              <workingDirectory>tests/integration</workingDirectory>
              <fileArguments><arg>-k</arg><arg>{file}</arg></fileArguments>
            </test>""" + POM_END)
    void theTestCommandFromThePom(TestMojo mojo) {
        assertThat(mojo.test.command).containsExactly("uv", "run", "pytest");
        assertThat(mojo.test.workingDirectory).isEqualTo("tests/integration");
        assertThat(mojo.test.fileArguments).containsExactly("-k", "{file}");
        assertThat(mojo.suite).isNull();
        assertThat(mojo.readOnly).isFalse();
        assertThat(mojo.ensureRunning).isFalse();
    }

    @Test
    @InjectMojo(goal = "test")
    @CommandLine({"gladys.test.suite=contract", "gladys.test.readOnly=true", "gladys.test.ensureRunning=true",
            "gladys.test.reportsDirectory=reports"})
    void theContractSuiteSwitches(TestMojo mojo) {
        assertThat(mojo.suite).isEqualTo("contract");
        assertThat(mojo.readOnly).isTrue();
        assertThat(mojo.ensureRunning).isTrue();
        assertThat(mojo.reportsDirectory).isEqualTo(project.getBasedir().toPath().resolve("reports").toFile());
    }

    @Test
    @InjectMojo(goal = "test")
    @CommandLine({"file=missing.py", "gladys.test.reportsDirectory=target/harness/no-contract-report"})
    void fileWithoutATestCommandFailsAndRunsNothing(TestMojo mojo) {
        failsWith(mojo, "-Dfile=missing.py runs one file of the project's test command, but no test command is "
                + "configured: give <test><command>...</command></test> in the plugin configuration. Nothing was run "
                + "(without -Dfile, gladys:test runs the contract suite).");
        // the contract suite did not run: it would have written its JUnit report
        assertThat(project.getBasedir().toPath().resolve("target/harness/no-contract-report")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "test")
    @CommandLine({"gladys.file=test_a.py", "gladys.test.suite=contract"})
    void theContractSuiteHasNoFiles(TestMojo mojo) {
        failsWith(mojo, "-Dfile=test_a.py runs one file of the project's test command; the contract suite "
                + "(-Dgladys.test.suite=contract) has no files. Nothing was run.");
    }

    @Test
    @InjectMojo(goal = "test")
    @CommandLine("gladys.test.suite=command")
    void theCommandSuiteNeedsACommand(TestMojo mojo) {
        failsWith(mojo, "No test command is configured: give <test><command>...</command></test> in the plugin "
                + "configuration, or run the contract suite (-Dgladys.test.suite=contract).");
    }

    @Test
    @InjectMojo(goal = "test")
    @CommandLine("gladys.test.suite=unit")
    void anUnknownSuiteIsNamed(TestMojo mojo) {
        failsWith(mojo, "Unknown test suite 'unit': command or contract.");
    }
}
