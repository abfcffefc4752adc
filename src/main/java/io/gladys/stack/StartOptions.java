package io.gladys.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How a start behaves: whether it waits for readiness, how long a service and the whole start may take,
 * how long a service must stay up before it counts as started (supervisord's startsecs), whether what a
 * failed start launched is left for inspection, and whether independent services start at once.
 */
public final class StartOptions {

    public static final StartOptions DEFAULT = builder().build();

    private final boolean waitForHealthy;
    private final Duration serviceTimeout;
    private final Duration overallTimeout;
    private final Duration minUptime;
    private final boolean keepRunning;
    private final boolean parallel;

    private StartOptions(Builder b) {
        this.waitForHealthy = b.waitForHealthy;
        this.serviceTimeout = b.serviceTimeout;
        this.overallTimeout = b.overallTimeout;
        this.minUptime = b.minUptime;
        this.keepRunning = b.keepRunning;
        this.parallel = b.parallel;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().waitForHealthy(waitForHealthy).serviceTimeout(serviceTimeout).overallTimeout(overallTimeout)
                .minUptime(minUptime).keepRunning(keepRunning).parallel(parallel);
    }

    /** Wait until each service reports healthy (false: return right after launch). */
    public boolean waitForHealthy() {
        return waitForHealthy;
    }

    /** How long one service may take to become healthy, unless its catalog entry says. */
    public Duration serviceTimeout() {
        return serviceTimeout;
    }

    /** How long the whole start may take. */
    public Duration overallTimeout() {
        return overallTimeout;
    }

    /** How long a service must stay up before it counts as started. */
    public Duration minUptime() {
        return minUptime;
    }

    /** On failure, leave what this start launched running (for debugging). */
    public boolean keepRunning() {
        return keepRunning;
    }

    /** Start independent services at the same time (false: one after another). */
    public boolean parallel() {
        return parallel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StartOptions s && waitForHealthy == s.waitForHealthy && keepRunning == s.keepRunning
                && parallel == s.parallel && serviceTimeout.equals(s.serviceTimeout)
                && overallTimeout.equals(s.overallTimeout) && minUptime.equals(s.minUptime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(waitForHealthy, serviceTimeout, overallTimeout, minUptime, keepRunning, parallel);
    }

    @Override
    public String toString() {
        return "StartOptions[wait=" + waitForHealthy + ", service=" + serviceTimeout + ", overall=" + overallTimeout
                + ", minUptime=" + minUptime + ", keepRunning=" + keepRunning + ", parallel=" + parallel + "]";
    }

    /** Builder, with the plugin's defaults: wait, 60 s a service, 5 min in all, up 1 s, in parallel. */
    public static final class Builder {
        private boolean waitForHealthy = true;
        private Duration serviceTimeout = Duration.ofSeconds(60);
        private Duration overallTimeout = Duration.ofMinutes(5);
        private Duration minUptime = Duration.ofSeconds(1);
        private boolean keepRunning;
        private boolean parallel = true;

        public Builder waitForHealthy(boolean v) { waitForHealthy = v; return this; }
        public Builder serviceTimeout(Duration v) { serviceTimeout = v; return this; }
        public Builder overallTimeout(Duration v) { overallTimeout = v; return this; }
        public Builder minUptime(Duration v) { minUptime = v; return this; }
        public Builder keepRunning(boolean v) { keepRunning = v; return this; }
        public Builder parallel(boolean v) { parallel = v; return this; }

        public StartOptions build() {
            return new StartOptions(this);
        }
    }
}
