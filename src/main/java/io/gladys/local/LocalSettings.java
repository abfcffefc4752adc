package io.gladys.local;

/**
 * The local environment's own settings, as the pom and the command line give them.
 *
 * @param logs             rotation of each service's log
 * @param processControl   "groups", "portable", or null for the platform's choice ({@link ProcessControl})
 * @param classDataArchive give services launched from the plugin's Java main classes a class-data archive
 *                         ({@link ClassDataArchive})
 */
public record LocalSettings(LogPolicy logs, String processControl, boolean classDataArchive) {

    public static final LocalSettings DEFAULT = new LocalSettings(LogPolicy.DEFAULT, null, true);

    public LocalSettings {
        logs = logs == null ? LogPolicy.DEFAULT : logs;
    }

    /** Log rotation: rotate at maxBytes, keep this many old files. */
    public record LogPolicy(long maxBytes, int keep) {
        public static final LogPolicy DEFAULT = new LogPolicy(10L * 1024 * 1024, 3);
    }
}
