package io.gladys.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.gladys.sync.DockerImages;
import io.gladys.sync.SyncCheck;
import io.gladys.sync.SyncOptions;
import io.gladys.sync.SyncReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Images of Compose services on a real Docker engine: an image built FROM scratch from a local context,
 * found by Compose's naming, and reported stale once a file of its context is newer. .ci/run starts an
 * engine and sets GLADYS_REQUIRE_DOCKER; elsewhere the test is skipped when none answers.
 */
class ComposeImagesTest {

    /** Set (to anything) where a Docker engine is part of the build machine, whatever CI server runs it. */
    static final String REQUIRE_ENGINE = "GLADYS_REQUIRE_DOCKER";

    @TempDir
    Path dir;
    private DockerEngine engine;
    private String project;

    @BeforeEach
    void engine() {
        engine = new DockerEngine();
        // .ci/run starts an engine and says so: there a missing engine fails the test instead of skipping it
        boolean required = !System.getenv().getOrDefault(REQUIRE_ENGINE, "").isBlank();
        if (!required) {
            assumeTrue(engine.unavailable().isEmpty(), () -> engine.unavailable().orElse(""));
        }
        assertThat(engine.unavailable()).as(REQUIRE_ENGINE + " is set: a Docker engine must answer").isEmpty();
        project = "gladystest" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeImages() {
        if (engine != null) {
            for (String tag : List.of(project + "-worker", project + "_worker")) {
                try {
                    engine.client().removeImageCmd(tag).withForce(true).exec();
                } catch (RuntimeException e) {
                    // not there
                }
            }
            engine.close();
        }
    }

    @Test
    void anImageOlderThanItsContextIsStale() throws Exception {
        Path context = Files.createDirectories(dir.resolve("worker"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY stub_pb2.py /app/stub_pb2.py\n");
        Path stub = context.resolve("stub_pb2.py");
        Files.writeString(stub, "# generated\n");
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(compose, "name: " + project + "\nservices:\n  worker:\n    build: ./worker\n"
                + "  db:\n    image: postgres:16\n");
        // the context is older than the image about to be built
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
        for (Path p : List.of(stub, context.resolve("Dockerfile"))) {
            Files.setLastModifiedTime(p, FileTime.from(past));
        }
        engine.client().buildImageCmd(context.toFile()).withTags(Set.of(project + "-worker"))
                .exec(new BuildImageResultCallback()).awaitImageId();

        ComposeImages images = new ComposeImages(ComposeFile.read(compose), engine);
        List<DockerImages.ComposeImage> found = images.images();
        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.service()).isEqualTo("worker");
            assertThat(i.image()).isEqualTo(project + "-worker");
            assertThat(i.created()).isNotNull();
        });
        Files.createDirectories(dir.resolve("proto"));
        SyncReport fresh = new SyncCheck(SyncOptions.builder(dir).docker(images).build()).run();
        assertThat(fresh.drift()).as(String.join("\n", fresh.text())).isFalse();

        // a stub regenerated after the image was built: the image holds the old one
        Files.setLastModifiedTime(stub, FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));
        SyncReport stale = new SyncCheck(SyncOptions.builder(dir).docker(images).build()).run();
        assertThat(stale.drift()).isTrue();
        assertThat(String.join("\n", stale.text())).contains("worker").containsIgnoringCase("stale")
                .contains("stub_pb2.py");
    }

    @Test
    void aServiceNeverBuiltHasNoImageYet() throws Exception {
        Path context = Files.createDirectories(dir.resolve("worker"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, "name: " + project + "\nservices:\n  worker:\n    build: worker\n");
        assertThat(new ComposeImages(ComposeFile.read(compose), engine).images())
                .singleElement().satisfies(i -> assertThat(i.created()).isNull());
    }
}
