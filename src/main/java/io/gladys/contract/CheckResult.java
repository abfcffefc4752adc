package io.gladys.contract;

import java.time.Duration;

/**
 * One contract check's outcome.
 *
 * @param group   what the check is about (health, cache, routing)
 * @param tier    required (what the contracts define) or recommended (what the design document suggests)
 * @param name    what it checks, as a sentence
 * @param outcome passed, failed, a warning (a recommended check that does not hold), or skipped
 * @param saw     what the check saw: the evidence, in either case; for a skipped check, why
 */
public record CheckResult(String group, Tier tier, String name, Outcome outcome, String saw, Duration took) {

    /** Required checks fail the suite; recommended ones warn, and fail it only in strict mode. */
    public enum Tier {
        REQUIRED, RECOMMENDED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Outcome {
        PASSED, FAILED, WARNING, SKIPPED
    }

    public static CheckResult skipped(String group, Tier tier, String name, String why) {
        return new CheckResult(group, tier, name, Outcome.SKIPPED, why, Duration.ZERO);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public boolean warning() {
        return outcome == Outcome.WARNING;
    }

    public boolean skipped() {
        return outcome == Outcome.SKIPPED;
    }
}
