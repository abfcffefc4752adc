package io.gladys.testing;

import io.gladys.docker.DockerEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The base images of tests that run containers. Tests never pull: they use the images named by
 * {@code -Dgladys.docker.javaImage} / {@code -Dgladys.docker.postgresImage}, by default the ones
 * scripts/offline-base-images.sh builds from local files, which it is run for (it keeps existing images,
 * so this costs a fraction of a second once they are there).
 */
public record OfflineImages(String java, String postgres) {

    public static final String JAVA_PROPERTY = "gladys.docker.javaImage";
    public static final String POSTGRES_PROPERTY = "gladys.docker.postgresImage";
    public static final String LOCAL_JAVA = "gladys-local/jre:17";
    public static final String LOCAL_POSTGRES = "gladys-local/postgres:17";

    private static volatile boolean scriptRan;

    /** The two images, on the engine; built by the script when they are its own. */
    public static synchronized OfflineImages ensure() {
        OfflineImages images = new OfflineImages(System.getProperty(JAVA_PROPERTY, LOCAL_JAVA),
                System.getProperty(POSTGRES_PROPERTY, LOCAL_POSTGRES));
        if (!scriptRan && (images.java.equals(LOCAL_JAVA) || images.postgres.equals(LOCAL_POSTGRES))) {
            String output = runScript();
            scriptRan = true;
            System.out.print(output);
        }
        try (DockerEngine engine = new DockerEngine()) {
            for (String image : List.of(images.java, images.postgres)) {
                if (engine.imageCreated(image).isEmpty()) {
                    fail("The image " + image + " is not on the Docker engine, and tests never pull. Run "
                            + "scripts/offline-base-images.sh, or docker pull it before the tests.");
                }
            }
        }
        return images;
    }

    /** Runs the script and returns its output; fails the test when it fails. */
    public static String runScript(String... args) {
        return runScript(Map.of(), args);
    }

    /** Runs the script with extra environment variables; fails the test when it fails. */
    public static String runScript(Map<String, String> env, String... args) {
        Path script = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "scripts",
                "offline-base-images.sh");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("bash", script.toString())))
                .redirectErrorStream(true);
        pb.command().addAll(List.of(args));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(script + " did not finish in 10 minutes:\n" + out);
            }
            assertThat(p.exitValue()).as(script + " failed:\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
