package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.docker.DockerSettings;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/**
 * Stops services in reverse dependency order: the stop signal to the service's whole process group,
 * then SIGKILL after the timeout. Bound to post-integration-test, it runs even when integration
 * tests failed (with failsafe's integration-test/verify split).
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public class StopMojo extends AbstractServicesMojo {

    /** Seconds to wait for a graceful stop before killing. */
    @Parameter(property = PropertyNames.STOP_TIMEOUT, defaultValue = "10")
    protected int stopTimeout;

    /** Leave the stack running after the build (for debugging): the stop goal then does nothing. */
    @Parameter(property = PropertyNames.KEEP_RUNNING, defaultValue = "false")
    protected boolean keepRunning;

    /** docker: also remove the stopped containers and, once none is left, the project's networks (compose down). */
    @Parameter(property = PropertyNames.DOCKER_DOWN, defaultValue = "false")
    protected boolean down;

    /** docker: with gladys.docker.down, remove the project's volumes too. */
    @Parameter(property = PropertyNames.DOCKER_REMOVE_VOLUMES, defaultValue = "false")
    protected boolean removeVolumes;

    @Override
    protected DockerSettings dockerSettings() {
        return super.dockerSettings().toBuilder().down(down).removeVolumes(removeVolumes).build();
    }


    @Override
    protected boolean stopsStack() {
        return true;
    }

    @Override
    protected void run() {
        if (keepRunning) {
            console().info("Leaving the stack running (" + PropertyNames.KEEP_RUNNING + "). Stop it with: mvn gladys:stop");
            return;
        }
        try (StackSession stack = openSession()) {
            stack.stop(selection(), Duration.ofSeconds(stopTimeout));
        }
    }
}
