package io.gladys.integration;

import io.gladys.db.MigrationRun;
import io.gladys.stack.StackException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which suite gladys:test runs, and which mode gladys:migrate is in, from the goals' parameters alone. */
class IntegrationTestRunTest {

    private static final TestCommand PYTEST = new TestCommand(List.of("uv", "run", "pytest"), null, null);

    @Test
    void theProjectsCommandWhenConfiguredElseTheContractSuite() {
        assertThat(IntegrationTestRun.choose(null, PYTEST, null)).isEqualTo(IntegrationTestRun.Suite.COMMAND);
        assertThat(IntegrationTestRun.choose(null, null, null)).isEqualTo(IntegrationTestRun.Suite.CONTRACT);
        assertThat(IntegrationTestRun.choose(" Contract ", PYTEST, null)).isEqualTo(IntegrationTestRun.Suite.CONTRACT);
        assertThat(IntegrationTestRun.choose("command", PYTEST, "test_x.py")).isEqualTo(IntegrationTestRun.Suite.COMMAND);
    }

    @Test
    void aFileOrTheCommandSuiteWithoutACommandIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> IntegrationTestRun.choose(null, null, "test_x.py")).isInstanceOf(StackException.class)
                .hasMessageContaining("-Dfile=test_x.py runs one file of the project's test command, but no test "
                        + "command is configured");
        assertThatThrownBy(() -> IntegrationTestRun.choose("contract", PYTEST, "test_x.py"))
                .hasMessageContaining("the contract suite (-Dgladys.test.suite=contract) has no files");
        assertThatThrownBy(() -> IntegrationTestRun.choose("command", null, null))
                .hasMessageContaining("No test command is configured");
        assertThatThrownBy(() -> IntegrationTestRun.choose("smoke", PYTEST, null))
                .hasMessageContaining("Unknown test suite 'smoke': command or contract.");
    }

    @Test
    void migrateRepairsThenBaselinesThenDryRunsThenMigrates() {
        assertThat(MigrationRun.mode(true, "3", true)).isEqualTo(MigrationRun.Mode.REPAIR);
        assertThat(MigrationRun.mode(false, "3", true)).isEqualTo(MigrationRun.Mode.BASELINE);
        assertThat(MigrationRun.mode(false, " ", true)).isEqualTo(MigrationRun.Mode.DRY_RUN);
        assertThat(MigrationRun.mode(false, null, false)).isEqualTo(MigrationRun.Mode.MIGRATE);
    }
}
