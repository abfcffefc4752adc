package io.gladys.report;

import io.gladys.common.Durations;
import io.gladys.ports.PortMode;

import io.gladys.catalog.ServiceDefinition;
import io.gladys.health.HealthResult;
import io.gladys.health.ProbeOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Service Health Report of the design document (section 4). Details keys GLADyS documents get
 * readable lines; any other key a service reports is printed as it is.
 */
public final class HealthReport {

    /** Version of the JSON shape (README, "Machine-readable output"). */
    public static final int SCHEMA_VERSION = 1;

    /** How the ports were chosen; null: not said (reports made outside a stack session). */
    private PortMode ports;

    /** This report, saying how the stack's ports were chosen. */
    public HealthReport ports(PortMode mode) {
        this.ports = mode;
        return this;
    }

    private final Map<ServiceDefinition, HealthResult> results;
    private final Function<ServiceDefinition, String> address;

    public HealthReport(Map<ServiceDefinition, HealthResult> results, Function<ServiceDefinition, String> address) {
        this.results = results;
        this.address = address;
    }

    public boolean allHealthy() {
        return results.values().stream().allMatch(HealthResult::healthy);
    }

    public List<ServiceDefinition> unhealthy() {
        return results.entrySet().stream().filter(e -> !e.getValue().healthy()).map(Map.Entry::getKey).toList();
    }

    public List<String> text() {
        List<String> out = new ArrayList<>();
        out.add("Service Health Report");
        out.add("=====================");
        for (var e : results.entrySet()) {
            ServiceDefinition s = e.getKey();
            HealthResult r = e.getValue();
            out.add("");
            String addr = address.apply(s);
            out.add(s.name() + (addr == null ? "" : " (" + addr + ")") + ":");
            out.add("  Status: " + status(r));
            out.addAll(detailLines(r.details()));
            if (r.uptimeSeconds() >= 0) {
                out.add("  Uptime: " + Durations.human(r.uptimeSeconds()));
            }
            r.notes().forEach(n -> out.add("  Note: " + n));
        }
        out.add("");
        if (ports != null) {
            out.add(ports.reportLine());
        }
        out.add(summary());
        return out;
    }

    /** "4 of 5 healthy". */
    public String summary() {
        long healthy = results.values().stream().filter(HealthResult::healthy).count();
        return healthy + " of " + results.size() + " healthy";
    }

    private static String status(HealthResult r) {
        if (r.outcome() == ProbeOutcome.NOT_CHECKED) {
            return "NOT CHECKED (" + r.message() + ")";
        }
        if (r.healthy()) {
            return r.state().name();
        }
        return r.state().name() + (r.message().isEmpty() ? "" : " - " + r.message());
    }

    static List<String> detailLines(Map<String, String> details) {
        Map<String, String> d = new TreeMap<>(details);
        List<String> out = new ArrayList<>();
        take(d, "db_status").ifPresent(v -> out.add("  Database: " + v));
        take(d, "table_counts").ifPresent(v -> out.add("  Tables: " + pairs(v, "(", ")")));
        take(d, "connection_pool").ifPresent(v -> out.add("  Connection pool: " + pairs(v, "=", "")));
        String size = d.remove("cache_size");
        String cap = d.remove("cache_capacity");
        if (size != null) {
            out.add("  Cache: " + size + (cap == null ? "" : "/" + cap) + " entries" + percentFull(size, cap));
        }
        take(d, "hit_rate").ifPresent(v -> out.add("  Hit rate: " + percent(v)));
        take(d, "backend_status").ifPresent(v -> out.add("  Backend: " + v));
        take(d, "dependency_status").ifPresent(v -> {
            out.add("  Dependencies:");
            for (String p : v.split(",")) {
                int eq = p.indexOf('=');
                out.add("    - " + (eq < 0 ? p.trim() : p.substring(0, eq).trim() + ": " + p.substring(eq + 1).trim()));
            }
        });
        String events = d.remove("events_processed");
        String errors = d.remove("error_count");
        if (events != null) {
            out.add("  Events processed: " + events + (errors == null ? "" : " (" + errors + " errors)"));
        } else if (errors != null) {
            out.add("  Errors: " + errors);
        }
        take(d, "memory_status").ifPresent(v -> out.add("  Memory backend: " + v));
        String llmConfigured = d.remove("llm_configured");
        String llmStatus = d.remove("llm_status");
        if (llmStatus != null || llmConfigured != null) {
            out.add("  LLM: " + (llmStatus != null ? llmStatus : "true".equals(llmConfigured) ? "configured"
                    : "not configured"));
        }
        take(d, "server_version").ifPresent(v -> out.add("  Server: PostgreSQL " + v));
        take(d, "database").ifPresent(v -> out.add("  Database: " + v));
        take(d, "connections").ifPresent(v -> out.add("  Connections: " + v));
        d.forEach((k, v) -> out.add("  " + k + ": " + v));
        return out;
    }

    private static java.util.Optional<String> take(Map<String, String> d, String key) {
        return java.util.Optional.ofNullable(d.remove(key));
    }

    /** "a=1,b=2" as "a(1), b(2)" (or with another pair format). */
    private static String pairs(String v, String open, String close) {
        List<String> parts = new ArrayList<>();
        for (String p : v.split(",")) {
            int eq = p.indexOf('=');
            parts.add(eq < 0 ? p.trim() : p.substring(0, eq).trim() + open + p.substring(eq + 1).trim() + close);
        }
        return String.join(", ", parts);
    }

    private static String percentFull(String size, String cap) {
        try {
            double s = Double.parseDouble(size), c = Double.parseDouble(cap);
            return c > 0 ? String.format(Locale.ROOT, ", %.1f%% full", 100 * s / c) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A rate given as a fraction (0.873) or already in percent (87.3). */
    static String percent(String v) {
        try {
            double d = Double.parseDouble(v.replace("%", "").trim());
            return String.format(Locale.ROOT, "%.1f%%", d <= 1.0 && !v.contains("%") ? d * 100 : d);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    public String json(String environment) {
        Map<String, Object> root = Json.document(SCHEMA_VERSION);
        root.put("environment", environment);
        root.put("healthy", allHealthy());
        if (ports != null) {
            root.put("ports", ports.json());
        }
        List<Map<String, Object>> services = new ArrayList<>();
        for (var e : results.entrySet()) {
            HealthResult r = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey().name());
            m.put("address", address.apply(e.getKey()));
            m.put("status", r.state().name());
            m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            m.put("message", r.message());
            m.put("uptimeSeconds", r.uptimeSeconds() >= 0 ? r.uptimeSeconds() : null);
            m.put("details", new TreeMap<>(r.details()));
            m.put("notes", r.notes());
            services.add(m);
        }
        root.put("services", services);
        return Json.write(root);
    }
}
