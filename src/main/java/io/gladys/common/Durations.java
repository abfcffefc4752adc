package io.gladys.common;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as the plugin prints them: ages and uptimes as the design document writes them ("2h 34m",
 * "15m", "42s"), and how long something took ("850 ms", "2.4 s").
 */
public final class Durations {

    private Durations() {
    }

    /** An age or uptime in whole units: "1d 2h", "2h 34m", "15m", "42s"; "unknown" for a negative one. */
    public static String human(long seconds) {
        if (seconds < 0) {
            return "unknown";
        }
        long d = seconds / 86400, h = (seconds % 86400) / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        if (m > 0) {
            return m + "m";
        }
        return s + "s";
    }

    /** Seconds with one decimal: "2.4 s". */
    public static String seconds(Duration d) {
        return seconds(d.toMillis(), 1);
    }

    /** Seconds with the given number of decimals: "0.35 s". */
    public static String seconds(long millis, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f s", millis / 1000.0);
    }

    /** Under a second in milliseconds ("850 ms"), else in seconds ("2.4 s"). */
    public static String millis(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : seconds(d);
    }
}
