package io.gladys.catalog;

import java.time.Duration;
import java.util.Locale;

/**
 * Whether the local environment restarts a service that ended without being asked to, as Docker's
 * restart policies do: {@code no} (the default), {@code on-failure} (a non-zero exit code, a signal)
 * or {@code always}, at most {@code maxRestarts} times, waiting longer after each restart. A stop is
 * never undone. Docker services keep their Compose file's own {@code restart:}.
 *
 * @param mode        when to restart
 * @param maxRestarts how many restarts at most (in the service's run since its start)
 */
public record RestartPolicy(Mode mode, int maxRestarts) {

    /** The default: a service that ends stays ended. */
    public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);
    /** Restarts when none is given with a policy that restarts. */
    public static final int DEFAULT_MAX_RESTARTS = 5;

    private static final Duration FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    public enum Mode {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new CatalogException("<maxRestarts> must be 0 or more, not " + maxRestarts + ".");
        }
    }

    /** The policy of {@code <restart>} and {@code <maxRestarts>}; either may be null (not given). */
    public static RestartPolicy of(String restart, Integer maxRestarts) {
        Mode mode = parse(restart);
        if (mode == Mode.NO) {
            if (maxRestarts != null && maxRestarts > 0) {
                throw new CatalogException("<maxRestarts>" + maxRestarts + "</maxRestarts> needs <restart>on-failure"
                        + "</restart> or <restart>always</restart>: with restart 'no' a service is never restarted.");
            }
            return NO;
        }
        return new RestartPolicy(mode, maxRestarts == null ? DEFAULT_MAX_RESTARTS : maxRestarts);
    }

    /** {@code no}, {@code on-failure} or {@code always} (null or blank: no). */
    public static Mode parse(String restart) {
        String r = restart == null ? "" : restart.trim().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "", "no" -> Mode.NO;
            case "on-failure" -> Mode.ON_FAILURE;
            case "always" -> Mode.ALWAYS;
            default -> throw new CatalogException("Unknown <restart> '" + restart + "': use no (the default), "
                    + "on-failure (restart after a non-zero exit code or a signal) or always.");
        };
    }

    /** Whether a service that ended with this code, not asked to, is restarted after {@code done} restarts. */
    public boolean restarts(int exitCode, int done) {
        if (done >= maxRestarts) {
            return false;
        }
        return switch (mode) {
            case NO -> false;
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
        };
    }

    /** How long to wait before restart number {@code n} (1 for the first): doubling from 0.5 s, at most 30 s. */
    public static Duration delay(int n) {
        long ms = FIRST_DELAY.toMillis() << Math.min(Math.max(0, n - 1), 10);
        return Duration.ofMillis(Math.min(ms, LONGEST_DELAY.toMillis()));
    }

    /** As it is written in a pom: "on-failure (max 3)". */
    public String describe() {
        return mode == Mode.NO ? "no" : mode.id() + " (max " + maxRestarts + ")";
    }
}
