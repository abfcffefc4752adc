package io.gladys.session;

import io.gladys.catalog.Catalog;
import io.gladys.docker.ComposeFile;
import io.gladys.docker.DockerBackend;
import io.gladys.docker.DockerEngine;
import io.gladys.docker.DockerPolicy;
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
        Optional<ComposeFile> compose = DockerBackend.findCompose(config.docker(), config.baseDir());
        DockerPolicy policy = new DockerPolicy(compose.isPresent(),
                DockerEngine.publishedHost(DockerEngine.configuredHost()), config.database());
        DockerBackend.Builder b = DockerBackend.builder(config.docker(), config.stateDir())
                .policy(policy)
                .console(config.console());
        if (compose.isPresent()) {
            return b.compose(compose.get()).build();
        }
        return b.generated(catalog -> referenceProject(config, catalog), referenceProjectName(config, ports)).build();
    }

    private static ReferenceComposeProject referenceProject(StackConfig config, Catalog catalog) {
        return ReferenceComposeProject.builder(config.stateDir().resolve("docker"))
                .catalog(catalog).java(config.java())
                .javaImage(config.docker().javaImage()).postgresImage(config.docker().postgresImage())
                .database(config.database().name(), config.database().user(), config.database().password())
                .build();
    }

    /**
     * Shifted or dynamic ports mean two checkouts of one project may run at once: unless a name is
     * configured, each checkout's project name gets a suffix of its directory's path, so they never share
     * containers, networks or volumes.
     */
    private static String referenceProjectName(StackConfig config, PortMode ports) {
        String name = DockerBackend.referenceProjectName(config.docker(), config.baseDir());
        String env = System.getenv("COMPOSE_PROJECT_NAME");
        boolean named = config.docker().project() != null && !config.docker().project().isBlank()
                || env != null && !env.isBlank();
        return ports.shared() && !named ? name + "-" + PortPlan.checkoutSuffix(config.baseDir()) : name;
    }
}
