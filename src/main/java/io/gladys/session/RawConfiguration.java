package io.gladys.session;

import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.DockerSettings;
import io.gladys.local.LocalSettings;
import io.gladys.stack.Console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A goal's parameters as the build gave them, before any rule is applied: the Mojo copies its fields into
 * one of these ({@link ConfigurationProcessor} applies precedence and defaults), as Jib's Mojos fill a raw
 * configuration. Nothing here knows Maven.
 */
public final class RawConfiguration {

    private final String environment;
    private final String environments;
    private final List<ServiceDefinition> services;
    private final boolean defaultCatalog;
    private final String catalog;
    private final Path catalogFile;
    private final Path envFile;
    private final DatabaseParameters database;
    private final String dbInstallation;
    private final Path baseDir;
    private final Path stateDir;
    private final Duration connectTimeout;
    private final Duration rpcTimeout;
    private final LocalSettings local;
    private final DockerSettings docker;
    private final String ports;
    private final Integer portOffset;
    private final boolean startsStack;
    private final boolean stopsStack;
    private final Console console;

    private RawConfiguration(Builder b) {
        this.environment = b.environment;
        this.environments = b.environments;
        this.services = b.services;
        this.defaultCatalog = b.defaultCatalog;
        this.catalog = b.catalog;
        this.catalogFile = b.catalogFile;
        this.envFile = b.envFile;
        this.database = b.database;
        this.dbInstallation = b.dbInstallation;
        this.baseDir = b.baseDir;
        this.stateDir = b.stateDir;
        this.connectTimeout = b.connectTimeout;
        this.rpcTimeout = b.rpcTimeout;
        this.local = b.local;
        this.docker = b.docker;
        this.ports = b.ports;
        this.portOffset = b.portOffset;
        this.startsStack = b.startsStack;
        this.stopsStack = b.stopsStack;
        this.console = b.console;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Some services' environments for this run: name=environment, comma-separated (gladys.environments). */
    public String environments() {
        return environments;
    }

    /** Where the stack runs: local or docker (gladys.env). */
    public String environment() {
        return environment;
    }

    /** The pom's services, partial entries laid over the catalogs by name. */
    public List<ServiceDefinition> services() {
        return services;
    }

    /** Start from a built-in catalog. */
    public boolean defaultCatalog() {
        return defaultCatalog;
    }

    /** The built-in catalog's name. */
    public String catalog() {
        return catalog;
    }

    /** The project's catalog file, or null. */
    public Path catalogFile() {
        return catalogFile;
    }

    /** The dotenv file given (null: .env in the project, when it exists). */
    public Path envFile() {
        return envFile;
    }

    /** The pom's {@code <database>}. */
    public DatabaseParameters database() {
        return database;
    }

    /** -Dgladys.db.installation: an installed PostgreSQL for this run, or null. */
    public String dbInstallation() {
        return dbInstallation;
    }

    /** The project directory. */
    public Path baseDir() {
        return baseDir;
    }

    /** The state directory given (null: .gladys in the project). */
    public Path stateDir() {
        return stateDir;
    }

    /** How long a health probe may take to connect. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a gRPC call may take. */
    public Duration rpcTimeout() {
        return rpcTimeout;
    }

    /** The local environment's settings. */
    public LocalSettings local() {
        return local;
    }

    /** The docker environment's settings. */
    public DockerSettings docker() {
        return docker;
    }

    /** Gladys.ports: dynamic, default, or null. */
    public String ports() {
        return ports;
    }

    /** Gladys.portOffset, or null. */
    public Integer portOffset() {
        return portOffset;
    }

    /** The goal may start services (and so choose and record ports). */
    public boolean startsStack() {
        return startsStack;
    }

    /** The goal stops services (it follows the recorded ports). */
    public boolean stopsStack() {
        return stopsStack;
    }

    /** Where progress and data go. */
    public Console console() {
        return console;
    }

    /** Builder: unset values take the plugin's defaults. */
    public static final class Builder {
        private String environment = "local";
        private String environments;
        private List<ServiceDefinition> services = List.of();
        private boolean defaultCatalog = true;
        private String catalog = "reference";
        private Path catalogFile;
        private Path envFile;
        private DatabaseParameters database = DatabaseParameters.NONE;
        private String dbInstallation;
        private Path baseDir;
        private Path stateDir;
        private Duration connectTimeout = Duration.ofMillis(2000);
        private Duration rpcTimeout = Duration.ofMillis(3000);
        private LocalSettings local = LocalSettings.DEFAULT;
        private DockerSettings docker = DockerSettings.DEFAULT;
        private String ports;
        private Integer portOffset;
        private boolean startsStack;
        private boolean stopsStack;
        private Console console = Console.SILENT;

        public Builder environment(String v) { environment = v; return this; }
        public Builder environments(String v) { environments = v; return this; }
        public Builder services(List<ServiceDefinition> v) { services = v == null ? List.of() : List.copyOf(v); return this; }
        public Builder defaultCatalog(boolean v) { defaultCatalog = v; return this; }
        public Builder catalog(String v) { catalog = v; return this; }
        public Builder catalogFile(Path v) { catalogFile = v; return this; }
        public Builder envFile(Path v) { envFile = v; return this; }
        public Builder database(DatabaseParameters v) { database = v == null ? DatabaseParameters.NONE : v; return this; }
        public Builder dbInstallation(String v) { dbInstallation = v; return this; }
        public Builder baseDir(Path v) { baseDir = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder rpcTimeout(Duration v) { rpcTimeout = v; return this; }
        public Builder local(LocalSettings v) { local = v; return this; }
        public Builder docker(DockerSettings v) { docker = v; return this; }
        public Builder ports(String v) { ports = v; return this; }
        public Builder portOffset(Integer v) { portOffset = v; return this; }
        public Builder startsStack(boolean v) { startsStack = v; return this; }
        public Builder stopsStack(boolean v) { stopsStack = v; return this; }
        public Builder console(Console v) { console = v; return this; }

        public RawConfiguration build() {
            return new RawConfiguration(this);
        }
    }
}
