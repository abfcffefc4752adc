package io.gladys.plugin;

import io.gladys.stack.StartOptions;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** start, stop, restart, status, health, logs: the selection and each goal's options. */
@MojoTest
class ServiceGoalsTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "start")
    void startDefaults(StartMojo mojo) {
        assertThat(mojo.startOptions()).isEqualTo(StartOptions.builder().waitForHealthy(true)
                .serviceTimeout(Duration.ofSeconds(60)).overallTimeout(Duration.ofSeconds(300))
                .minUptime(Duration.ofMillis(1000)).keepRunning(false).parallel(true).build());
        assertThat(mojo.selection()).isEqualTo("all");
    }

    @Test
    @InjectMojo(goal = "start")
    @CommandLine({"gladys.wait=false", "gladys.startTimeout=5", "gladys.overallTimeout=7", "gladys.minUptime=10",
            "gladys.keepRunning=true", "gladys.start.parallel=false", "service=memory"})
    void startFromTheCommandLine(StartMojo mojo) {
        assertThat(mojo.startOptions()).isEqualTo(StartOptions.builder().waitForHealthy(false)
                .serviceTimeout(Duration.ofSeconds(5)).overallTimeout(Duration.ofSeconds(7))
                .minUptime(Duration.ofMillis(10)).keepRunning(true).parallel(false).build());
        assertThat(mojo.selection()).isEqualTo("memory");
    }

    @Test
    @InjectMojo(goal = "start", pom = POM_START + "<waitForHealthy>false</waitForHealthy><startTimeout>9</startTimeout>"
            + "<parallel>false</parallel><service>db,orchestrator</service>" + POM_END)
    void startFromThePom(StartMojo mojo) {
        assertThat(mojo.startOptions()).isEqualTo(StartOptions.builder().waitForHealthy(false)
                .serviceTimeout(Duration.ofSeconds(9)).overallTimeout(Duration.ofSeconds(300))
                .minUptime(Duration.ofMillis(1000)).keepRunning(false).parallel(false).build());
        assertThat(mojo.selection()).isEqualTo("db,orchestrator");
    }

    @Test
    @InjectMojo(goal = "health")
    @CommandLine({"service=memory", "gladys.service=db"})
    void theNamespacedSelectionWinsOverTheShortOne(HealthMojo mojo) {
        assertThat(mojo.selection()).isEqualTo("db");
        assertThat(mojo.failOnUnhealthy).isTrue();
    }

    @Test
    @InjectMojo(goal = "health")
    @CommandLine({"service= memory ", "gladys.service= ", "gladys.health.failOnUnhealthy=false"})
    void aBlankSelectionCountsAsNotGiven(HealthMojo mojo) {
        assertThat(mojo.selection()).isEqualTo("memory");
        assertThat(mojo.failOnUnhealthy).isFalse();
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine("service=nosuch")
    void anUnknownServiceListsTheValidNames(StatusMojo mojo) {
        failsWith(mojo, "Unknown service 'nosuch'. Valid names: all, db, executive, executive-stub, memory, "
                + "memory-python, memory-rust, orchestrator.");
    }

    @Test
    @InjectMojo(goal = "start")
    @CommandLine("gladys.service=bogus")
    void aStartNamingAnUnknownServiceStartsNothing(StartMojo mojo) throws Exception {
        failsWithParts(mojo, "Unknown service 'bogus'");
        try (var files = java.nio.file.Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".record"))).isEmpty();
        }
    }

    @Test
    @InjectMojo(goal = "stop")
    void stopDefaults(StopMojo mojo) {
        assertThat(mojo.stopTimeout).isEqualTo(10);
        assertThat(mojo.keepRunning).isFalse();
    }

    @Test
    @InjectMojo(goal = "stop")
    @CommandLine({"gladys.keepRunning=true", "gladys.stopTimeout=3", "gladys.env=k8s"})
    void keepRunningLeavesTheStackAlone(StopMojo mojo) throws Exception {
        assertThat(mojo.stopTimeout).isEqualTo(3);
        mojo.execute(); // returns before it opens the stack (the environment would fail)
    }

    @Test
    @InjectMojo(goal = "restart")
    @CommandLine({"gladys.stopTimeout=4", "gladys.startTimeout=8"})
    void restartTakesTheStopAndStartOptions(RestartMojo mojo) {
        assertThat(mojo.stopTimeout).isEqualTo(4);
        assertThat(mojo.startOptions().serviceTimeout()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    @InjectMojo(goal = "stop")
    @CommandLine({"gladys.keepRunning=true", "gladys.output=pom.xml/never.json"})
    void aGoalWithoutDataIgnoresTheOutputFile(StopMojo mojo) throws Exception {
        // a goal that prints data would fail on this path (PluginWideParametersTest); stop runs and says so
        assertThat(logOf(mojo)).containsExactly("Leaving the stack running (gladys.keepRunning). Stop it with: "
                + "mvn gladys:stop");
        assertThat(project.getBasedir().toPath().resolve("pom.xml")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "logs")
    void logsDefaults(LogsMojo mojo) {
        assertThat(mojo.tail).isEqualTo(50);
        assertThat(mojo.gladysTail).isNull();
        assertThat(mojo.follow || mojo.gladysFollow).isFalse();
        assertThat(mojo.followSeconds).isZero();
    }

    @Test
    @InjectMojo(goal = "logs")
    @CommandLine({"tail=5", "gladys.tail=7", "gladys.follow=true", "gladys.follow.seconds=2"})
    void logsFromTheCommandLine(LogsMojo mojo) {
        assertThat(mojo.tail).isEqualTo(5);
        assertThat(mojo.gladysTail).isEqualTo(7);
        assertThat(mojo.gladysFollow).isTrue();
        assertThat(mojo.followSeconds).isEqualTo(2);
    }
}
