package io.gladys.testing;

import io.gladys.docker.ContainerEngine;
import io.gladys.docker.DockerEngine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What tests do with the Compose projects they start: remove all of them, check nothing is left, reach no engine. */
public final class DockerProjects {

    private DockerProjects() {
    }

    /** Removes the projects' containers (with their anonymous volumes), networks and volumes. */
    public static void remove(List<String> projects) {
        try (DockerEngine engine = new DockerEngine()) {
            for (String project : projects) {
                for (ContainerEngine.Container c : engine.containers(project)) {
                    engine.remove(c.id(), true);
                }
                engine.removeProjectResources(project, true);
            }
        }
    }

    /** The project has no container, network or volume left. */
    public static void assertGone(String project) {
        try (DockerEngine engine = new DockerEngine()) {
            assertThat(engine.containers(project)).as("containers of " + project).isEmpty();
            List<String> label = List.of(ContainerEngine.PROJECT_LABEL + "=" + project);
            assertThat(engine.client().listNetworksCmd().withFilter("label", label).exec()).as("networks").isEmpty();
            assertThat(engine.client().listVolumesCmd().withFilter("label", label).exec().getVolumes()).as("volumes")
                    .isNullOrEmpty();
        }
    }

    /** Runs work with DOCKER_HOST set to host (docker-java reads the system property before the environment). */
    public static void withDockerHost(String host, Runnable work) {
        String before = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", host);
        try {
            work.run();
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", before);
            }
        }
    }
}
