package io.gladys.catalog;

/**
 * One entry of a service's dependsOn: the service it needs, and how ready that service must be
 * before this one is launched. Written {@code name} (healthy) or {@code name:started}.
 */
public record Dependency(String service, Condition condition) {

    public enum Condition {
        /** the dependency reports healthy */
        HEALTHY,
        /** the dependency's process has been launched and stayed up */
        STARTED
    }

    public static Dependency parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            requireName(t, text);
            return new Dependency(t, Condition.HEALTHY);
        }
        String name = t.substring(0, colon).trim();
        String cond = t.substring(colon + 1).trim();
        requireName(name, text);
        return switch (cond) {
            case "healthy" -> new Dependency(name, Condition.HEALTHY);
            case "started" -> new Dependency(name, Condition.STARTED);
            default -> throw new CatalogException("Bad dependsOn entry '" + text
                    + "': the condition after ':' must be 'healthy' or 'started'.");
        };
    }

    private static void requireName(String name, String text) {
        if (name.isEmpty()) {
            throw new CatalogException("Bad dependsOn entry '" + text + "': no service name.");
        }
    }

    @Override
    public String toString() {
        return condition == Condition.HEALTHY ? service : service + ":started";
    }
}
