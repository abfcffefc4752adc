package io.gladys.contract;

import java.time.Duration;

/**
 * One contract check's outcome.
 *
 * @param group     what the check is about (health, cache, routing)
 * @param name      what it checks, as a sentence
 * @param passed    whether the stack honoured the contract
 * @param skipped   not run (state-changing check in read-only mode, or a service it needs is absent)
 * @param saw       what the check saw: the evidence, in either case
 */
public record CheckResult(String group, String name, boolean passed, boolean skipped, String saw, Duration took) {

    public static CheckResult skipped(String group, String name, String why) {
        return new CheckResult(group, name, false, true, why, Duration.ZERO);
    }
}
