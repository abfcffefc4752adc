package io.gladys.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one way the docker environment reaches the engine: containers of a Compose project, found by
 * their Compose labels (never by name, so Compose v1 and v2 naming both work and two projects never see
 * each other's containers), and what is done to them.
 */
public interface ContainerEngine extends AutoCloseable {

    String PROJECT_LABEL = "com.docker.compose.project";
    String SERVICE_LABEL = "com.docker.compose.service";
    String ONEOFF_LABEL = "com.docker.compose.oneoff";

    /** Where the engine is (DOCKER_HOST, else the local socket), as a URI. */
    String host();

    /** Empty when the engine answers, else why it does not. */
    Optional<String> unavailable();

    /** Fails with a message that names the host and says what to do when no engine answers. */
    void requireAvailable();

    /** Every container of the project, running or not (one-off {@code run} containers left out). */
    default List<Container> containers(String project) {
        return containers(project, null);
    }

    /** The containers of one Compose service of the project (every service's when null). */
    List<Container> containers(String project, String service);

    /** The container as it is now, or empty when it is gone. */
    Optional<Container> inspect(String id);

    /** The container of that name (whatever project it belongs to), or empty when there is none. */
    default Optional<Container> byName(String name) {
        return inspect(name);
    }

    /** A running container that publishes the host port, whatever project it belongs to; empty when none does. */
    default Optional<Container> publishing(int hostPort) {
        return Optional.empty();
    }

    void stop(String id, Duration timeout);

    void remove(String id, boolean volumes);

    /** Removes the networks, and the volumes if asked, that Compose created for the project. */
    void removeProjectResources(String project, boolean volumes);

    /** The container's last lines (stdout and stderr, whole lines). */
    List<String> lastLines(String id, int lines);

    /**
     * Hands the container's last lines, then (when following) every new line to the sink, until the
     * container stops, the deadline passes (0: none) or the thread is interrupted.
     *
     * @param sink receives (stream, line): stream is "stdout" or "stderr"
     */
    void logs(String id, int tail, boolean follow, long untilEpochMs, BiConsumer<String, String> sink)
            throws InterruptedException;

    /** When the image was created, or empty when the engine has no such image. */
    Optional<Instant> imageCreated(String name);

    /**
     * Builds an image from a directory holding a Dockerfile, never pulling its base image (it must be on
     * the engine), and tags it.
     *
     * @param output receives the build's output, line by line
     */
    void buildImage(Path context, String tag, Consumer<String> output);

    /** The tags of every image that carries the label (with the value "true"). */
    List<String> imageTags(String label);

    /** Removes the image by tag; false when a container still uses it or it is gone. */
    boolean removeImage(String tag);

    /**
     * The address on the engine's host that containers reach it by: the default bridge's gateway, which
     * {@code host.docker.internal:host-gateway} maps to; empty when the engine does not tell.
     */
    Optional<String> hostGatewayAddress();

    @Override
    void close();

    /**
     * One container.
     *
     * @param status       the engine's word: created, running, restarting, paused, exited, dead
     * @param health       its own HEALTHCHECK's state (starting, healthy, unhealthy), null when it has none
     * @param healthOutput the last output of its HEALTHCHECK, null when none
     * @param ports        container port ("5432/tcp") to published host port
     * @param publishedOn  container port to the host address it is published on ("127.0.0.1", "0.0.0.0")
     */
    record Container(String id, String service, String status, String health, String healthOutput,
                     Instant startedAt, Integer exitCode, boolean oomKilled, int restartCount, String image,
                     Map<String, Integer> ports, String name, String project, String workingDir,
                     Map<String, String> publishedOn) {

        public Container(String id, String service, String status, String health, String healthOutput,
                         Instant startedAt, Integer exitCode, boolean oomKilled, int restartCount, String image,
                         Map<String, Integer> ports, String name, String project, String workingDir) {
            this(id, service, status, health, healthOutput, startedAt, exitCode, oomKilled, restartCount, image, ports,
                    name, project, workingDir, Map.of());
        }

        public Container(String id, String service, String status, String health, String healthOutput,
                         Instant startedAt, Integer exitCode, boolean oomKilled, int restartCount, String image,
                         Map<String, Integer> ports) {
            this(id, service, status, health, healthOutput, startedAt, exitCode, oomKilled, restartCount, image, ports,
                    null, null, null);
        }

        public String shortId() {
            return id.length() > 12 ? id.substring(0, 12) : id;
        }

        public boolean running() {
            return "running".equals(status) || "restarting".equals(status);
        }
    }
}
