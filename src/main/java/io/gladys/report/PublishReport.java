package io.gladys.report;

import io.gladys.proto.v1.EventAck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the orchestrator answered to a published event: GLADyS's EventAck, field by field. */
public final class PublishReport {

    private PublishReport() {
    }

    public static List<String> text(String orchestrator, EventAck a) {
        List<String> out = new ArrayList<>();
        out.add("Event " + a.getEventId() + " published to " + orchestrator + ":");
        out.add("  Accepted: " + yesNo(a.getAccepted()) + (a.getErrorMessage().isEmpty() ? "" : " (" + a.getErrorMessage() + ")"));
        out.add("  Queued: " + (a.getQueued() ? "yes, the response comes later" : "no"));
        out.add("  Matched heuristic: " + (a.getMatchedHeuristicId().isEmpty() ? "none" : a.getMatchedHeuristicId()));
        out.add("  Response: " + (a.getResponseText().isEmpty() ? "none"
                : "\"" + a.getResponseText() + "\"" + (a.getResponseId().isEmpty() ? "" : " (" + a.getResponseId() + ")")));
        out.add("  Routed to LLM: " + yesNo(a.getRoutedToLlm()));
        out.add(String.format(Locale.ROOT, "  Predicted success: %.2f (confidence %.2f)", a.getPredictedSuccess(),
                a.getPredictionConfidence()));
        return out;
    }

    /** Version of the JSON shape (README, "Machine-readable output"). */
    public static final int SCHEMA_VERSION = 1;

    public static String json(String orchestrator, EventAck a) {
        Map<String, Object> m = Json.document(SCHEMA_VERSION);
        m.put("orchestrator", orchestrator);
        m.put("eventId", a.getEventId());
        m.put("accepted", a.getAccepted());
        m.put("errorMessage", a.getErrorMessage());
        m.put("queued", a.getQueued());
        m.put("matchedHeuristicId", a.getMatchedHeuristicId());
        m.put("responseId", a.getResponseId());
        m.put("responseText", a.getResponseText());
        m.put("routedToLlm", a.getRoutedToLlm());
        m.put("predictedSuccess", a.getPredictedSuccess());
        m.put("predictionConfidence", a.getPredictionConfidence());
        return Json.write(m);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
