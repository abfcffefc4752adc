package io.gladys.report;

/** Human durations as the design document writes them: "2h 34m", "15m", "42s". */
public final class Durations {

    private Durations() {
    }

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
}
