package io.gladys.plugin;

import io.gladys.session.StackSession;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.session.StackConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a goal's catalog and database come from: the built-in catalog, a catalog file, .env, the
 * pom, the command line; the managed cluster's installation and the schema baseline.
 */
@MojoTest
class CatalogParametersTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.catalog=gladys-checkout", "gladys.db.installation=/usr/lib/postgresql/15"})
    void theGladysCheckoutCatalogWithItsDatabaseDefaults(StatusMojo mojo) {
        StackConfig c = mojo.stackConfig();
        assertThat(c.services()).extracting(ServiceDefinition::name).contains("dashboard", "memory-rust");
        DatabaseSettings db = c.database();
        assertThat(db.host()).isEqualTo("localhost");
        assertThat(db.installation()).isEqualTo(Path.of("/usr/lib/postgresql/15"));
        assertThat(StackSession.databaseProvision(c)).isEqualTo(DatabaseSettings.Provision.INSTALLATION);
        assertThat(db.baseline().schema()).isEqualTo(project.getBasedir().toPath().resolve("src/db/schema.sql"));
        assertThat(db.baseline().extensions()).containsExactly("uuid-ossp", "vector");
        assertThat(db.recursiveMigrations()).isFalse();
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<catalog>gladys-checkout</catalog><envFile>gladys.env</envFile>"
            + "<database><name>pomdb</name><extensions><extension>uuid-ossp</extension></extensions></database>"
            + "<services><service><name>orchestrator</name><localPort>52050</localPort></service></services>" + POM_END)
    void dotEnvFillsTheCatalogAndThePomWins(StatusMojo mojo) throws Exception {
        Files.writeString(project.getBasedir().toPath().resolve("gladys.env"),
                "MEMORY_PYTHON_PORT=51051\nORCHESTRATOR_PORT=51050\nDB_NAME=envdb\nDB_HOST=db.local\n");
        StackConfig c = mojo.stackConfig();
        ServiceDefinition memory = c.services().stream().filter(s -> s.name().equals("memory-python")).findFirst()
                .orElseThrow();
        assertThat(memory.localPort()).isEqualTo(51051);
        assertThat(c.services().stream().filter(s -> s.name().equals("orchestrator")).findFirst().orElseThrow()
                .localPort()).isEqualTo(52050);
        assertThat(c.database().name()).isEqualTo("pomdb");
        assertThat(c.database().host()).isEqualTo("db.local");
        assertThat(c.database().baseline().extensions()).containsExactly("uuid-ossp");
        assertThat(StackSession.databaseProvision(c)).isEqualTo(DatabaseSettings.Provision.EXTERNAL);
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.catalog=gladys"})
    void anUnknownCatalogIsNamedWithTheBuiltInOnes(StatusMojo mojo) {
        failsWith(mojo, "Unknown catalog 'gladys' (<catalog>, gladys.catalog). Built-in catalogs: gladys-checkout, "
                + "reference; a catalog of your own goes in a file named by <catalogFile>.");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.envFile=missing.env"})
    void aMissingEnvFileIsNamed(StatusMojo mojo) {
        failsWithParts(mojo, "missing.env (gladys.envFile) does not exist.");
    }
}
