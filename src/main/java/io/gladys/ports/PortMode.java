package io.gladys.ports;

import io.gladys.config.PropertyNames;
import java.util.Locale;

/**
 * How a stack's ports are chosen: the catalog's ({@code default}), the catalog's shifted by N
 * ({@code gladys.portOffset=N}), or free ports picked at start ({@code gladys.ports=dynamic}).
 */
public record PortMode(Kind kind, int offset) {

    public enum Kind { DEFAULT, OFFSET, DYNAMIC }

    public static final PortMode DEFAULT = new PortMode(Kind.DEFAULT, 0);
    public static final PortMode DYNAMIC = new PortMode(Kind.DYNAMIC, 0);

    public static PortMode offset(int n) {
        return n == 0 ? DEFAULT : new PortMode(Kind.OFFSET, n);
    }

    /**
     * The mode the build asks for, from gladys.ports and gladys.portOffset; null when it gives neither
     * (a later goal then takes the mode the stack was started in).
     */
    public static PortMode requested(String ports, Integer offset) {
        String p = ports == null || ports.isBlank() ? null : ports.trim().toLowerCase(Locale.ROOT);
        if (offset != null && offset < 0) {
            throw new PortException(PropertyNames.PORT_OFFSET + " is " + offset + ": an offset is 0 or more (it shifts every "
                    + "port of the stack up by that much).");
        }
        if (p != null && !p.equals("default") && !p.equals("dynamic")) {
            throw new PortException(PropertyNames.PORTS + " is '" + ports.trim() + "': give 'default' (the catalog's ports, "
                    + "shifted by " + PropertyNames.PORT_OFFSET + ") or 'dynamic' (free ports picked by gladys:start).");
        }
        if ("dynamic".equals(p)) {
            if (offset != null && offset != 0) {
                throw new PortException(PropertyNames.PORTS + "=dynamic and " + PropertyNames.PORT_OFFSET + "=" + offset + " both choose the "
                        + "ports: give one of them.");
            }
            return DYNAMIC;
        }
        if (offset != null) {
            return offset(offset);
        }
        return p == null ? null : DEFAULT;
    }

    /** How the mode is written in the port record: default, offset:N, dynamic. */
    public String id() {
        return kind == Kind.OFFSET ? "offset:" + offset : kind.name().toLowerCase(Locale.ROOT);
    }

    public static PortMode parseId(String id) {
        if (id == null || id.equals("default")) {
            return DEFAULT;
        }
        if (id.equals("dynamic")) {
            return DYNAMIC;
        }
        if (id.startsWith("offset:")) {
            try {
                return offset(Integer.parseInt(id.substring("offset:".length())));
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new PortException("Unknown port mode '" + id + "' in the port record.");
    }

    /** For reports: default, offset 100, dynamic. */
    public String describe() {
        return kind == Kind.OFFSET ? "offset " + offset : kind.name().toLowerCase(Locale.ROOT);
    }

    /** The report line: which ports are in use and why. */
    public String reportLine() {
        return "Ports: " + switch (kind) {
            case DEFAULT -> "default (the catalog's)";
            case OFFSET -> "offset " + offset + " (the catalog's + " + offset + ", " + PropertyNames.PORT_OFFSET + ")";
            case DYNAMIC -> "dynamic (chosen by gladys:start, " + PropertyNames.PORTS + "=dynamic)";
        };
    }

    /** The JSON form: {"mode": "offset", "offset": 100}. */
    public java.util.Map<String, Object> json() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("mode", kind.name().toLowerCase(Locale.ROOT));
        m.put("offset", offset);
        return m;
    }

    /** The properties that ask for this mode, for messages that tell how to address the stack. */
    public String flags() {
        return switch (kind) {
            case DEFAULT -> "-D" + PropertyNames.PORTS + "=default";
            case OFFSET -> "-D" + PropertyNames.PORT_OFFSET + "=" + offset;
            case DYNAMIC -> "-D" + PropertyNames.PORTS + "=dynamic";
        };
    }

    /** Whether two checkouts of one project may run in this mode at once (their Compose names must differ). */
    public boolean shared() {
        return kind != Kind.DEFAULT;
    }
}
