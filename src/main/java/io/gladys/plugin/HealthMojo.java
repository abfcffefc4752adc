package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.report.HealthReport;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The Service Health Report: each selected service's status and details, probed concurrently.
 * Fails the build unless every selected service is healthy.
 */
@Mojo(name = "health", requiresProject = false, threadSafe = true)
public class HealthMojo extends AbstractServicesMojo implements PrintsData {

    /** Report only: do not fail the build when a service is not healthy. */
    @Parameter(property = PropertyNames.HEALTH_FAIL_ON_UNHEALTHY, defaultValue = "true")
    protected boolean failOnUnhealthy;


    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        try (StackSession stack = openSession()) {
            HealthReport report = new HealthReport(stack.manager().health(selection()),
                    stack.addresses()::address).ports(stack.portMode());
            printReport(f, report::text, () -> report.json(stack.environmentId()), report.summary());
            if (!report.allHealthy() && failOnUnhealthy) {
                throw new MojoFailureException("Not healthy: " + String.join(", ",
                        report.unhealthy().stream().map(ServiceDefinition::name).toList())
                        + ". See the report above; mvn gladys:status and mvn gladys:logs tell more.");
            }
        }
    }
}
