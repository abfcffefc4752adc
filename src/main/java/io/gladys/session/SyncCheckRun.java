package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.ComposeFile;
import io.gladys.docker.ComposeImages;
import io.gladys.docker.DockerEngine;
import io.gladys.stack.EnvironmentPolicy;
import io.gladys.sync.EnvironmentTarget;
import io.gladys.sync.SyncCheck;
import io.gladys.sync.SyncOptions;
import io.gladys.sync.SyncReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * sync-check over the stack as a whole: the services' directories, the database of every environment (of
 * a hybrid stack: the database where it runs) with the migrations it takes, and the images of the project's
 * Compose file (of a hybrid stack: of its docker services) when an engine may be asked.
 */
public final class SyncCheckRun {

    private SyncCheckRun() {
    }

    /**
     * Runs the check.
     *
     * @param options     what the goal's parameters say about the check (protos, stubs, commands)
     * @param composeFile the Compose file whose images are checked; null: the first one found in the project
     * @param offline     leave out what needs a database or an engine
     */
    public static SyncReport run(StackConfig config, SyncOptions.Builder options, Path composeFile, boolean offline) {
        options.schemaBaseline(config.database().baseline());
        Set<String> inDocker = null; // the Compose services of a hybrid stack's docker part; null: all
        try (StackSession stack = StackSession.open(config)) {
            if (stack.hybrid()) {
                // each service in its own environment: the database where it runs, the images it runs on
                addEnvironment(stack, options, config);
                inDocker = stack.catalog().services().stream().filter(s -> s.runsIn() == Environment.DOCKER)
                        .map(ServiceDefinition::composeService).collect(Collectors.toSet());
            }
        }
        if (inDocker == null) {
            for (Environment env : Environment.values()) {
                try (StackSession s = StackSession.open(config.toBuilder().environment(env).placements(List.of())
                        .services(config.services().stream().map(d -> d.toBuilder().runsIn(null).build()).toList())
                        .build())) {
                    addEnvironment(s, options, config);
                }
            }
        }
        Optional<Path> compose = composeFile != null ? Optional.of(config.baseDir().resolve(composeFile))
                : ComposeFile.find(config.baseDir());
        compose.ifPresent(options::composeFile);
        if (compose.isEmpty() || offline) {
            return new SyncCheck(options.build()).run();
        }
        // the images of the engine the stack runs on (DOCKER_HOST, a context, gladys.docker.context)
        try (DockerEngine engine = new DockerEngine(config.docker().endpoint())) {
            ComposeFile file = ComposeFile.read(compose.get());
            if (inDocker != null) {
                Set<String> keep = inDocker;
                file = new ComposeFile(file.file(), file.projectName(), file.services().stream()
                        .filter(c -> keep.contains(c.name())).toList(), file.namesItself());
            }
            options.docker(new ComposeImages(file, engine));
            return new SyncCheck(options.build()).run();
        }
    }

    /** The services' directories, and the database of the session's environment with its migrations. */
    private static void addEnvironment(StackSession s, SyncOptions.Builder options, StackConfig config) {
        for (ServiceDefinition sd : s.catalog().services()) {
            if (sd.workingDirectory() != null) {
                options.serviceDirectory(sd.name(), config.baseDir().resolve(sd.workingDirectory()));
            }
        }
        String location = s.migrationsLocation();
        ServiceDefinition db = s.catalog().find(ServiceDefinition.DATABASE).orElse(null);
        if (db != null && location != null) {
            EnvironmentPolicy policy = s.backend(db).policy();
            options.environment(EnvironmentTarget.of(policy.environment().id(), policy.selectionFlag(), s.database(),
                    location));
        }
    }
}
