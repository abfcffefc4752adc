package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.grpc.EventPublisher;
import io.gladys.proto.v1.EventAck;
import io.gladys.output.OutputFormat;
import io.gladys.report.PublishReport;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes one GLADyS event to the orchestrator and shows its acknowledgement: accepted or queued, the
 * heuristic that matched, the response, whether it went to the LLM, the predicted success.
 */
@Mojo(name = "publish", requiresProject = false, threadSafe = true)
public class PublishMojo extends AbstractGladysMojo implements PrintsData {

    /** The event's text. */
    @Parameter(property = PropertyNames.TEXT)
    protected String text;

    /** The event's source (the sensor id). */
    @Parameter(property = PropertyNames.SOURCE, defaultValue = "gladys-maven-plugin")
    protected String source;

    /** The event's intent: actionable, informational or unknown; empty leaves it unset. */
    @Parameter(property = PropertyNames.INTENT)
    protected String intent;

    /** The service that carries gladys.v1.OrchestratorService. */
    @Parameter(property = PropertyNames.ORCHESTRATOR_SERVICE, defaultValue = "orchestrator")
    protected String orchestratorService;


    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        if (text == null || text.isBlank()) {
            throw new MojoFailureException("What should the event say? mvn gladys:publish -D" + PropertyNames.TEXT + "=\"good morning\"");
        }
        try (StackSession stack = openSession()) {
            EventPublisher publisher = stack.publisher(orchestratorService, rpcDeadline());
            EventAck ack = publisher.publish(EventPublisher.event(source, text, intent));
            String label = publisher.label();
            printReport(f, () -> PublishReport.text(label, ack), () -> PublishReport.json(label, ack),
                    "Event " + ack.getEventId() + (ack.getAccepted() ? " accepted" : " not accepted"));
            if (!ack.getAccepted()) {
                throw new MojoFailureException("The orchestrator did not accept event " + ack.getEventId() + ": "
                        + (ack.getErrorMessage().isEmpty() ? "it gave no reason" : ack.getErrorMessage()));
            }
        }
    }
}
