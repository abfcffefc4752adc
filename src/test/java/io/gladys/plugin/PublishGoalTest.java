package io.gladys.plugin;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** gladys:publish: the event's text and source, and the orchestrator it goes to. */
@MojoTest
class PublishGoalTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "publish")
    void defaults(PublishMojo mojo) {
        assertThat(mojo.text).isNull();
        assertThat(mojo.source).isEqualTo("gladys-maven-plugin");
        assertThat(mojo.orchestratorService).isEqualTo("orchestrator");
    }

    @Test
    @InjectMojo(goal = "publish")
    @CommandLine({"gladys.text=good morning", "gladys.source=cli", "gladys.orchestratorService=router"})
    void fromTheCommandLine(PublishMojo mojo) {
        assertThat(mojo.text).isEqualTo("good morning");
        assertThat(mojo.source).isEqualTo("cli");
        assertThat(mojo.orchestratorService).isEqualTo("router");
    }

    @Test
    @InjectMojo(goal = "publish", pom = POM_START + "<text>  </text>" + POM_END)
    void anEventNeedsText(PublishMojo mojo) {
        failsWith(mojo, "What should the event say? mvn gladys:publish -Dgladys.text=\"good morning\"");
    }
}
