package io.gladys.plugin;

import io.gladys.catalog.CatalogException;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.RestartPolicy;
import io.gladys.catalog.ServiceDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code <service>} of the pom. Element names are part of the user contract. Every field is
 * optional but the name: what is given overrides the default catalog's entry of the same name.
 */
public class ServiceConfig {
    String name;
    String description;
    String group;
    List<String> aliases;
    Integer localPort;
    Integer dockerPort;
    /** The service cannot be told another port: port offsets and dynamic ports leave it on its own. */
    Boolean fixedPort;
    List<String> command;
    String workingDirectory;
    Map<String, String> environmentVariables;
    String composeService;
    List<String> dependsOn;
    String health;
    String healthService;
    /** seconds */
    Integer startTimeout;
    String stopSignal;
    /** Local environment: the command that asks the service to stop, instead of the stop signal. */
    List<String> stopCommand;
    /** The path an http health probe GETs (default /). */
    String healthPath;
    /** The environment it runs in (local, docker); default: the stack's (gladys.env). */
    String environment;
    /** Local environment: no (default), on-failure or always: whether a service that ended is restarted. */
    String restart;
    /** Local environment: how many restarts at most (default 5 with a restart policy). */
    Integer maxRestarts;

    ServiceDefinition toDefinition() {
        if (name == null || name.isBlank()) {
            throw new CatalogException("A <services><service> has no <name>: every service needs one (a name of the "
                    + "default catalog overrides that entry, a new name adds a service).");
        }
        try {
            return definition();
        } catch (CatalogException e) {
            // the core says what is wrong with the value; the pom's reader needs to know where it is
            throw new CatalogException("Service '" + name + "': " + e.getMessage());
        }
    }

    private ServiceDefinition definition() {
        return ServiceDefinition.builder(name)
                .description(description)
                .group(group)
                .aliases(aliases)
                .localPort(localPort)
                .dockerPort(dockerPort)
                .fixedPort(fixedPort)
                .command(command)
                .workingDirectory(workingDirectory)
                .environment(environmentVariables)
                .composeService(composeService)
                .dependsOn(dependsOn == null ? null : dependsOn.stream().map(Dependency::parse).toList())
                .health(health == null ? null : HealthKind.parse(health))
                .healthService(healthService)
                .startTimeout(startTimeout == null ? null : Duration.ofSeconds(startTimeout))
                .stopSignal(stopSignal == null ? null : stopSignal.trim().toUpperCase().replaceFirst("^SIG", ""))
                .stopCommand(stopCommand)
                .healthPath(healthPath)
                .restart(restart == null && maxRestarts == null ? null : RestartPolicy.of(restart, maxRestarts))
                .runsIn(environment == null ? null : Environment.parseElement(environment.trim(), "<environment>"))
                .build();
    }
}
