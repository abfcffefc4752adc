package io.gladys.db;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.Environment;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stack's database as configured: where it is in each environment, and as whom to connect.
 * With no host given, the local environment runs an embedded PostgreSQL.
 *
 * @param host       the host; null for the default (localhost, embedded in local)
 * @param embedded   whether the plugin runs the database itself in local; null: when no host is given
 * @param urlOverride a JDBC URL that replaces host, port and name for one run (gladys.db.url)
 * @param migrations the migrations directory
 * @param migrateOnStart apply pending migrations when start brings the database up; null: when embedded
 * @param cleanTargets target name to comma-separated tables, for clean (replacing the defaults)
 * @param embeddedVersion the version of the embedded PostgreSQL binaries (zonky's artifact version)
 * @param installation an installed PostgreSQL whose binaries run the managed cluster instead of the
 *                     embedded ones (null: the embedded binaries)
 * @param baseline   a schema file applied as the baseline of a database without history, with the
 *                   extensions it needs (null: none)
 * @param recursiveMigrations read migrations in subdirectories of {@code migrations} too
 */
public record DatabaseSettings(String host, Boolean embedded, String name, String user, Secret password,
                               String urlOverride, Path migrations, Boolean migrateOnStart,
                               Map<String, String> cleanTargets, String embeddedVersion, Path installation,
                               SchemaBaseline baseline, boolean recursiveMigrations) {

    /** The same settings as the record's first eleven fields, with no schema baseline and flat migrations. */
    public DatabaseSettings(String host, Boolean embedded, String name, String user, Secret password,
                            String urlOverride, Path migrations, Boolean migrateOnStart,
                            Map<String, String> cleanTargets, String embeddedVersion, Path installation) {
        this(host, embedded, name, user, password, urlOverride, migrations, migrateOnStart, cleanTargets,
                embeddedVersion, installation, null, false);
    }

    public static final String DEFAULT_NAME = "gladys";
    public static final String DEFAULT_USER = "gladys";
    public static final String DEFAULT_PASSWORD = "gladys";

    public boolean embeddedIn(Environment env) {
        if (env != Environment.LOCAL || urlOverride != null) {
            return false;
        }
        // an installation is for the plugin to run: it makes the database managed unless said otherwise
        return embedded != null ? embedded : host == null || installation != null;
    }

    /** How the database of an environment is provided: what the plugin may do to it, and what to advise. */
    public Provision provisionIn(Environment env) {
        if (env == Environment.DOCKER && urlOverride == null) {
            return Provision.DOCKER;
        }
        if (!embeddedIn(env)) {
            return Provision.EXTERNAL;
        }
        return installation != null ? Provision.INSTALLATION : Provision.EMBEDDED;
    }

    /** How the stack's database is provided. */
    public enum Provision {
        /** a cluster the plugin runs from the embedded (zonky) binaries */
        EMBEDDED,
        /** a cluster the plugin runs from an installed PostgreSQL ({@code <installation>}) */
        INSTALLATION,
        /** a server someone else runs ({@code <host>}, {@code gladys.db.url}) */
        EXTERNAL,
        /** the Compose project's database */
        DOCKER;

        /** Whether the plugin owns the cluster (its data directory is in the state directory). */
        public boolean managed() {
            return this == EMBEDDED || this == INSTALLATION;
        }
    }

    public boolean migrateOnStartIn(Environment env) {
        return migrateOnStart != null ? migrateOnStart : embeddedIn(env);
    }

    /** The database to connect to in an environment, given the port the catalog's db entry has there. */
    public DatabaseTarget target(Environment env, Integer port) {
        return target(env, port, "localhost");
    }

    /**
     * The same, where the database answers on {@code defaultHost} unless a host is configured (a
     * remote Docker engine's host for its published ports).
     */
    public DatabaseTarget target(Environment env, Integer port, String defaultHost) {
        if (urlOverride != null) {
            return parseUrl(urlOverride, user, password);
        }
        if (port == null) {
            throw new DatabaseException("The database has no " + env.id() + " port (<database><"
                    + (env == Environment.LOCAL ? "localPort" : "dockerPort") + ">).");
        }
        return new DatabaseTarget(host == null ? defaultHost : host, port, name, user, password);
    }

    static DatabaseTarget parseUrl(String url, String user, Secret password) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new DatabaseException(PropertyNames.DB_URL + " must look like jdbc:postgresql://host:port/database, got '"
                    + DatabaseErrors.redactUrl(url) + "'.");
        }
        try {
            URI u = URI.create("postgresql://" + url.substring(prefix.length()));
            String db = u.getPath() == null || u.getPath().length() <= 1 ? DEFAULT_NAME : u.getPath().substring(1);
            if (u.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return new DatabaseTarget(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), db, user, password);
        } catch (IllegalArgumentException e) {
            throw new DatabaseException(PropertyNames.DB_URL + " must look like jdbc:postgresql://host:port/database, got '"
                    + DatabaseErrors.redactUrl(url) + "'.");
        }
    }
}
