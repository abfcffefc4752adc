package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.docker.DockerSettings;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/**
 * Starts services (and what they depend on) in dependency order, independent ones in parallel, and
 * waits until each reports healthy. Exports every service's address as project properties
 * (gladys.&lt;service&gt;.host/port/address, gladys.db.url) for the integration tests that follow.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public class StartMojo extends AbstractServicesMojo {

    /** Wait until the services are healthy (false: return right after launching them). */
    @Parameter(property = PropertyNames.WAIT, defaultValue = "true")
    protected boolean waitForHealthy;

    /** How long one service may take to become healthy, in seconds. */
    @Parameter(property = PropertyNames.START_TIMEOUT, defaultValue = "60")
    protected int startTimeout;

    /** How long the whole start may take, in seconds. */
    @Parameter(property = PropertyNames.OVERALL_TIMEOUT, defaultValue = "300")
    protected int overallTimeout;

    /** How long a service must stay up before it counts as started, in milliseconds. */
    @Parameter(property = PropertyNames.MIN_UPTIME, defaultValue = "1000")
    protected int minUptime;

    /** On a failed start, leave what it launched running (for debugging). */
    @Parameter(property = PropertyNames.KEEP_RUNNING, defaultValue = "false")
    protected boolean keepRunning;

    /** Start independent services at the same time (false: one after another, in dependency order). */
    @Parameter(property = PropertyNames.START_PARALLEL, defaultValue = "true")
    protected boolean parallel;

    /** docker: build the services' images before starting them ({@code up --build}). */
    @Parameter(property = PropertyNames.BUILD, defaultValue = "false")
    protected boolean build;

    @Override
    protected DockerSettings dockerSettings() {
        return super.dockerSettings().toBuilder().build(build).build();
    }

    protected StartOptions startOptions() {
        return StartOptions.builder().waitForHealthy(waitForHealthy)
                .serviceTimeout(Duration.ofSeconds(startTimeout)).overallTimeout(Duration.ofSeconds(overallTimeout))
                .minUptime(Duration.ofMillis(minUptime)).keepRunning(keepRunning).parallel(parallel).build();
    }

    @Override
    protected boolean startsStack() {
        return true;
    }

    @Override
    protected void run() {
        try (StackSession stack = openSession()) {
            stack.start(selection(), startOptions());
            exportAddresses(stack);
        }
    }

    /** gladys.&lt;service&gt;.host/port/address and gladys.db.url as project properties, for the tests that follow. */
    protected void exportAddresses(StackSession stack) {
        stack.addresses().mavenProperties().forEach((k, v) -> project.getProperties().setProperty(k, v));
    }
}
