package io.gladys.catalog;

/**
 * One entry of a service's dependsOn: the service it needs, and how ready that service must be
 * before this one is launched. Written {@code name} (healthy), {@code name:started} or
 * {@code name:launched}.
 */
public record Dependency(String service, Condition condition) {

    public enum Condition {
        /** the dependency reports healthy */
        HEALTHY,
        /** the dependency's process has been launched and stayed up */
        STARTED,
        /** the dependency's process has been launched (for services that wait for their dependencies themselves) */
        LAUNCHED
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
            case "launched" -> new Dependency(name, Condition.LAUNCHED);
            default -> throw new CatalogException("Bad dependsOn entry '" + text
                    + "': the condition after ':' must be 'healthy', 'started' or 'launched'.");
        };
    }

    private static void requireName(String name, String text) {
        if (name.isEmpty()) {
            throw new CatalogException("Bad dependsOn entry '" + text + "': no service name.");
        }
    }

    @Override
    public String toString() {
        return condition == Condition.HEALTHY ? service : service + ":" + condition.name().toLowerCase(java.util.Locale.ROOT);
    }
}
