package io.gladys.plugin;

import io.gladys.proto.v1.PublishEventResponse;
import io.gladys.report.Json;
import io.gladys.report.OutputFormat;
import io.gladys.stack.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes one event to the orchestrator and shows how it was routed: its salience, whether the
 * gateway answered from its cache, the heuristic that matched, whether the executive got it.
 */
@Mojo(name = "publish", requiresProject = false, threadSafe = true)
public class PublishMojo extends AbstractGladysMojo implements PrintsData {

    /** Version of the JSON shape (README, "Machine-readable output"). */
    static final int SCHEMA_VERSION = 1;

    /** The event's text. */
    @Parameter(property = "gladys.text")
    protected String text;

    /** The event's source. */
    @Parameter(property = "gladys.source", defaultValue = "gladys-maven-plugin")
    protected String source;

    /** The service that carries gladys.v1.OrchestratorService. */
    @Parameter(property = "gladys.orchestratorService", defaultValue = "orchestrator")
    protected String orchestratorService;


    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        if (text == null || text.isBlank()) {
            throw new MojoFailureException("What should the event say? mvn gladys:publish -Dgladys.text=\"good morning\"");
        }
        try (StackSession stack = openSession()) {
            PublishEventResponse r = stack.publisher(orchestratorService, rpcDeadline()).publish(source, text);
            if (f == OutputFormat.JSON) {
                Map<String, Object> m = Json.document(SCHEMA_VERSION);
                m.put("accepted", r.getAccepted());
                m.put("eventId", r.getEventId());
                m.put("salience", r.getSalience().getSalience());
                m.put("fromCache", r.getFromCache());
                m.put("matchedHeuristicId", r.getMatchedHeuristicId());
                m.put("routedToExecutive", r.getRoutedToExecutive());
                m.put("error", r.getError());
                printReport(f, List::of, () -> Json.write(m), "Event " + r.getEventId()
                        + (r.getAccepted() ? " accepted" : " not accepted"));
            } else if (r.getAccepted()) {
                String line = String.format(Locale.ROOT, "Event %s: salience %.2f, %s%s%s.", r.getEventId(),
                        r.getSalience().getSalience(), r.getMatchedHeuristicId().isEmpty() ? "no heuristic matched"
                                : "matched " + r.getMatchedHeuristicId(),
                        r.getMatchedHeuristicId().isEmpty() ? "" : r.getFromCache() ? " (from cache)" : " (fetched from memory)",
                        r.getRoutedToExecutive() ? ", handed to the executive" : "");
                printReport(f, () -> List.of(line), null, line);
            }
            if (!r.getAccepted()) {
                throw new MojoFailureException("The orchestrator did not accept the event: " + r.getError());
            }
        }
    }
}
