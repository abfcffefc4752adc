package io.gladys.plugin;

import io.gladys.docker.DockerSettings;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the docker parameters become DockerSettings, without a build: shared ones, then each goal's own. */
class DockerParametersTest {

    private static <T extends AbstractGladysMojo> T shared(T mojo) {
        mojo.composeFile = new File("src/integration/docker-compose.yml");
        mojo.composeProject = "side-b";
        mojo.composeCommand = "podman  compose";
        mojo.dockerJavaImage = "gladys-local/jre:17";
        mojo.dockerPostgresImage = "gladys-local/postgres:17";
        mojo.dockerContext = "staging";
        mojo.dockerPublishAddress = "127.0.0.1";
        mojo.dockerServiceHost = "localhost";
        return mojo;
    }

    @Test
    void sharedParametersReachEveryGoal() {
        DockerSettings s = shared(new StatusMojo()).dockerSettings();
        assertThat(s.composeFile()).isEqualTo(Path.of("src/integration/docker-compose.yml"));
        assertThat(s.project()).isEqualTo("side-b");
        assertThat(s.composeCommand()).containsExactly("podman", "compose");
        assertThat(s.javaImage()).isEqualTo("gladys-local/jre:17");
        assertThat(s.postgresImage()).isEqualTo("gladys-local/postgres:17");
        assertThat(s.context()).isEqualTo("staging");
        assertThat(s.publishAddress()).isEqualTo("127.0.0.1");
        assertThat(s.serviceHost()).isEqualTo("localhost");
        assertThat(s.environment()).as("the build's environment finds the engine").isEqualTo(System.getenv());
        assertThat(s.build()).isFalse();
        assertThat(s.down()).isFalse();
    }

    @Test
    void stopAddsDownAndVolumesAndStartAddsBuild() {
        StopMojo stop = shared(new StopMojo());
        stop.down = true;
        stop.removeVolumes = true;
        assertThat(stop.dockerSettings()).extracting(DockerSettings::down, DockerSettings::removeVolumes,
                DockerSettings::project).containsExactly(true, true, "side-b");

        StartMojo start = shared(new StartMojo());
        start.build = true;
        assertThat(start.dockerSettings().build()).isTrue();
        assertThat(start.dockerSettings().down()).isFalse();
    }

    @Test
    void unsetParametersLeaveTheDefaults() {
        DockerSettings s = new StatusMojo().dockerSettings();
        assertThat(s.composeFile()).isNull();
        assertThat(s.project()).isNull();
        assertThat(s.composeCommand()).isEqualTo(List.of());
        assertThat(s.javaImage()).isEqualTo(DockerSettings.DEFAULT_JAVA_IMAGE);
        assertThat(s.postgresImage()).isEqualTo(DockerSettings.DEFAULT_POSTGRES_IMAGE);
        assertThat(s.context()).isNull();
        assertThat(s.publishAddress()).as("chosen by the engine's kind").isNull();
        assertThat(s.serviceHost()).as("the engine's host").isNull();
    }
}
