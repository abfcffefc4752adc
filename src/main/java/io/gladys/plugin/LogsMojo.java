package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.StackException;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;
import java.util.List;

/**
 * Shows the last lines of services' logs, and with {@code -Dfollow} streams new lines until Ctrl-C
 * (surviving log rotation). With several services each line starts with the service's name.
 */
@Mojo(name = "logs", requiresProject = false, threadSafe = true)
public class LogsMojo extends AbstractServicesMojo {

    /** How many of the last lines to show per service. */
    @Parameter(property = PropertyNames.TAIL_SHORT, defaultValue = "50")
    protected int tail;

    /** The same as {@code tail}, under a namespaced name. */
    @Parameter(property = PropertyNames.TAIL)
    protected Integer gladysTail;

    /** Keep streaming new lines until interrupted. */
    @Parameter(property = PropertyNames.FOLLOW_SHORT, defaultValue = "false")
    protected boolean follow;

    /** The same as {@code follow}, under a namespaced name. */
    @Parameter(property = PropertyNames.FOLLOW, defaultValue = "false")
    protected boolean gladysFollow;

    /** When following, stop after this many seconds (0: until interrupted). */
    @Parameter(property = PropertyNames.FOLLOW_SECONDS, defaultValue = "0")
    protected int followSeconds;


    @Override
    protected void run() {
        try (StackSession stack = openSession()) {
            List<ServiceDefinition> selected = stack.catalog().resolve(selection());
            int width = selected.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            boolean prefix = selected.size() > 1;
            // lines go straight to standard output: they are the services' own words, not the build's
            stack.manager().logs(selection(), gladysTail != null ? gladysTail : tail, follow || gladysFollow,
                    Duration.ofSeconds(followSeconds), (name, line) -> console().data(prefix
                            ? String.format("%-" + width + "s | %s", name, line) : line));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted.");
        }
    }
}
