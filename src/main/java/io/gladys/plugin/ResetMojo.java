package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/**
 * Full reset: stop the services, clean the database tables (the database stays up for it), start
 * everything again. Stops at the first step that fails, and says which.
 */
@Mojo(name = "reset", requiresProject = false, threadSafe = true)
public class ResetMojo extends StartMojo {

    /** Which set of tables to clean (as for clean). */
    @Parameter(property = PropertyNames.TARGET_SHORT, defaultValue = "all")
    protected String target;

    /** The same as {@code target}, under a namespaced name. */
    @Parameter(property = PropertyNames.TARGET)
    protected String gladysTarget;

    /** Let tables outside the target lose rows through ON DELETE CASCADE. */
    @Parameter(property = PropertyNames.CLEAN_ALLOW_CASCADE, defaultValue = "false")
    protected boolean allowCascade;

    /** Seconds to wait for a graceful stop before killing. */
    @Parameter(property = PropertyNames.STOP_TIMEOUT, defaultValue = "10")
    protected int stopTimeout;

    /**
     * Instead of cleaning tables: delete the PostgreSQL cluster the plugin manages and start on a new
     * one, made by the binaries and migrations configured now (after a change of
     * &lt;installation&gt; to another major version, or of the migrations). Refused for an external
     * or Compose database.
     */
    @Parameter(property = PropertyNames.DB_RECREATE, defaultValue = "false")
    protected boolean recreate;

    @Override
    protected void run() {
        if (recreate) {
            try (StackSession stack = openSession()) {
                stack.recreateDatabase(startOptions(), Duration.ofSeconds(stopTimeout));
                exportAddresses(stack);
            }
            console().info("Reset done: the database was recreated, every service started and healthy.");
            return;
        }
        String name = eitherOf(gladysTarget, target);
        try (StackSession stack = openSession()) {
            stack.reset(name, allowCascade, startOptions(), Duration.ofSeconds(stopTimeout));
            exportAddresses(stack);
        }
        console().info("Reset done: tables of '" + name + "' cleaned, every service started and healthy.");
    }
}
