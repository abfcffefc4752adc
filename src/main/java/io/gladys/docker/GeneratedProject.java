package io.gladys.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Compose project the plugin writes itself, for a project that has no Compose file (the reference
 * stack, io.gladys.docker.reference): written when a start first needs it, with the image its services
 * run on built from local files.
 */
public interface GeneratedProject {

    /** What {@link #write()} wrote: the Compose file, the services' image, whether anything changed. */
    record Written(Path composeFile, String image, boolean changed) {
    }

    /** Writes the Compose file and its build context (rewritten only when something changed). */
    Written write();

    /** Builds the services' image on the engine unless it has it already; whether it was built. */
    boolean ensureImage(ContainerEngine engine);

    /** Removes images of earlier builds of the plugin that no container uses; the tags removed. */
    List<String> removeOtherImages(ContainerEngine engine);

    /** The host address its ports are published on (0.0.0.0: every interface). */
    String publishAddress();

    /** What the Compose CLI's environment must hold to run the project (kept out of the written file). */
    Map<String, String> composeEnvironment();
}
