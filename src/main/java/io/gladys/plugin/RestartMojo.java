package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/** Stops the selected services, then starts them again and waits until they are healthy. */
@Mojo(name = "restart", requiresProject = false, threadSafe = true)
public class RestartMojo extends StartMojo {

    /** Seconds to wait for a graceful stop before killing. */
    @Parameter(property = PropertyNames.STOP_TIMEOUT, defaultValue = "10")
    protected int stopTimeout;


    @Override
    protected void run() {
        try (StackSession stack = openSession()) {
            stack.manager().stop(selection(), Duration.ofSeconds(stopTimeout));
        }
        super.run();
    }
}
