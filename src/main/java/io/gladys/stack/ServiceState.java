package io.gladys.stack;

/** What a service is doing, as status reports it. */
public enum ServiceState {
    /** launched by the plugin and alive */
    RUNNING,
    /** launched by a start that has not confirmed it yet */
    STARTING,
    /** alive but its health check fails */
    UNHEALTHY,
    /** not running */
    STOPPED,
    /** ended without being asked to */
    CRASHED,
    /** not ours, but something else listens on its port */
    FOREIGN,
    /** not managed by the plugin here (an external database) */
    EXTERNAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean alive() {
        return this == RUNNING || this == STARTING || this == UNHEALTHY;
    }
}
