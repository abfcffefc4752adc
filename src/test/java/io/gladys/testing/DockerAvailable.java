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

    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY))
                || Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE));
    }
}
