package io.gladys.catalog;

/**
 * {@code ${port}} and {@code ${<service>.port}} in a service's command arguments and environment values:
 * left in place while the catalog is read, filled once the stack's ports are known (io.gladys.ports).
 */
public final class PortPlaceholder {

    private PortPlaceholder() {
    }

    /** Whether a placeholder's name is one the ports fill. */
    public static boolean is(String name) {
        return name.equals("port") || name.endsWith(".port") && name.length() > ".port".length();
    }

    /** The service a port placeholder names ({@code own} for {@code ${port}}). */
    public static String service(String name, String own) {
        return name.equals("port") ? own : name.substring(0, name.length() - ".port".length());
    }
}
