package io.gladys.session;

import io.gladys.catalog.CatalogException;
import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.ConfigException;
import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseSettings;
import io.gladys.docker.DockerSettings;
import io.gladys.health.HealthTimeouts;
import io.gladys.local.LocalSettings;
import io.gladys.ports.PortSettings;
import io.gladys.stack.Console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a stack session needs, as plain values: the plugin assembles it from the pom and the
 * command line ({@link ConfigurationProcessor}); tests build it directly. Each environment's own settings
 * live with their backend ({@link LocalSettings}, {@link DockerSettings}).
 */
public final class StackConfig {

    private final Environment environment;
    private final List<Placement> placements;
    private final List<ServiceDefinition> services;
    private final boolean useDefaultCatalog;
    private final Path baseDir;
    private final Path stateDir;
    private final JavaLaunch java;
    private final DatabaseSettings database;
    private final Supplier<Path> postgresBinaries;
    private final HealthTimeouts timeouts;
    private final Console console;
    private final LocalSettings local;
    private final DockerSettings docker;
    private final PortSettings ports;

    private StackConfig(Builder b) {
        this.environment = b.environment;
        this.placements = List.copyOf(b.placements);
        this.services = List.copyOf(b.services);
        this.useDefaultCatalog = b.useDefaultCatalog;
        this.baseDir = b.baseDir;
        this.stateDir = b.stateDir;
        this.java = b.java;
        this.database = b.database;
        this.postgresBinaries = b.postgresBinaries;
        this.timeouts = b.timeouts;
        this.console = b.console;
        this.local = b.local;
        this.docker = b.docker;
        this.ports = b.ports;
    }

    /** A configuration of the project in {@code baseDir}, whose state lives in {@code stateDir}. */
    public static Builder builder(Path baseDir, Path stateDir) {
        return new Builder(baseDir, stateDir);
    }

    public Builder toBuilder() {
        return new Builder(baseDir, stateDir).environment(environment).placements(placements).services(services)
                .useDefaultCatalog(useDefaultCatalog).java(java).database(database).postgresBinaries(postgresBinaries)
                .timeouts(timeouts).console(console).local(local).docker(docker).ports(ports);
    }

    /** Where the stack's services run, unless their catalog entry or {@link #placements()} says otherwise. */
    public Environment environment() {
        return environment;
    }

    /** Some services' environments for this run (gladys.environments), over their catalog entries'. */
    public List<Placement> placements() {
        return placements;
    }

    /**
     * One entry of {@code gladys.environments}: the services a name stands for (a service, a group, an
     * alias, all) run in an environment.
     */
    public record Placement(String selection, Environment environment) {

        /**
         * {@code name=environment,...}; a malformed entry, an unknown environment or one name given two
         * environments is an error that names it. Blank: none.
         */
        public static List<Placement> parse(String list) {
            List<Placement> out = new ArrayList<>();
            if (list == null || list.isBlank()) {
                return out;
            }
            Map<String, Environment> seen = new LinkedHashMap<>();
            for (String entry : list.split(",")) {
                String e = entry.trim();
                int eq = e.indexOf('=');
                if (eq <= 0 || eq == e.length() - 1) {
                    throw new ConfigException(PropertyNames.ENVIRONMENTS + ": '" + e
                            + "' is not name=environment (for example db=docker,memory-rust=docker).");
                }
                String name = e.substring(0, eq).trim();
                Environment env;
                try {
                    env = Environment.parse(e.substring(eq + 1));
                } catch (CatalogException ex) {
                    throw new ConfigException(PropertyNames.ENVIRONMENTS + ": '" + e
                            + "': " + ex.getMessage());
                }
                Environment before = seen.put(name, env);
                if (before != null && before != env) {
                    throw new ConfigException(PropertyNames.ENVIRONMENTS + " gives "
                            + name + " two environments, " + before.id() + " and " + env.id() + ": give one.");
                }
                out.add(new Placement(name, env));
            }
            return out;
        }
    }

    /** Services given by the user, merged into the default catalog by name. */
    public List<ServiceDefinition> services() {
        return services;
    }

    /** Start from the plugin's own catalog (false: from the given services only). */
    public boolean useDefaultCatalog() {
        return useDefaultCatalog;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** How to launch Java processes (the reference services and the local runner). */
    public JavaLaunch java() {
        return java;
    }

    public DatabaseSettings database() {
        return database;
    }

    /** Gives the embedded PostgreSQL's binaries archive; asked only when needed. */
    public Supplier<Path> postgresBinaries() {
        return postgresBinaries;
    }

    public HealthTimeouts timeouts() {
        return timeouts;
    }

    public Console console() {
        return console;
    }

    public LocalSettings local() {
        return local;
    }

    public DockerSettings docker() {
        return docker;
    }

    /** How the goal's ports are chosen (io.gladys.ports). */
    public PortSettings ports() {
        return ports;
    }

    /** Builder: the project and state directories are required; the rest has the plugin's defaults. */
    public static final class Builder {
        private Environment environment = Environment.LOCAL;
        private List<Placement> placements = List.of();
        private List<ServiceDefinition> services = List.of();
        private boolean useDefaultCatalog;
        private final Path baseDir;
        private final Path stateDir;
        private JavaLaunch java;
        private DatabaseSettings database = DatabaseSettings.builder().build();
        private Supplier<Path> postgresBinaries;
        private HealthTimeouts timeouts = HealthTimeouts.DEFAULT;
        private Console console = Console.SILENT;
        private LocalSettings local = LocalSettings.DEFAULT;
        private DockerSettings docker = DockerSettings.DEFAULT;
        private PortSettings ports = PortSettings.NONE;

        private Builder(Path baseDir, Path stateDir) {
            this.baseDir = baseDir;
            this.stateDir = stateDir;
        }

        public Builder environment(Environment v) { environment = v; return this; }
        public Builder placements(List<Placement> v) { placements = v == null ? List.of() : v; return this; }
        public Builder services(List<ServiceDefinition> v) { services = v == null ? List.of() : v; return this; }
        public Builder useDefaultCatalog(boolean v) { useDefaultCatalog = v; return this; }
        public Builder java(JavaLaunch v) { java = v; return this; }
        public Builder database(DatabaseSettings v) { database = v; return this; }
        public Builder postgresBinaries(Supplier<Path> v) { postgresBinaries = v; return this; }
        public Builder timeouts(HealthTimeouts v) { timeouts = v; return this; }
        public Builder console(Console v) { console = v == null ? Console.SILENT : v; return this; }
        public Builder local(LocalSettings v) { local = v == null ? LocalSettings.DEFAULT : v; return this; }
        public Builder docker(DockerSettings v) { docker = v == null ? DockerSettings.DEFAULT : v; return this; }
        public Builder ports(PortSettings v) { ports = v == null ? PortSettings.NONE : v; return this; }

        public StackConfig build() {
            return new StackConfig(this);
        }
    }
}
