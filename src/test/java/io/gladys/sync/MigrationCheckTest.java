package io.gladys.sync;

import io.gladys.db.DatabaseTarget;
import io.gladys.db.Migrations;
import io.gladys.db.Secret;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Migration files against the history of a real PostgreSQL (the embedded one the plugin runs). */
class MigrationCheckTest {

    @TempDir
    static Path stateDir;
    static StackSession stack;
    static DatabaseTarget server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        stack = StackSession.open(TestStacks.config(stateDir.resolve("state"), stateDir, TestStacks.referenceOnFreePorts(),
                true, TestStacks.embeddedDatabase(), TestStacks.printing()));
        stack.manager().start("db", StartOptions.DEFAULT);
        server = stack.database();
    }

    @AfterAll
    static void stopDatabase() {
        if (stack != null) {
            try {
                stack.manager().stop("all", Duration.ofSeconds(10));
            } finally {
                stack.close();
                ItChecks.killLeftovers(stateDir.resolve("state")); // what a failed stop left behind
            }
        }
    }

    /** A fresh database on the embedded server, so each test has its own history. */
    private static DatabaseTarget database(String name) throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return new DatabaseTarget(server.host(), server.port(), name, server.user(), server.password());
    }

    /** The fixture migrations in a scratch directory, the first {@code applied} of them applied. */
    private Path migrationsWithApplied(DatabaseTarget db, int applied) throws Exception {
        Path migrations = dir.resolve("migrations");
        Files.createDirectories(migrations);
        List<String> files = List.of("001_create_notes.sql", "002_add_tags.sql", "003_add_body_index.sql");
        for (int i = 0; i < applied; i++) {
            Files.copy(Fixtures.resource("migrations/" + files.get(i)), migrations.resolve(files.get(i)));
        }
        new Migrations(db, Migrations.filesystem(migrations)).migrate();
        for (int i = applied; i < files.size(); i++) {
            Files.copy(Fixtures.resource("migrations/" + files.get(i)), migrations.resolve(files.get(i)));
        }
        return migrations;
    }

    private static EnvironmentTarget local(DatabaseTarget db, Path migrations) {
        return EnvironmentTarget.of("local", "", db, Migrations.filesystem(migrations));
    }

    @Test
    void appliedAndPendingMigrations() throws Exception {
        DatabaseTarget db = database("sync_pending");
        Path migrations = migrationsWithApplied(db, 2);

        MigrationState state = MigrationCheck.check(local(db, migrations));

        assertThat(state.checked()).isTrue();
        assertThat(state.applied()).isEqualTo(2);
        assertThat(state.pending()).containsExactly("003_add_body_index.sql");
        assertThat(state.appliedMissingFile()).isEmpty();
        assertThat(state.checksumMismatch()).isEmpty();
        assertThat(state.drift()).isTrue();

        new Migrations(db, Migrations.filesystem(migrations)).migrate();
        MigrationState done = MigrationCheck.check(local(db, migrations));
        assertThat(done.applied()).isEqualTo(3);
        assertThat(done.pending()).isEmpty();
        assertThat(done.drift()).isFalse();
    }

    @Test
    void anAppliedFileThatWasEditedIsAChecksumMismatch() throws Exception {
        DatabaseTarget db = database("sync_changed");
        Path migrations = migrationsWithApplied(db, 3);
        Files.writeString(migrations.resolve("002_add_tags.sql"),
                "ALTER TABLE notes ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{none}';\n");

        MigrationState state = MigrationCheck.check(local(db, migrations));

        assertThat(state.checksumMismatch()).containsExactly("002_add_tags.sql");
        assertThat(state.pending()).isEmpty();
        assertThat(state.applied()).isEqualTo(3);
        assertThat(state.drift()).isTrue();
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneIsReported() throws Exception {
        DatabaseTarget db = database("sync_missing");
        Path migrations = migrationsWithApplied(db, 2);
        Files.delete(migrations.resolve("002_add_tags.sql"));

        MigrationState state = MigrationCheck.check(local(db, migrations));

        assertThat(state.appliedMissingFile()).containsExactly("002_add_tags.sql");
        assertThat(state.pending()).containsExactly("003_add_body_index.sql");
        assertThat(state.applied()).isEqualTo(2);
    }

    @Test
    void anEnvironmentWhoseDatabaseDoesNotAnswerIsNotCheckedAndSaysHowToStartIt() throws Exception {
        int nothing = TestStacks.freePort();
        DatabaseTarget down = new DatabaseTarget("localhost", nothing, "gladys", "gladys", Secret.of("gladys"));
        Path migrations = Files.createDirectories(dir.resolve("m"));

        MigrationState state = MigrationCheck.check(EnvironmentTarget.of("docker", " -Dgladys.env=docker", down,
                Migrations.filesystem(migrations)));

        assertThat(state.checked()).isFalse();
        assertThat(state.environment()).isEqualTo("Docker DB");
        assertThat(state.reason()).isEqualTo("the database at localhost:" + nothing + " does not answer");
        assertThat(state.startCommand()).isEqualTo("mvn gladys:start -Dservice=db -Dgladys.env=docker");
        assertThat(state.drift()).isFalse();
    }

    @Test
    void aMissingMigrationsDirectoryIsNotReadAsEveryMigrationMissing() throws Exception {
        DatabaseTarget db = database("sync_nodir");
        migrationsWithApplied(db, 1);
        Path gone = dir.resolve("gone");

        MigrationState state = MigrationCheck.check(EnvironmentTarget.of("local", "", db, "filesystem:" + gone));

        assertThat(state.checked()).isFalse();
        assertThat(state.reason()).isEqualTo("the migrations directory " + gone + " does not exist");
    }

    @Test
    void theReportShowsEachEnvironmentAndOnlyDriftFailsUnlessToldOtherwise() throws Exception {
        DatabaseTarget db = database("sync_report");
        Path migrations = migrationsWithApplied(db, 3);
        Path project = Fixtures.project(dir);
        Fixtures.write(project.resolve("services/orchestrator/proto/common.proto"),
                Fixtures.read(project.resolve("proto/common.proto")));
        int nothing = TestStacks.freePort();
        DatabaseTarget down = new DatabaseTarget("localhost", nothing, "gladys", "gladys", Secret.of("gladys"));
        SyncOptions.Builder options = SyncOptions.builder(project)
                .environment(local(db, migrations))
                .environment(EnvironmentTarget.of("docker", " -Dgladys.env=docker", down, Migrations.filesystem(migrations)));

        SyncReport report = new SyncCheck(options.build()).run();

        assertThat(report.text()).containsSubsequence("Migrations:",
                "  ✅ Local DB: 3 migrations applied",
                "  ⚠️  Docker DB: not checked (the database at localhost:" + nothing + " does not answer); start it "
                        + "with: mvn gladys:start -Dservice=db -Dgladys.env=docker");
        assertThat(report.drift()).isFalse();
        assertThat(report.actions()).isEmpty();

        SyncReport strict = new SyncCheck(options.notCheckedIsDrift(true).build()).run();
        assertThat(strict.drift()).isTrue();
        assertThat(strict.actions()).containsExactly("Start the Docker DB database and check again: "
                + "mvn gladys:start -Dservice=db -Dgladys.env=docker");

        SyncReport offline = new SyncCheck(options.notCheckedIsDrift(false).offline(true).build()).run();
        assertThat(offline.migrations()).allSatisfy(m -> {
            assertThat(m.checked()).isFalse();
            assertThat(m.reason()).isEqualTo("offline (gladys.syncCheck.offline)");
        });
    }

    @Test
    void pendingAndChangedMigrationsBecomeActions() throws Exception {
        DatabaseTarget db = database("sync_actions");
        Path migrations = migrationsWithApplied(db, 2);
        Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id BIGINT);\n");
        Path project = Fixtures.project(dir);

        SyncReport report = new SyncCheck(SyncOptions.builder(project).environment(local(db, migrations)).build()).run();

        assertThat(report.text()).containsSubsequence(
                "  ❌ Local DB: 2 migrations applied, 1 pending",
                "     - pending: 003_add_body_index.sql",
                "     - changed after it was applied: 001_create_notes.sql");
        assertThat(report.actions()).containsSubsequence(
                "Restore 001_create_notes.sql to the content applied to Local DB: an applied migration must not "
                        + "change (put the change in a new migration file)",
                "Run: mvn gladys:migrate");
    }
}
