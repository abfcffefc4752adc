package io.gladys.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verify scripts' check for escaped exceptions, against the shapes Maven prints. */
class ItChecksTest {

    private static final String CLEAN = """
            [ERROR] Failed to execute goal io.gladys:gladys-maven-plugin:0.1.0:health (default-cli) on project x: \
            Unknown service 'nosuch'. Valid names: all, db. -> [Help 1]
            org.apache.maven.lifecycle.LifecycleExecutionException: Failed to execute goal io.gladys:x: Unknown service
                at org.apache.maven.lifecycle.internal.MojoExecutor.doExecute2 (MojoExecutor.java:375)
            Caused by: org.apache.maven.plugin.MojoFailureException: Unknown service 'nosuch'. Valid names: all, db.
                at io.gladys.plugin.AbstractGladysMojo.execute (AbstractGladysMojo.java:160)
            Caused by: io.gladys.catalog.CatalogException: Unknown service 'nosuch'. Valid names: all, db.
            """;

    @Test
    void aClearFailureWithItsDashETraceIsClean() {
        assertThat(ItChecks.escapedExceptions(CLEAN)).isEmpty();
    }

    @Test
    void anExceptionTheGoalDidNotHandleIsFound() {
        String npe = """
                [ERROR] Failed to execute goal io.gladys:gladys-maven-plugin:0.1.0:health (default-cli) on project x: \
                Execution default-cli of goal io.gladys:gladys-maven-plugin:0.1.0:health failed: \
                java.lang.NullPointerException -> [Help 1]
                org.apache.maven.lifecycle.LifecycleExecutionException: Failed to execute goal io.gladys:x
                    at org.apache.maven.lifecycle.internal.MojoExecutor.doExecute2 (MojoExecutor.java:375)
                Caused by: org.apache.maven.plugin.PluginExecutionException: Execution default-cli failed
                Caused by: java.lang.NullPointerException
                """;
        assertThat(ItChecks.escapedExceptions(npe)).hasSize(3);
    }

    @Test
    void aTracePrintedByTheJvmIsFound() {
        String printed = CLEAN + "java.lang.IllegalStateException: boom\n\tat io.gladys.x.Y.z(Y.java:1)\n";
        assertThat(ItChecks.escapedExceptions(printed)).singleElement().asString().contains("printed by the JVM");
    }
}
