package io.gladys.docker;

import java.nio.file.Path;
import java.util.List;

/**
 * The docker environment's settings, as the pom and the command line give them (beside the local
 * environment's log policy): a new docker parameter changes this record and the place that fills it.
 *
 * @param composeFile    the Compose file; null: the first of {@link ComposeFile#DEFAULT_NAMES} in the project
 * @param project        the Compose project name; null: COMPOSE_PROJECT_NAME, else what Compose derives
 * @param composeCommand the Compose CLI to run; empty: {@code docker compose} when present, else {@code docker-compose}
 * @param build          build the services' images on start ({@code up --build})
 * @param down           stop also removes the containers and, once none is left, the project's networks
 * @param removeVolumes  with down, remove the project's volumes too
 * @param javaImage      the image the reference services run on when there is no Compose file
 * @param postgresImage  the image of the reference database when there is no Compose file
 */
public record DockerSettings(Path composeFile, String project, List<String> composeCommand, boolean build,
                             boolean down, boolean removeVolumes, String javaImage, String postgresImage) {

    public static final String DEFAULT_JAVA_IMAGE = "eclipse-temurin:17-jre";
    public static final String DEFAULT_POSTGRES_IMAGE = "pgvector/pgvector:pg17";

    public static final DockerSettings DEFAULT = new DockerSettings(null, null, List.of(), false, false, false,
            DEFAULT_JAVA_IMAGE, DEFAULT_POSTGRES_IMAGE);

    public DockerSettings {
        composeCommand = composeCommand == null ? List.of() : List.copyOf(composeCommand);
        javaImage = javaImage == null || javaImage.isBlank() ? DEFAULT_JAVA_IMAGE : javaImage;
        postgresImage = postgresImage == null || postgresImage.isBlank() ? DEFAULT_POSTGRES_IMAGE : postgresImage;
    }

    public DockerSettings withComposeFile(Path file) {
        return new DockerSettings(file, project, composeCommand, build, down, removeVolumes, javaImage, postgresImage);
    }

    public DockerSettings withProject(String name) {
        return new DockerSettings(composeFile, name, composeCommand, build, down, removeVolumes, javaImage,
                postgresImage);
    }

    public DockerSettings withDown(boolean d, boolean volumes) {
        return new DockerSettings(composeFile, project, composeCommand, build, d, volumes, javaImage, postgresImage);
    }

    public DockerSettings withBuild(boolean b) {
        return new DockerSettings(composeFile, project, composeCommand, b, down, removeVolumes, javaImage,
                postgresImage);
    }
}
