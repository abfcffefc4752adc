package io.gladys.health;

import java.util.List;
import java.util.Map;

/**
 * The result of one health probe.
 *
 * @param outcome   how the probe went
 * @param state     the health state to report (UNKNOWN when the service could not be asked)
 * @param message   the service's own message, or why the probe failed
 * @param uptimeSeconds the uptime the service reported, or -1
 * @param details   the service's details map (GetHealthDetails), possibly empty
 * @param notes     remarks on how the result was obtained (e.g. a fallback to the standard health)
 */
public record HealthResult(ProbeOutcome outcome, HealthState state, String message, long uptimeSeconds,
                           Map<String, String> details, List<String> notes) {

    public HealthResult {
        message = message == null ? "" : message;
        details = details == null ? Map.of() : Map.copyOf(details);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static HealthResult cannotConnect(String reason) {
        return new HealthResult(ProbeOutcome.CANNOT_CONNECT, HealthState.UNKNOWN, "cannot connect: " + reason, -1,
                null, null);
    }

    public static HealthResult rpcFailed(String reason, List<String> notes) {
        return new HealthResult(ProbeOutcome.RPC_FAILED, HealthState.UNKNOWN, reason, -1, null, notes);
    }

    public static HealthResult answered(HealthState state, String message, long uptime, Map<String, String> details,
                                        List<String> notes) {
        ProbeOutcome o = state == HealthState.HEALTHY ? ProbeOutcome.HEALTHY : ProbeOutcome.NOT_HEALTHY;
        return new HealthResult(o, state, message, uptime, details, notes);
    }

    public static HealthResult notChecked() {
        return new HealthResult(ProbeOutcome.NOT_CHECKED, HealthState.UNKNOWN, "no health check (health kind none)",
                -1, null, null);
    }

    public boolean healthy() {
        return outcome == ProbeOutcome.HEALTHY;
    }

    public HealthResult withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new HealthResult(outcome, state, message, uptimeSeconds, details, n);
    }
}
