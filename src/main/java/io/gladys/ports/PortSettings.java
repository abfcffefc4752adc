package io.gladys.ports;

/**
 * What a goal asks of the stack's ports.
 *
 * @param requested the mode the build asks for, or null when it names none (the recorded one is taken)
 * @param starts    the goal may start services: it may choose ports and record them
 * @param stops     the goal stops services: it follows the recorded ports whatever the build asks for
 */
public record PortSettings(PortMode requested, boolean starts, boolean stops) {

    public static final PortSettings NONE = new PortSettings(null, false, false);

    /** The same goal, for a start (tests open sessions directly). */
    public static PortSettings starting(PortMode mode) {
        return new PortSettings(mode, true, false);
    }
}
