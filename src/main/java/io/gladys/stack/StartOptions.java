package io.gladys.stack;

import java.time.Duration;

/**
 * How a start behaves.
 *
 * @param waitForHealthy  wait until each service reports healthy (false: return right after launch)
 * @param serviceTimeout  how long one service may take to become healthy, unless its catalog entry says
 * @param overallTimeout  how long the whole start may take
 * @param minUptime       how long a service must stay up before it counts as started (supervisord's startsecs)
 * @param keepRunning     on failure, leave what this start launched running (for debugging)
 * @param parallel        start independent services at the same time (false: one after another)
 */
public record StartOptions(boolean waitForHealthy, Duration serviceTimeout, Duration overallTimeout,
                           Duration minUptime, boolean keepRunning, boolean parallel) {

    public static final StartOptions DEFAULT = new StartOptions(true, Duration.ofSeconds(60), Duration.ofMinutes(5),
            Duration.ofSeconds(1), false, true);

    public StartOptions withWait(boolean wait) {
        return new StartOptions(wait, serviceTimeout, overallTimeout, minUptime, keepRunning, parallel);
    }

    public StartOptions(boolean waitForHealthy, Duration serviceTimeout, Duration overallTimeout, Duration minUptime,
                        boolean keepRunning) {
        this(waitForHealthy, serviceTimeout, overallTimeout, minUptime, keepRunning, true);
    }
}
