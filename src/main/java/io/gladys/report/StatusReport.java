package io.gladys.report;

import io.gladys.common.Durations;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.ports.PortMode;

import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The status table: state, id (pid or container), port, uptime, exit code, log file of every service, then
 * the facts only the environment knows (a container's health, image, ...) as further columns.
 */
public final class StatusReport {

    /** Version of the JSON shape (README, "Machine-readable output"). */
    public static final int SCHEMA_VERSION = 1;

    /** How the ports were chosen; null: not said (reports made outside a stack session). */
    private PortMode ports;

    /** This report, saying how the stack's ports were chosen. */
    public StatusReport ports(PortMode mode) {
        this.ports = mode;
        return this;
    }

    /** Where each service runs and what its id is there, for a stack in several environments; null: one. */
    private Function<ServiceDefinition, String> environmentOf;
    private Function<ServiceDefinition, String> idNameOf;

    /**
     * This report for a stack whose services run in several environments: an ENV column in the text, an
     * {@code environment} field per service in JSON, and each service's id under its own name there
     * ({@code pid}, {@code container}).
     */
    public StatusReport placed(Function<ServiceDefinition, String> environment,
                               Function<ServiceDefinition, String> idName) {
        this.environmentOf = environment;
        this.idNameOf = idName;
        return this;
    }

    private final List<ServiceStatus> statuses;
    private final String environment;
    private final Path baseDir;
    private final String idName;
    private final List<String> factNames;

    public StatusReport(List<ServiceStatus> statuses, String environment, Path baseDir) {
        this(statuses, environment, baseDir, "pid");
    }

    /** @param idName what the ids are ("pid", "container"): the column's and the JSON field's name */
    public StatusReport(List<ServiceStatus> statuses, String environment, Path baseDir, String idName) {
        this.statuses = statuses;
        this.environment = environment;
        this.baseDir = baseDir;
        this.idName = idName;
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        statuses.forEach(s -> names.addAll(s.facts().keySet()));
        this.factNames = List.copyOf(names);
    }

    public List<String> text() {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("SERVICE", "STATE", environmentOf != null ? "ID"
                : idName.toUpperCase(java.util.Locale.ROOT), "PORT", "UPTIME", "EXIT", "LOG"));
        if (environmentOf != null) {
            header.add(1, "ENV");
        }
        // containerName -> CONTAINER_NAME
        factNames.forEach(f -> header.add(f.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)));
        rows.add(header.toArray(String[]::new));
        Instant now = Instant.now();
        for (ServiceStatus s : statuses) {
            List<String> row = new ArrayList<>(List.of(
                s.service().name(),
                s.state().label(),
                s.id() == null ? "-" : s.id(),
                s.port() == null ? "-" : String.valueOf(s.port()),
                s.since() == null ? "-" : Durations.human(Duration.between(s.since(), now).toSeconds()),
                s.exitCode() == null ? "-" : String.valueOf(s.exitCode()),
                s.logFile() == null ? "-" : relative(s.logFile())));
            factNames.forEach(f -> row.add(s.facts().getOrDefault(f, "-")));
            if (environmentOf != null) {
                row.add(1, environmentOf.apply(s.service()));
            }
            rows.add(row.toArray(String[]::new));
        }
        List<String> out = new ArrayList<>(Table.align(rows));
        for (ServiceStatus s : statuses) {
            if (s.detail() != null && !s.detail().isEmpty() && s.state() != ServiceState.STOPPED
                    || s.state() == ServiceState.STOPPED && s.detail() != null && s.detail().startsWith("stale")) {
                out.add("  " + s.service().name() + ": " + s.detail());
            }
        }
        if (ports != null) {
            out.add(ports.reportLine());
        }
        return out;
    }

    public String json() {
        List<Map<String, Object>> list = new ArrayList<>();
        Instant now = Instant.now();
        for (ServiceStatus s : statuses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.service().name());
            if (environmentOf != null) {
                m.put("environment", environmentOf.apply(s.service()));
            }
            m.put("state", s.state().label());
            // a pid stays a number in JSON, a container id a string
            String key = idNameOf != null ? idNameOf.apply(s.service()) : idName;
            m.put(key, "pid".equals(key) && s.id() != null ? (Object) Long.valueOf(s.id()) : s.id());
            m.put("port", s.port());
            m.put("uptimeSeconds", s.since() == null ? null : Duration.between(s.since(), now).toSeconds());
            m.put("exitCode", s.exitCode());
            m.put("detail", s.detail());
            m.put("logFile", s.logFile() == null ? null : s.logFile().toString());
            factNames.forEach(f -> m.put(f, s.facts().get(f)));
            list.add(m);
        }
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("environment", environment);
        if (ports != null) {
            root.put("ports", ports.json());
        }
        root.put("services", list);
        return Json.write(root);
    }

    /** One line for the log, e.g. "5 services: 4 running, 1 stopped". */
    public String summary() {
        Map<String, Integer> byState = new LinkedHashMap<>();
        statuses.forEach(s -> byState.merge(s.state().label(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byState.forEach((state, n) -> parts.add(n + " " + state));
        return statuses.size() + (statuses.size() == 1 ? " service" : " services")
                + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private String relative(Path p) {
        try {
            return baseDir.relativize(p).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }
}
