package io.gladys.session;

import io.gladys.catalog.Catalog;
import io.gladys.docker.ComposeFile;
import io.gladys.docker.DockerBackend;
import io.gladys.docker.DockerEndpoint;
import io.gladys.docker.DockerPolicy;
import io.gladys.docker.DockerSettings;
import io.gladys.docker.EngineHostPorts;
import io.gladys.docker.reference.ReferenceComposeProject;
import io.gladys.local.LocalBackend;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortPlan;
import io.gladys.stack.StackBackend;

import java.util.Optional;

/**
 * The one place that knows every environment and builds its backend (as fabric8's DockerAccessFactory
 * does): everything else asks the backend, and its policy, what differs. A backend is cheap to build and
 * opens what it needs (an engine's connection) only when a service first needs it.
 */
final class BackendFactory {

    private BackendFactory() {
    }

    /** The backend of the configured environment, for a stack whose ports are chosen in this mode. */
    static StackBackend backend(StackConfig config, PortMode ports) {
        return switch (config.environment()) {
            case LOCAL -> LocalBackend.builder(config.stateDir(), config.baseDir())
                    .java(config.java())
                    .settings(config.local())
                    .database(config.database(), config.postgresBinaries())
                    .console(config.console())
                    .build();
            case DOCKER -> docker(config, ports);
        };
    }

    /**
     * The project's own Compose file when it has one; else the Compose project the plugin writes into the
     * state directory: the catalog's database and Java services.
     */
    private static StackBackend docker(StackConfig config, PortMode ports) {
        DockerSettings settings = config.docker();
        Optional<ComposeFile> compose = DockerBackend.findCompose(settings, config.baseDir());
        DockerEndpoint endpoint = settings.endpoint();
        endpoint.plainRemoteWarning().ifPresent(config.console()::warn);
        String serviceHost = settings.serviceHost() != null ? settings.serviceHost() : endpoint.serviceHost();
        DockerPolicy policy = new DockerPolicy(compose.isPresent(), serviceHost, config.database(),
                endpoint.tcp() ? new EngineHostPorts(endpoint, serviceHost) : null);
        DockerBackend.Builder b = DockerBackend.builder(settings, config.stateDir())
                .endpoint(endpoint)
                .policy(policy)
                .console(config.console());
        if (compose.isPresent()) {
            return b.compose(sharedEngineName(compose.get(), settings, endpoint, config)).build();
        }
        String publishAddress = publishAddress(settings, endpoint);
        return b.generated(catalog -> referenceProject(config, catalog, publishAddress),
                referenceProjectName(config, ports, endpoint)).build();
    }

    /**
     * Where the plugin's own Compose project publishes ports: as configured, else 127.0.0.1 for an engine
     * on this machine's socket, every interface for a tcp:// engine (its 127.0.0.1 is another machine's,
     * or a tunnel's far end).
     */
    static String publishAddress(DockerSettings settings, DockerEndpoint endpoint) {
        if (settings.publishAddress() != null) {
            return settings.publishAddress();
        }
        return endpoint.tcp() ? ALL_INTERFACES : "127.0.0.1";
    }

    static final String ALL_INTERFACES = "0.0.0.0";

    private static ReferenceComposeProject referenceProject(StackConfig config, Catalog catalog, String publishAddress) {
        return ReferenceComposeProject.builder(config.stateDir().resolve("docker"))
                .catalog(catalog).java(config.java())
                .javaImage(config.docker().javaImage()).postgresImage(config.docker().postgresImage())
                .database(config.database().name(), config.database().user(), config.database().password())
                .publishAddress(publishAddress)
                .build();
    }

    /**
     * Shifted or dynamic ports mean two checkouts of one project may run at once, and a tcp:// engine may be
     * shared by several developers: unless a name is configured, the project name then gets a suffix of the
     * checkout's directory's path (and, on a shared engine, the user's name), so they never share
     * containers, networks or volumes.
     */
    private static String referenceProjectName(StackConfig config, PortMode ports, DockerEndpoint endpoint) {
        String name = DockerBackend.referenceProjectName(config.docker(), config.baseDir());
        if (named(config.docker())) {
            return name;
        }
        if (endpoint.tcp()) {
            return sharedEngineSuffix(name, config);
        }
        return ports.shared() ? name + "-" + PortPlan.checkoutSuffix(config.baseDir()) : name;
    }

    /** A project's own Compose file on a tcp:// engine: its derived name made this user's and checkout's. */
    private static ComposeFile sharedEngineName(ComposeFile compose, DockerSettings settings, DockerEndpoint endpoint,
                                                StackConfig config) {
        if (!endpoint.tcp() || named(settings) || compose.namesItself()) {
            return compose;
        }
        return compose.withProject(sharedEngineSuffix(compose.projectName(), config));
    }

    private static String sharedEngineSuffix(String name, StackConfig config) {
        String user = ComposeFile.normalise(System.getProperty("user.name", "user"));
        return name + "-" + (user.isEmpty() ? "user" : user) + "-" + PortPlan.checkoutSuffix(config.baseDir());
    }

    /** A project name given by the user: gladys.compose.project, or COMPOSE_PROJECT_NAME. */
    private static boolean named(DockerSettings settings) {
        String env = settings.environment().get("COMPOSE_PROJECT_NAME");
        return settings.project() != null && !settings.project().isBlank() || env != null && !env.isBlank();
    }
}
