package io.gladys.local;

import io.gladys.local.process.Setsid;

import io.gladys.config.PropertyNames;
import io.gladys.local.state.RunRecord;
import io.gladys.stack.Pause;
import io.gladys.stack.StackException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How the local environment starts services and reaches their processes when it stops them. Two
 * ways: {@link #GROUPS}, each service leads its own process group (util-linux {@code setsid}, also
 * used to detach the agent) and a stop signals the group; {@link #PORTABLE}, the JDK's
 * {@code ProcessHandle} only: services are plain children of the agent and a stop reaches each
 * process of the service's tree.
 */
public interface ProcessControl {

    /** The property (and pom parameter) that forces one of the two: {@code groups} or {@code portable}. */
    String PROPERTY = PropertyNames.PROCESS_CONTROL;

    ProcessControl GROUPS = new GroupControl();
    ProcessControl PORTABLE = new PortableControl();

    /** "groups" or "portable": told to the agent, shown in messages. */
    String name();

    /** The live processes of a recorded run that a stop must reach, collected now. */
    Target target(RunRecord r);

    /** The processes a stop reaches. */
    interface Target {

        boolean isEmpty();

        /** Sends TERM, INT, KILL ... to every process of the target (the platform's nearest equivalent). */
        void signal(String sig);

        /** The pids of the target still alive (zombies do not count). */
        List<Long> alive();

        default boolean awaitGone(Duration timeout) {
            long until = System.nanoTime() + timeout.toNanos();
            while (!alive().isEmpty()) {
                if (System.nanoTime() > until) {
                    return false;
                }
                Pause.millis(50);
            }
            return true;
        }
    }

    /**
     * The process control asked for: {@code groups}, {@code portable}, or null/blank for the platform's
     * choice (groups where setsid exists, portable on Windows and wherever setsid is missing).
     */
    static ProcessControl choose(String requested) {
        String r = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "", "auto" -> !isWindows() && Setsid.available() ? GROUPS : PORTABLE;
            case "portable" -> PORTABLE;
            case "groups" -> {
                if (isWindows() || !Setsid.available()) {
                    throw new StackException(PROPERTY + "=groups needs util-linux's setsid (looked for in /usr/bin, "
                            + "/bin and /usr/local/bin), and this machine has none. Use " + PROPERTY
                            + "=portable, or leave it unset to let the plugin choose.");
                }
                yield GROUPS;
            }
            default -> throw new StackException("Unknown " + PROPERTY + " '" + requested + "': use 'groups' "
                    + "(process groups through setsid, Linux), 'portable' (the JDK's process handles, any platform) "
                    + "or leave it unset to let the plugin choose.");
        };
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
