package io.gladys.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the goal tests share. The plugin testing harness reads the plugin descriptor
 * (target/classes/META-INF/maven/plugin.xml), configures the Mojo from the test's pom and from the
 * -D properties of {@link CommandLine}, with the descriptor's defaults, as Maven does; the tests then
 * look at what the Mojo hands to the core. State goes to a temporary directory, never the checkout's.
 */
abstract class GoalHarness {

    /** A pom whose plugin configuration is {@code configuration} (XML inside {@code <configuration>}). */
    static final String POM_START = "<project><build><plugins><plugin><artifactId>gladys-maven-plugin</artifactId>"
            + "<configuration>";
    static final String POM_END = "</configuration></plugin></plugins></build></project>";

    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    @TempDir
    Path dir;

    @BeforeEach
    void commandLine(TestInfo info) {
        session.getUserProperties().setProperty("gladys.stateDirectory", dir.resolve(".gladys").toString());
        info.getTestMethod().map(m -> m.getAnnotation(CommandLine.class)).ifPresent(c -> {
            for (String p : c.value()) {
                int eq = p.indexOf('=');
                session.getUserProperties().setProperty(p.substring(0, eq), p.substring(eq + 1));
            }
        });
    }

    /** Runs the goal and gives the lines it logged (info and warnings, "WARN " before a warning). */
    static List<String> logOf(AbstractGladysMojo mojo) throws MojoExecutionException, MojoFailureException {
        List<String> lines = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                lines.add("WARN " + content);
            }
        });
        mojo.execute();
        return lines;
    }

    /** The goal fails the build with exactly this message. */
    static void failsWith(AbstractGladysMojo mojo, String message) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessage(message);
    }

    /** The goal fails the build with a message that contains these parts. */
    static void failsWithParts(AbstractGladysMojo mojo, String... parts) {
        var a = assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
        for (String p : parts) {
            a.hasMessageContaining(p);
        }
    }
}
