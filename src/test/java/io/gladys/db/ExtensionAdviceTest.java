package io.gladys.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static io.gladys.db.DatabaseSettings.Provision.COMPOSE;
import static io.gladys.db.DatabaseSettings.Provision.EMBEDDED;
import static io.gladys.db.DatabaseSettings.Provision.EXTERNAL;
import static io.gladys.db.DatabaseSettings.Provision.INSTALLATION;
import static io.gladys.db.ExtensionAdvice.Platform.DEBIAN;
import static io.gladys.db.ExtensionAdvice.Platform.MACOS;
import static org.assertj.core.api.Assertions.assertThat;

/** The ways out of a missing extension, per way the database is provided and per platform. */
class ExtensionAdviceTest {

    private static final Path PG15 = Path.of("/usr/lib/postgresql/15");

    @Test
    void recognisesBothFormsOfTheServersMessage() {
        assertThat(MissingExtensionException.missingExtension(new SQLException(
                "ERROR: extension \"vector\" is not available", "0A000"))).contains("vector");
        assertThat(MissingExtensionException.missingExtension(new SQLException(
                "ERROR: could not open extension control file \"/usr/share/postgresql/13/extension/ip4r.control\": "
                        + "No such file or directory", "58P01"))).contains("ip4r");
        assertThat(MissingExtensionException.missingExtension(new SQLException(
                "ERROR: relation \"x\" does not exist", "42P01"))).isEmpty();
        assertThat(MissingExtensionException.missingExtension(new SQLException(
                "ERROR: cannot use window functions here", "0A000"))).isEmpty();
    }

    @Test
    void embeddedPointsAtAnInstallationFoundHereThatHasIt() {
        String advice = ExtensionAdvice.waysOut("ip4r", "17.6", EMBEDDED, null, "gladys@localhost:5432/gladys", DEBIAN,
                List.of(new ExtensionAdvice.Found(PG15, 15, true)));
        assertThat(advice)
                .startsWith("The database runs on the plugin's embedded PostgreSQL 17.6, whose binaries carry "
                        + "PostgreSQL and its contrib modules only: there is no \"ip4r\" for it.")
                .contains("1. Run the managed cluster on an installed PostgreSQL that has it: "
                        + "<database><installation>/usr/lib/postgresql/15</installation></database>")
                .contains("found here: /usr/lib/postgresql/15 (PostgreSQL 15)")
                .contains("another major version needs it recreated")
                .contains("2. Use a PostgreSQL server that has ip4r: <database><host>")
                .contains("3. Use the docker environment (-Dgladys.env=docker)")
                .doesNotContain("Fix ");
    }

    @Test
    void embeddedWithoutAnInstallationNamesThePackageOfThePlatform() {
        String debian = ExtensionAdvice.waysOut("vector", "17.6", EMBEDDED, null, "x", DEBIAN, List.of());
        assertThat(debian).contains("install PostgreSQL 17 with it (on Debian and Ubuntu: sudo apt-get install "
                        + "postgresql-17-pgvector), then set <database><installation>/usr/lib/postgresql/17</installation>")
                .contains("the default image, pgvector/pgvector:pg17, has vector");
        // an installation found without it: install the extension into that one, mind the major version
        String into = ExtensionAdvice.waysOut("vector", "17.6", EMBEDDED, null, "x", DEBIAN,
                List.of(new ExtensionAdvice.Found(PG15, 15, false)));
        assertThat(into).contains("install it into the one found here, /usr/lib/postgresql/15 (PostgreSQL 15): on "
                        + "Debian and Ubuntu: sudo apt-get install postgresql-15-pgvector; then set "
                        + "<database><installation>/usr/lib/postgresql/15</installation>")
                .contains("another major version needs it recreated");
        String mac = ExtensionAdvice.waysOut("vector", "17.6", EMBEDDED, null, "x", MACOS, List.of());
        assertThat(mac).contains("brew install pgvector");
    }

    @Test
    void anInstallationWithoutItIsToldWhatToInstallIntoIt() {
        String advice = ExtensionAdvice.waysOut("ip4r", "15.20", INSTALLATION, PG15, "x", DEBIAN,
                List.of(new ExtensionAdvice.Found(PG15, 15, false)));
        assertThat(advice).startsWith("The PostgreSQL installation /usr/lib/postgresql/15 (PostgreSQL 15.20) that runs "
                        + "the managed cluster has no \"ip4r\" installed.")
                .contains("1. Install it into that installation, then start again (the cluster keeps its data): "
                        + "on Debian and Ubuntu: sudo apt-get install postgresql-15-ip4r.");
        assertThat(ExtensionAdvice.install("uuid-ossp", 15, DEBIAN)).contains("postgresql-15")
                .contains("contrib is part of the server package");
    }

    @Test
    void externalAndDockerDatabasesGetTheirOwnWaysOut() {
        String external = ExtensionAdvice.waysOut("vector", "16.2", EXTERNAL, null, "gladys@db.example:5432/gladys",
                DEBIAN, List.of());
        assertThat(external).contains("The server gladys@db.example:5432/gladys (PostgreSQL 16.2) has no \"vector\"")
                .contains("whoever runs it must install the extension (on Debian and Ubuntu: sudo apt-get install "
                        + "postgresql-16-pgvector) and CREATE EXTENSION vector as a superuser");
        String docker = ExtensionAdvice.waysOut("ip4r", "17.6", COMPOSE, null, "x", DEBIAN, List.of());
        assertThat(docker).contains("The Compose database (PostgreSQL 17.6) has no \"ip4r\"")
                .contains("-Dgladys.docker.postgresImage=<image>");
    }
}
