package io.gladys.plugin;

import io.gladys.ports.NotStartedException;
import io.gladys.output.OutputFormat;
import io.gladys.report.StatusReport;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Every service's state (running, stopped, crashed with its exit code, unhealthy, or a foreign
 * process on its port), pid, port, uptime and log file.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractServicesMojo implements PrintsData {


    @Override
    protected void run() {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        try (StackSession stack = openSession()) {
            StatusReport report = stack.statusReport(selection());
            printReport(f, report::text, report::json, report.summary());
        } catch (NotStartedException e) {
            // not started is a state to report, not a failure of status
            console().info(e.getMessage());
        }
    }
}
