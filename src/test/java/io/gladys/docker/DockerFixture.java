package io.gladys.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.session.StackConfig;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Tiny images built from this machine's static busybox (no pull: there is no registry), Compose
 * projects with unique names, and their removal (containers, networks, volumes, images).
 */
final class DockerFixture implements AutoCloseable {

    static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    final DockerEngine engine = new DockerEngine();
    final String image;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    private DockerFixture(String image) {
        this.image = image;
    }

    /** Builds the image; the engine is there ({@link io.gladys.testing.RequiresDocker} on the test). */
    static DockerFixture open(Path workDir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "Skipped: " + BUSYBOX
                + " is missing (apt-get install busybox-static)");
        Path ctx = Files.createDirectories(workDir.resolve("busybox-image"));
        Files.copy(BUSYBOX, ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                """);
        String tag = "gladys-test-busybox:" + UUID.randomUUID().toString().substring(0, 8);
        DockerFixture f = new DockerFixture(tag);
        f.engine.client().buildImageCmd(ctx.toFile()).withTags(Set.of(tag)).withPull(false)
                .exec(new BuildImageResultCallback()).awaitImageId();
        return f;
    }

    /** A project name no other run uses. */
    String project(String suffix) {
        return "gladys-test-" + run + "-" + suffix;
    }

    static StackConfig config(Path baseDir, Path composeFile, String project, List<ServiceDefinition> services) {
        return StackConfig.builder(baseDir, baseDir.resolve(".gladys")).environment(Environment.DOCKER)
                .services(services).java(TestStacks.java()).database(TestStacks.embeddedDatabase())
                .postgresBinaries(TestStacks.postgresBinaries()).console(TestStacks.printing())
                .docker(DockerSettings.builder().composeFile(composeFile).project(project).build()).build();
    }

    /** compose down for the project (containers, networks, volumes, images it built), then what is left by label. */
    void removeProject(Path composeFile, String project) {
        try {
            ComposeCli cli = ComposeCli.detect(List.of());
            cli.run(cli.down(composeFile, project, true, true), composeFile.getParent(), System.getenv());
        } catch (RuntimeException e) {
            System.out.println("compose down of " + project + " failed: " + e.getMessage());
        }
        for (ContainerEngine.Container c : engine.containers(project)) {
            engine.remove(c.id(), true);
        }
        engine.removeProjectResources(project, true);
    }

    @Override
    public void close() {
        try {
            engine.client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } finally {
            engine.close();
        }
    }
}
