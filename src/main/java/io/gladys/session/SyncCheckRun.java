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
import java.util.Optional;

/**
 * sync-check over the stack as a whole: every environment's database with the migrations it takes, the
 * services' directories, and the images of the project's Compose file when an engine may be asked.
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
        for (Environment env : Environment.values()) {
            try (StackSession s = StackSession.open(config.toBuilder().environment(env).build())) {
                for (ServiceDefinition sd : s.catalog().services()) {
                    if (sd.workingDirectory() != null) {
                        options.serviceDirectory(sd.name(), config.baseDir().resolve(sd.workingDirectory()));
                    }
                }
                String location = s.migrationsLocation();
                if (s.catalog().hasDatabase() && location != null) {
                    EnvironmentPolicy policy = s.backend().policy();
                    options.environment(EnvironmentTarget.of(env.id(), policy.selectionFlag(), s.database(), location));
                }
            }
        }
        Optional<Path> compose = composeFile != null ? Optional.of(config.baseDir().resolve(composeFile))
                : ComposeFile.find(config.baseDir());
        compose.ifPresent(options::composeFile);
        if (compose.isEmpty() || offline) {
            return new SyncCheck(options.build()).run();
        }
        try (DockerEngine engine = new DockerEngine()) {
            options.docker(new ComposeImages(ComposeFile.read(compose.get()), engine));
            return new SyncCheck(options.build()).run();
        }
    }
}
