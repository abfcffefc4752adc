package io.gladys.db;

import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackException;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster the plugin manages, on an installed PostgreSQL (Debian's postgresql-15 with the ip4r
 * extension, which the embedded binaries lack) and on the embedded binaries: extensions, the
 * major-version guard, recreate. Skipped, saying why, when no such installation is on the machine;
 * GLADYS_REQUIRE_POSTGRES_INSTALLATION=true (CI) makes that a failure.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ManagedClusterTest {

    private static final String EXTENSION = "ip4r";
    private static Path installation;

    @TempDir
    Path dir;

    private final List<StackSession> sessions = new ArrayList<>();

    @BeforeAll
    static void findInstallation() {
        installation = installationWith(EXTENSION);
        if (installation == null && "true".equalsIgnoreCase(System.getenv("GLADYS_REQUIRE_POSTGRES_INSTALLATION"))) {
            throw new IllegalStateException("No PostgreSQL installation with " + EXTENSION + " under /usr/lib/postgresql, "
                    + "and GLADYS_REQUIRE_POSTGRES_INSTALLATION=true (install postgresql-15 postgresql-15-ip4r)");
        }
    }

    /** The first installation under /usr/lib/postgresql with the extension (or -Dgladys.test.pgInstallation). */
    private static Path installationWith(String extension) {
        String given = System.getProperty("gladys.test.pgInstallation");
        if (given != null) {
            return Path.of(given);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                if (PostgresBinaries.extensionDirectory(p).map(d -> Files.exists(d.resolve(extension + ".control")))
                        .orElse(false)) {
                    return p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static void requireInstallation() {
        Assumptions.assumeTrue(installation != null, "skipped: no PostgreSQL installation with " + EXTENSION
                + " on this machine (apt-get install postgresql-15 postgresql-15-ip4r)");
    }

    @AfterEach
    void stopEverything() {
        TestStacks.stopAll(sessions);
    }

    /** A stack of the database alone, on a free port, in this test's directory. */
    private StackSession session(Path installationDir, Path migrations) {
        ServiceDefinition db = ServiceDefinition.builder(ServiceDefinition.DATABASE).description("PostgreSQL")
                .localPort(TestStacks.freePort()).dockerPort(5433).health(HealthKind.SQL).stopSignal("INT").build();
        DatabaseSettings settings = DatabaseSettings.builder().password(Secret.of("s3cret")).migrations(migrations)
                .embeddedVersion("17.6.0").installation(installationDir).build();
        StackSession s = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(db), false, settings,
                TestStacks.printing()));
        sessions.add(s);
        return s;
    }

    private Path extensionMigrations() throws IOException {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_hosts.sql"), "-- needs an extension the embedded binaries lack\n"
                + "CREATE EXTENSION IF NOT EXISTS " + EXTENSION + ";\n"
                + "CREATE TABLE hosts (id serial PRIMARY KEY, addr ip4 NOT NULL);\n");
        Files.writeString(m.resolve("002_seed.sql"), "INSERT INTO hosts (addr) VALUES ('10.1.2.3'), ('192.168.0.1');\n");
        return m;
    }

    private Path dataDir() {
        return dir.resolve("state").resolve("db").resolve("data");
    }

    @Test
    void anInstallationRunsTheClusterWithItsExtensionsThroughStartStatusQueryCleanResetAndStop() throws Exception {
        requireInstallation();
        StackSession stack = session(installation, extensionMigrations());
        stack.manager().start("db", StartOptions.DEFAULT);

        DatabaseTarget db = stack.database();
        assertThat(TestStacks.column(db, "SELECT count(*) FROM hosts WHERE addr <<= '10.0.0.0/8'::ip4r")).containsExactly("1");
        assertThat(TestStacks.column(db, "SHOW server_version").get(0)).startsWith(PostgresBinaries.installation(installation)
                .version());
        ServiceStatus status = stack.manager().status("db").get(0);
        assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status.detail()).contains("PostgreSQL " + PostgresBinaries.installation(installation).version())
                .contains(installation.toString());
        assertThat(Files.readString(dataDir().resolve(ManagedPostgres.RECORD))).contains(installation.toString());

        CleanOutcome cleaned = TableCleaner.configured(db, Map.of()).clean("all", false);
        assertThat(String.join("\n", cleaned.lines())).contains("hosts");
        assertThat(TestStacks.column(db, "SELECT count(*) FROM hosts")).containsExactly("0");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hosts (addr) VALUES ('1.1.1.1')");
        }

        stack.reset("all", false, StartOptions.DEFAULT, Duration.ofSeconds(10));
        assertThat(TestStacks.column(db, "SELECT count(*) FROM hosts")).containsExactly("0");
        assertThat(stack.manager().status("db").get(0).state()).isEqualTo(ServiceState.RUNNING);

        stack.manager().stop("db", Duration.ofSeconds(10));
        assertThat(stack.manager().status("db").get(0).state()).isEqualTo(ServiceState.STOPPED);
        // the data stays between stop and start
        stack.manager().start("db", StartOptions.DEFAULT);
        assertThat(TestStacks.column(db, "SELECT count(*) FROM hosts")).containsExactly("0");
        assertThat(TestStacks.column(db, "SELECT version FROM gladys_schema_history ORDER BY installed_rank"))
                .containsExactly("001", "002");
    }

    @Test
    void theEmbeddedDefaultFailsTheStartNamingTheExtensionNotTheMigration() throws Exception {
        StackSession stack = session(null, extensionMigrations());
        Throwable failure = null;
        try {
            stack.manager().start("db", StartOptions.DEFAULT);
        } catch (StackException e) {
            failure = e;
        }
        assertThat(failure).as("the start fails").isNotNull();
        MissingExtensionException missing = causeOf(failure, MissingExtensionException.class);
        assertThat(missing).as("the cause names the missing extension").isNotNull();
        assertThat(missing.extension()).isEqualTo(EXTENSION);
        assertThat(missing.serverVersion()).startsWith("17.");
        assertThat(failure.getMessage())
                .contains("Migration 001_hosts.sql failed at line 2 and was rolled back")
                .contains("extension \"" + EXTENSION + "\" is not available")
                .contains("The server has no extension \"" + EXTENSION + "\" installed")
                .doesNotContain("Fix 001_hosts.sql");
        String advice = ExtensionAdvice.waysOut(missing.extension(), missing.serverVersion(),
                DatabaseSettings.Provision.EMBEDDED, null, missing.database(), ExtensionAdvice.Platform.current(),
                ExtensionAdvice.installations(EXTENSION));
        System.out.println(failure.getMessage() + "\n" + advice);
        assertThat(advice).contains("embedded PostgreSQL 17.").contains("<database><installation>")
                .contains("<database><host>").contains("-Dgladys.env=docker");
        if (installation != null) {
            assertThat(advice).contains("<database><installation>" + installation + "</installation>")
                    .contains("found here");
        }
        // nothing half-done: the migration rolled back and the start stopped the database again
        assertThat(stack.manager().status("db").get(0).state().alive()).isFalse();
    }

    @Test
    void binariesOfAnotherMajorVersionAreRefusedAndRecreateMakesANewCluster() throws Exception {
        requireInstallation();
        StackSession embedded = session(null, dir.resolve("no-migrations"));
        embedded.manager().start("db", StartOptions.DEFAULT);
        try (Connection c = embedded.database().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keepme (id int)");
        }
        embedded.manager().stop("all", Duration.ofSeconds(10));
        assertThat(Files.readString(dataDir().resolve("PG_VERSION")).strip()).isEqualTo("17");

        StackSession installed = session(installation, dir.resolve("no-migrations"));
        String major = String.valueOf(PostgresBinaries.major(PostgresBinaries.installation(installation).version()));
        assertThatThrownBy(() -> installed.manager().start("db", StartOptions.DEFAULT))
                .hasMessageContaining("was made by the embedded PostgreSQL 17.6.0 (PostgreSQL 17.")
                .hasMessageContaining("is PostgreSQL " + major + ".")
                .hasMessageContaining("so the database was not started")
                .hasMessageContaining("mvn gladys:reset -Dgladys.db.recreate=true");
        assertThat(Files.readString(dataDir().resolve("PG_VERSION")).strip()).as("never attempted").isEqualTo("17");
        assertThat(installed.manager().status("db").get(0).state().alive()).isFalse();

        installed.recreateDatabase(StartOptions.DEFAULT, Duration.ofSeconds(10));
        assertThat(Files.readString(dataDir().resolve("PG_VERSION")).strip()).isEqualTo(major);
        assertThat(TestStacks.column(installed.database(), "SELECT to_regclass('keepme') IS NULL")).containsExactly("t");
        assertThat(installed.manager().status("db").get(0).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void recreateIsRefusedForADatabaseThePluginDoesNotManage() {
        ServiceDefinition db = ServiceDefinition.builder(ServiceDefinition.DATABASE).localPort(TestStacks.freePort())
                .dockerPort(5433).health(HealthKind.SQL).build();
        DatabaseSettings external = DatabaseSettings.builder().host("127.0.0.1").password(Secret.of("x"))
                .embeddedVersion("17.6.0").build();
        StackSession stack = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(db), false,
                external, TestStacks.printing()));
        sessions.add(stack);
        assertThatThrownBy(() -> stack.recreateDatabase(StartOptions.DEFAULT, Duration.ofSeconds(5)))
                .hasMessageContaining("a server the plugin does not manage")
                .hasMessageContaining("Nothing was done.");
    }

    @Test
    void aDirectoryWithoutTheServerProgramsIsRefusedWithWhatToGive() throws IOException {
        Path notAnInstallation = Files.createDirectories(dir.resolve("pg"));
        StackSession stack = session(notAnInstallation, dir.resolve("no-migrations"));
        assertThatThrownBy(() -> stack.manager().start("db", StartOptions.DEFAULT))
                .hasMessageContaining("The PostgreSQL installation " + notAnInstallation)
                .hasMessageContaining("has no bin/initdb")
                .hasMessageContaining("/usr/lib/postgresql/15");
        assertThat(dataDir()).doesNotExist();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
