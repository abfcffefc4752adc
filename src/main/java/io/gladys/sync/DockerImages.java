package io.gladys.sync;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The images of the Compose services that are built from a local context, as the Docker engine knows
 * them. The engine side (docker-java) implements this; sync-check only decides whether each is stale.
 */
public interface DockerImages {

    /**
     * @throws Exception when the engine does not answer; the images are then reported as not checked
     */
    List<ComposeImage> images() throws Exception;

    /**
     * One Compose service built from a context.
     *
     * @param service     the Compose service name
     * @param image       the image name (or id) the engine has for it
     * @param created     when the image was built; null when there is no image yet
     * @param context     the build context directory
     * @param dockerfile  the Dockerfile (inside or outside the context); null: {@code context/Dockerfile}
     * @param composeFile the Compose file, for the rebuild command; may be null
     */
    record ComposeImage(String service, String image, Instant created, Path context, Path dockerfile,
                        Path composeFile) {
    }
}
