package io.gladys.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code <database>} of a pom or a catalog file as given: every element may be unset.
 * Element names as in the pom: {@code embedded} (the plugin runs the database itself where it runs
 * processes; default: when no host is given), {@code serverId} (a settings.xml server whose username and
 * password are used), {@code version} (of the embedded binaries), {@code installation} (an installed
 * PostgreSQL that runs the managed cluster), {@code schema} and {@code extensions} (the baseline of a
 * database without history), {@code recursive} (migrations in subdirectories count too).
 */
public final class DatabaseParameters {

    public static final DatabaseParameters NONE = builder().build();

    private final Boolean embedded;
    private final String host;
    private final Integer localPort;
    private final Integer dockerPort;
    private final String name;
    private final String user;
    private final String password;
    private final String serverId;
    private final Path migrations;
    private final Boolean migrateOnStart;
    private final Map<String, String> cleanTargets;
    private final String version;
    private final Path installation;
    private final Path schema;
    private final List<String> extensions;
    private final Boolean recursive;
    private final boolean passwordFromCatalog;
    private final String environment;

    private DatabaseParameters(Builder b) {
        this.embedded = b.embedded;
        this.host = b.host;
        this.localPort = b.localPort;
        this.dockerPort = b.dockerPort;
        this.name = b.name;
        this.user = b.user;
        this.password = b.password;
        this.serverId = b.serverId;
        this.migrations = b.migrations;
        this.migrateOnStart = b.migrateOnStart;
        this.cleanTargets = b.cleanTargets;
        this.version = b.version;
        this.installation = b.installation;
        this.schema = b.schema;
        this.extensions = b.extensions;
        this.recursive = b.recursive;
        this.passwordFromCatalog = b.passwordFromCatalog;
        this.environment = b.environment;
    }

    /** The environment the database runs in, as given ({@code <database><environment>}); null: the stack's. */
    public String environment() {
        return environment;
    }

    public Boolean embedded() {
        return embedded;
    }

    public String host() {
        return host;
    }

    public Integer localPort() {
        return localPort;
    }

    public Integer dockerPort() {
        return dockerPort;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String serverId() {
        return serverId;
    }

    public Path migrations() {
        return migrations;
    }

    public Boolean migrateOnStart() {
        return migrateOnStart;
    }

    public Map<String, String> cleanTargets() {
        return cleanTargets;
    }

    public String version() {
        return version;
    }

    public Path installation() {
        return installation;
    }

    public Path schema() {
        return schema;
    }

    public List<String> extensions() {
        return extensions;
    }

    public Boolean recursive() {
        return recursive;
    }

    /** The password came from a catalog, not the pom (a settings.xml server then wins). */
    public boolean passwordFromCatalog() {
        return passwordFromCatalog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These parameters with the elements they leave unset taken from a catalog's {@code <database>}. */
    public DatabaseParameters withDefaults(Map<String, String> catalog, Path basedir) {
        return builder()
                .embedded(embedded != null ? embedded : bool(catalog.get("embedded")))
                .host(host != null ? host : catalog.get("host"))
                .localPort(localPort)
                .dockerPort(dockerPort)
                .name(name != null ? name : catalog.get("name"))
                .user(user != null ? user : catalog.get("user"))
                .password(password != null ? password : catalog.get("password"))
                .passwordFromCatalog(password == null && catalog.get("password") != null)
                .serverId(serverId != null ? serverId : catalog.get("serverId"))
                .migrations(migrations != null ? migrations : path(catalog.get("migrations"), basedir))
                .migrateOnStart(migrateOnStart != null ? migrateOnStart : bool(catalog.get("migrateOnStart")))
                .cleanTargets(cleanTargets)
                .version(version != null ? version : catalog.get("version"))
                .installation(installation != null ? installation : path(catalog.get("installation"), basedir))
                .schema(schema != null ? schema : path(catalog.get("schema"), basedir))
                .extensions(extensions != null ? extensions : catalog.get("extensions") == null ? null
                        : List.of(catalog.get("extensions").split("\\s*,\\s*")))
                .recursive(recursive != null ? recursive : bool(catalog.get("recursive")))
                .environment(environment != null ? environment : catalog.get("environment"))
                .build();
    }

    private static Boolean bool(String v) {
        return v == null ? null : Boolean.parseBoolean(v.trim());
    }

    private static Path path(String v, Path basedir) {
        return v == null ? null : basedir.resolve(v);
    }

    /** Builder: every element optional. */
    public static final class Builder {
        private Boolean embedded;
        private String host;
        private Integer localPort;
        private Integer dockerPort;
        private String name;
        private String user;
        private String password;
        private String serverId;
        private Path migrations;
        private Boolean migrateOnStart;
        private Map<String, String> cleanTargets;
        private String version;
        private Path installation;
        private Path schema;
        private List<String> extensions;
        private Boolean recursive;
        private boolean passwordFromCatalog;
        private String environment;

        public Builder embedded(Boolean v) { embedded = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder localPort(Integer v) { localPort = v; return this; }
        public Builder dockerPort(Integer v) { dockerPort = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder serverId(String v) { serverId = v; return this; }
        public Builder migrations(Path v) { migrations = v; return this; }
        public Builder migrateOnStart(Boolean v) { migrateOnStart = v; return this; }
        public Builder cleanTargets(Map<String, String> v) { cleanTargets = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder installation(Path v) { installation = v; return this; }
        public Builder schema(Path v) { schema = v; return this; }
        public Builder extensions(List<String> v) { extensions = v; return this; }
        public Builder recursive(Boolean v) { recursive = v; return this; }
        Builder passwordFromCatalog(boolean v) { passwordFromCatalog = v; return this; }
        public Builder environment(String v) { environment = v; return this; }

        public DatabaseParameters build() {
            return new DatabaseParameters(this);
        }
    }
}
