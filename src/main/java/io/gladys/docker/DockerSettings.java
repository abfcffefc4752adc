package io.gladys.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The docker environment's settings, as the pom and the command line give them: a new docker parameter
 * changes this class and the place that fills it.
 */
public final class DockerSettings {

    public static final String DEFAULT_JAVA_IMAGE = "eclipse-temurin:17-jre";
    public static final String DEFAULT_POSTGRES_IMAGE = "pgvector/pgvector:pg17";

    public static final DockerSettings DEFAULT = builder().build();

    private final Path composeFile;
    private final String project;
    private final List<String> composeCommand;
    private final boolean build;
    private final boolean down;
    private final boolean removeVolumes;
    private final String javaImage;
    private final String postgresImage;
    private final String context;
    private final String publishAddress;
    private final String serviceHost;
    private final Map<String, String> environment;

    private DockerSettings(Builder b) {
        this.composeFile = b.composeFile;
        this.project = b.project;
        this.composeCommand = b.composeCommand == null ? List.of() : List.copyOf(b.composeCommand);
        this.build = b.build;
        this.down = b.down;
        this.removeVolumes = b.removeVolumes;
        this.javaImage = b.javaImage == null || b.javaImage.isBlank() ? DEFAULT_JAVA_IMAGE : b.javaImage;
        this.postgresImage = b.postgresImage == null || b.postgresImage.isBlank() ? DEFAULT_POSTGRES_IMAGE
                : b.postgresImage;
        this.context = blankToNull(b.context);
        this.publishAddress = blankToNull(b.publishAddress);
        this.serviceHost = blankToNull(b.serviceHost);
        this.environment = b.environment == null ? System.getenv() : Map.copyOf(b.environment);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().composeFile(composeFile).project(project).composeCommand(composeCommand).build(build)
                .down(down).removeVolumes(removeVolumes).javaImage(javaImage).postgresImage(postgresImage)
                .context(context).publishAddress(publishAddress).serviceHost(serviceHost).environment(environment);
    }

    /** The Compose file; null: the first of {@link ComposeFile#DEFAULT_NAMES} in the project. */
    public Path composeFile() {
        return composeFile;
    }

    /** The Compose project name; null: COMPOSE_PROJECT_NAME, else what Compose derives. */
    public String project() {
        return project;
    }

    /** The Compose CLI to run; empty: {@code docker compose} when present, else {@code docker-compose}. */
    public List<String> composeCommand() {
        return composeCommand;
    }

    /** Build the services' images on start ({@code up --build}). */
    public boolean build() {
        return build;
    }

    /** Stop also removes the containers and, once none is left, the project's networks. */
    public boolean down() {
        return down;
    }

    /** With down, remove the project's volumes too. */
    public boolean removeVolumes() {
        return removeVolumes;
    }

    /** The image the reference services run on when there is no Compose file. */
    public String javaImage() {
        return javaImage;
    }

    /** The image of the reference database when there is no Compose file. */
    public String postgresImage() {
        return postgresImage;
    }

    /** The Docker context to use whatever DOCKER_HOST and DOCKER_CONTEXT say (gladys.docker.context); null: none. */
    public String context() {
        return context;
    }

    /**
     * The address the plugin's own Compose project publishes ports on; null: 127.0.0.1 for an engine on a
     * socket, every interface for a tcp:// engine (its host is another machine, or reached through one).
     */
    public String publishAddress() {
        return publishAddress;
    }

    /** The host this machine reaches published ports on; null: the engine's host (this machine for a socket). */
    public String serviceHost() {
        return serviceHost;
    }

    /** The environment the engine is found by and Compose runs with: the build's. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The engine these settings name, as the docker CLI would find it. */
    public DockerEndpoint endpoint() {
        return DockerEndpoint.resolve(context, environment);
    }

    /** Builder: every setting optional. */
    public static final class Builder {
        private Path composeFile;
        private String project;
        private List<String> composeCommand;
        private boolean build;
        private boolean down;
        private boolean removeVolumes;
        private String javaImage;
        private String postgresImage;
        private String context;
        private String publishAddress;
        private String serviceHost;
        private Map<String, String> environment;

        public Builder composeFile(Path v) { composeFile = v; return this; }
        public Builder project(String v) { project = v; return this; }
        public Builder composeCommand(List<String> v) { composeCommand = v; return this; }
        public Builder build(boolean v) { build = v; return this; }
        public Builder down(boolean v) { down = v; return this; }
        public Builder removeVolumes(boolean v) { removeVolumes = v; return this; }
        public Builder javaImage(String v) { javaImage = v; return this; }
        public Builder postgresImage(String v) { postgresImage = v; return this; }
        public Builder context(String v) { context = v; return this; }
        public Builder publishAddress(String v) { publishAddress = v; return this; }
        public Builder serviceHost(String v) { serviceHost = v; return this; }
        /** The environment variables the engine is found by and Compose runs with; default: this process's. */
        public Builder environment(Map<String, String> v) { environment = v; return this; }

        public DockerSettings build() {
            return new DockerSettings(this);
        }
    }
}
