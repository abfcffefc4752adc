package io.gladys.db;

import io.gladys.catalog.Environment;
import io.gladys.config.PropertyNames;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stack's database as configured: where it is, as whom to connect, how its schema is made. Whether
 * the plugin runs it, and how it is provided in an environment, is the environment's to say (its
 * backend's policy) from these settings.
 */
public final class DatabaseSettings {

    public static final String DEFAULT_NAME = "gladys";
    public static final String DEFAULT_USER = "gladys";
    public static final String DEFAULT_PASSWORD = "gladys";

    private final String host;
    private final Boolean embedded;
    private final String name;
    private final String user;
    private final Secret password;
    private final String urlOverride;
    private final Path migrations;
    private final Boolean migrateOnStart;
    private final Map<String, String> cleanTargets;
    private final String embeddedVersion;
    private final Path installation;
    private final SchemaBaseline baseline;
    private final boolean recursiveMigrations;

    private DatabaseSettings(Builder b) {
        this.host = b.host;
        this.embedded = b.embedded;
        this.name = b.name == null ? DEFAULT_NAME : b.name;
        this.user = b.user == null ? DEFAULT_USER : b.user;
        this.password = b.password == null ? Secret.of(DEFAULT_PASSWORD) : b.password;
        this.urlOverride = b.urlOverride;
        this.migrations = b.migrations;
        this.migrateOnStart = b.migrateOnStart;
        this.cleanTargets = b.cleanTargets == null ? Map.of() : Map.copyOf(b.cleanTargets);
        this.embeddedVersion = b.embeddedVersion;
        this.installation = b.installation;
        this.baseline = b.baseline;
        this.recursiveMigrations = b.recursiveMigrations;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).embedded(embedded).name(name).user(user).password(password)
                .urlOverride(urlOverride).migrations(migrations).migrateOnStart(migrateOnStart)
                .cleanTargets(cleanTargets).embeddedVersion(embeddedVersion).installation(installation)
                .baseline(baseline).recursiveMigrations(recursiveMigrations);
    }

    /** The host; null for the default (the host the environment's services answer on). */
    public String host() {
        return host;
    }

    /** Whether the plugin runs the database itself where it runs processes; null: when no host is given. */
    public Boolean embedded() {
        return embedded;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public Secret password() {
        return password;
    }

    /** A JDBC URL that replaces host, port and name for one run (gladys.db.url), or null. */
    public String urlOverride() {
        return urlOverride;
    }

    /** The migrations directory. */
    public Path migrations() {
        return migrations;
    }

    /** Apply pending migrations when start brings the database up; null: when the plugin provides it. */
    public Boolean migrateOnStart() {
        return migrateOnStart;
    }

    /** Target name to comma-separated tables, for clean (replacing the defaults). */
    public Map<String, String> cleanTargets() {
        return cleanTargets;
    }

    /** The version of the embedded PostgreSQL binaries (zonky's artifact version). */
    public String embeddedVersion() {
        return embeddedVersion;
    }

    /** An installed PostgreSQL whose binaries run the managed cluster instead of the embedded ones, or null. */
    public Path installation() {
        return installation;
    }

    /** A schema file applied as the baseline of a database without history, with its extensions; or null. */
    public SchemaBaseline baseline() {
        return baseline;
    }

    /** Read migrations in subdirectories of {@link #migrations()} too. */
    public boolean recursiveMigrations() {
        return recursiveMigrations;
    }

    /**
     * Whether the plugin is to run a cluster of its own, where it runs services as processes: asked for
     * ({@code <embedded>}), or implied by giving no host, or an installation to run it with.
     */
    public boolean managedCluster() {
        if (urlOverride != null) {
            return false;
        }
        // an installation is for the plugin to run: it makes the database managed unless said otherwise
        return embedded != null ? embedded : host == null || installation != null;
    }

    /** How the stack's database is provided: what the plugin may do to it, and what to advise. */
    public enum Provision {
        /** a cluster the plugin runs from the embedded (zonky) binaries */
        EMBEDDED,
        /** a cluster the plugin runs from an installed PostgreSQL ({@code <installation>}) */
        INSTALLATION,
        /** a server someone else runs ({@code <host>}, {@code gladys.db.url}) */
        EXTERNAL,
        /** the Compose project's database */
        COMPOSE;

        /** Whether the plugin owns the cluster (its data directory is in the state directory). */
        public boolean managed() {
            return this == EMBEDDED || this == INSTALLATION;
        }
    }

    /**
     * The database to connect to, given the port the catalog's db entry has in the environment: on
     * {@code defaultHost} (where the environment's services answer) unless a host is configured.
     */
    public DatabaseTarget target(Environment env, Integer port, String defaultHost) {
        if (urlOverride != null) {
            return parseUrl(urlOverride, user, password);
        }
        if (port == null) {
            throw new DatabaseException("The database has no " + env.id() + " port (<database><" + env.portElement()
                    + ">).");
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

    /** Builder: every setting optional; name, user and password default to gladys. */
    public static final class Builder {
        private String host;
        private Boolean embedded;
        private String name;
        private String user;
        private Secret password;
        private String urlOverride;
        private Path migrations;
        private Boolean migrateOnStart;
        private Map<String, String> cleanTargets;
        private String embeddedVersion;
        private Path installation;
        private SchemaBaseline baseline;
        private boolean recursiveMigrations;

        public Builder host(String v) { host = v; return this; }
        public Builder embedded(Boolean v) { embedded = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(Secret v) { password = v; return this; }
        public Builder urlOverride(String v) { urlOverride = v; return this; }
        public Builder migrations(Path v) { migrations = v; return this; }
        public Builder migrateOnStart(Boolean v) { migrateOnStart = v; return this; }
        public Builder cleanTargets(Map<String, String> v) { cleanTargets = v; return this; }
        public Builder embeddedVersion(String v) { embeddedVersion = v; return this; }
        public Builder installation(Path v) { installation = v; return this; }
        public Builder baseline(SchemaBaseline v) { baseline = v; return this; }
        public Builder recursiveMigrations(boolean v) { recursiveMigrations = v; return this; }

        public DatabaseSettings build() {
            return new DatabaseSettings(this);
        }
    }
}
