package io.gladys.testing;

import io.gladys.docker.DockerEngine;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Tests that need a Docker engine ({@link RequiresDocker}): skipped, with the reason printed, when no
 * engine answers; failed instead when the engine is required, by {@code -Dgladys.requireDocker=true} or
 * the environment variable {@code GLADYS_REQUIRE_DOCKER=true} (CI sets it, so a CI machine without an
 * engine cannot pass by skipping).
 */
public final class DockerAvailable implements ExecutionCondition {

    public static final String REQUIRE_PROPERTY = "gladys.requireDocker";
    public static final String REQUIRE_VARIABLE = "GLADYS_REQUIRE_DOCKER";

    /** Asked once per test run: the answer does not change between test classes. */
    private static volatile Optional<String> unavailable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> why = unavailable();
        if (why.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if (required()) {
            throw new AssertionError("A Docker engine is required (" + REQUIRE_PROPERTY + " / " + REQUIRE_VARIABLE
                    + ") but " + why.get() + ". Start dockerd, or set DOCKER_HOST.");
        }
        String reason = "SKIPPED " + context.getDisplayName() + ": " + why.get() + " (set -D" + REQUIRE_PROPERTY
                + "=true or " + REQUIRE_VARIABLE + "=true to fail instead)";
        System.err.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Empty when an engine answers, else why not. */
    public static Optional<String> unavailable() {
        if (unavailable == null) {
            try (DockerEngine engine = new DockerEngine()) {
                unavailable = engine.unavailable();
            }
        }
        return unavailable;
    }

    /**
     * An integration test's selector (src/it/NAME/selector.groovy): true where an engine answers and the
     * offline base images are built (scripts/offline-base-images.sh, from local files); else false, with
     * the reason printed, or an error where the engine is required.
     */
    public static boolean selectWithOfflineImages(String it, java.io.File basedir) {
        Optional<String> why = unavailable();
        if (why.isEmpty()) {
            java.nio.file.Path root = basedir.toPath().resolve("../../..").normalize();
            try {
                Process p = new ProcessBuilder("bash", root.resolve("scripts/offline-base-images.sh").toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    why = Optional.of("scripts/offline-base-images.sh failed:\n" + out);
                }
            } catch (java.io.IOException e) {
                why = Optional.of("scripts/offline-base-images.sh could not be run: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = Optional.of("interrupted");
            }
        }
        if (why.isEmpty()) {
            return true;
        }
        if (required()) {
            throw new IllegalStateException(it + " needs a Docker engine (" + REQUIRE_PROPERTY + ") but " + why.get());
        }
        System.out.println("SKIPPED " + it + ": " + why.get());
        return false;
    }

    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY))
                || Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE));
    }
}
