package io.gladys.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gladys.proto.v1.EventAck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish goal's output shows every field of GLADyS's EventAck. */
class PublishReportTest {

    private final EventAck queued = EventAck.newBuilder().setEventId("e-1").setAccepted(true).setQueued(true)
            .setMatchedHeuristicId("h-1").setRoutedToLlm(true).setPredictedSuccess(0.75f)
            .setPredictionConfidence(0.5f).build();

    @Test
    void textNamesEachPartOfTheAck() {
        assertThat(PublishReport.text("orchestrator (localhost:50050)", queued)).containsExactly(
                "Event e-1 published to orchestrator (localhost:50050):",
                "  Accepted: yes",
                "  Queued: yes, the response comes later",
                "  Matched heuristic: h-1",
                "  Response: none",
                "  Routed to LLM: yes",
                "  Predicted success: 0.75 (confidence 0.50)");
        assertThat(PublishReport.text("o", EventAck.newBuilder().setEventId("e-2").setErrorMessage("no text").build()))
                .contains("  Accepted: no (no text)", "  Matched heuristic: none");
    }

    @Test
    void jsonCarriesEveryField() {
        JsonObject j = JsonParser.parseString(PublishReport.json("o", queued)).getAsJsonObject();
        assertThat(j.get("eventId").getAsString()).isEqualTo("e-1");
        assertThat(j.get("accepted").getAsBoolean()).isTrue();
        assertThat(j.get("queued").getAsBoolean()).isTrue();
        assertThat(j.get("matchedHeuristicId").getAsString()).isEqualTo("h-1");
        assertThat(j.get("routedToLlm").getAsBoolean()).isTrue();
        assertThat(j.get("predictedSuccess").getAsDouble()).isEqualTo(0.75);
        assertThat(j.keySet()).contains("responseText", "responseId", "errorMessage", "predictionConfidence");
    }
}
