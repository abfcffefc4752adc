package io.gladys.local.state;

import io.gladys.local.state.ExitRecord;
import io.gladys.local.state.RunRecord;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local environment's per-project state, kept outside target/ so that mvn clean does not lose
 * track of running services: one record per service (written by the stack agent), how it ended, whether
 * a start confirmed it, its log, the embedded database. The lock that serialises the goals of a
 * project across Maven processes is {@code .gladys/lock} ({@link io.gladys.stack.ProjectLock}).
 *
 * <pre>
 * .gladys/lock                      held while a goal changes the stack
 * .gladys/agent/                    the stack agent: its record, its errors, its socket (AgentEndpoint)
 * .gladys/services/NAME.record      agent and service pids with their start times, restarts
 * .gladys/services/NAME.launch      how the service was launched (command, environment, policy), 0600
 * .gladys/services/NAME.exit        exit code of the service, written when it ends
 * .gladys/services/NAME.tree        processes the service spawned, as the agent saw them (portable control)
 * .gladys/services/NAME.started     the launch a start confirmed
 * .gladys/services/NAME.stopping    a stop was asked for (the agent records the exit as requested)
 * .gladys/services/NAME.stop.out    the output of the service's stop command
 * .gladys/logs/NAME.log[.N]         the service's output (written by the service itself), rotated
 * .gladys/db/                       the embedded PostgreSQL (binaries and data)
 * .gladys/cds/NAME/KEY.jsa          the class-data archive of a Java service (ClassDataArchive)
 * </pre>
 */
public final class StateDirectory {

    private static final String RECORD = ".record";

    private final Path root;

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path services() {
        return root.resolve("services");
    }

    /** The class-data archives of one service. */
    public Path classData(String service) {
        return root.resolve("cds").resolve(service);
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path recordFile(String service) {
        return services().resolve(service + RECORD);
    }

    /** The service a record file of some state directory is of (its name without {@link #RECORD}). */
    public static String serviceOf(Path recordFile) {
        String file = recordFile.getFileName().toString();
        return file.endsWith(RECORD) ? file.substring(0, file.length() - RECORD.length()) : file;
    }

    /** The state directory a record file is in (the inverse of {@link #recordFile}). */
    public static StateDirectory of(Path recordFile) {
        return new StateDirectory(recordFile.toAbsolutePath().getParent().getParent());
    }

    public Path exitFile(String service) {
        return services().resolve(service + ".exit");
    }

    /** The processes the service spawned, "pid start" per line, written by its runner (portable control). */
    public Path treeFile(String service) {
        return services().resolve(service + ".tree");
    }

    public Path startedFile(String service) {
        return services().resolve(service + ".started");
    }

    public Path stopRequestFile(String service) {
        return services().resolve(service + ".stopping");
    }

    public Path stopCommandOutput(String service) {
        return services().resolve(service + ".stop.out");
    }

    /** How the service was launched, kept so that an agent that adopts it can restart it. */
    public Path launchFile(String service) {
        return services().resolve(service + ".launch");
    }

    public Path logFile(String service) {
        return logs().resolve(service + ".log");
    }

    public Optional<RunRecord> record(String service) {
        return RunRecord.read(recordFile(service));
    }

    public Optional<ExitRecord> exit(String service) {
        return ExitRecord.read(exitFile(service));
    }

    /** Whether a start confirmed this launch of the service. */
    public boolean confirmed(String service, String launchId) {
        try {
            return Files.readString(startedFile(service)).trim().equals(launchId);
        } catch (IOException e) {
            return false;
        }
    }

    public void confirm(String service, String launchId) {
        try {
            Files.writeString(startedFile(service), launchId);
        } catch (IOException e) {
            throw new StackException("Cannot write " + startedFile(service) + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a service's run: its record, exit, confirmation, stop request and tree (its log stays). */
    public void clear(String service) {
        for (Path p : new Path[] {recordFile(service), exitFile(service), startedFile(service),
                stopRequestFile(service), treeFile(service), launchFile(service)}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new StackException("Cannot remove " + p + ": " + e.getMessage(), e);
            }
        }
    }

    public void createDirectories() {
        try {
            Files.createDirectories(services());
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new StackException("Cannot create the state directory " + root + ": " + e.getMessage(), e);
        }
    }
}
