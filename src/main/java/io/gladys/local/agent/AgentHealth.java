package io.gladys.local.agent;

import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.health.ProbeOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** A health result on the agent's wire, both ways. */
final class AgentHealth {

    private AgentHealth() {
    }

    static AgentMessage answer(HealthResult r) {
        AgentMessage.Builder b = AgentMessage.ok().put("outcome", r.outcome().name()).put("state", r.state().name())
                .put("message", r.message()).put("uptime", r.uptimeSeconds());
        r.details().forEach((k, v) -> b.put("detail", k + "=" + v));
        b.putAll("note", r.notes());
        return b.build();
    }

    static HealthResult of(AgentMessage m) {
        Map<String, String> details = new LinkedHashMap<>();
        for (String d : m.all("detail")) {
            int eq = d.indexOf('=');
            details.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "" : d.substring(eq + 1));
        }
        return new HealthResult(ProbeOutcome.valueOf(m.require("outcome")), HealthState.valueOf(m.require("state")),
                m.get("message").orElse(""), Long.parseLong(m.get("uptime").orElse("-1")),
                m.all("detail").isEmpty() ? null : details, m.all("note"));
    }
}
