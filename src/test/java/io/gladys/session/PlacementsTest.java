package io.gladys.session;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.DefaultCatalog;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.ConfigException;
import io.gladys.db.DatabaseSettings;
import io.gladys.docker.DockerSettings;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where each service runs: gladys.environments over the catalog entry's {@code <environment>} over
 * gladys.env; and every malformed, unknown or contradictory placement refused before anything starts.
 */
class PlacementsTest {

    @TempDir
    Path dir;

    private static Catalog reference() {
        return DefaultCatalog.create(TestStacks.java());
    }

    private static Map<String, Environment> where(Catalog placed) {
        return placed.services().stream().collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::runsIn));
    }

    @Test
    void entriesNameAServiceAGroupOrAnAliasAndBeatTheCatalogWhichBeatsTheStacksEnvironment() {
        Catalog catalog = Catalog.merge(reference(),
                List.of(ServiceDefinition.builder("orchestrator").runsIn(Environment.DOCKER).build()));
        assertThat(where(Placements.place(catalog, Environment.LOCAL, List.of()))).containsEntry("orchestrator",
                Environment.DOCKER).containsEntry("db", Environment.LOCAL).containsEntry("memory-rust", Environment.LOCAL);

        Map<String, Environment> placed = where(Placements.place(catalog, Environment.LOCAL,
                StackConfig.Placement.parse(" memory = docker , executive=docker,orchestrator=local")));
        assertThat(placed).containsEntry("memory-python", Environment.DOCKER).containsEntry("memory-rust", Environment.DOCKER)
                .containsEntry("executive-stub", Environment.DOCKER).containsEntry("orchestrator", Environment.LOCAL)
                .containsEntry("db", Environment.LOCAL);
        assertThat(where(Placements.place(reference(), Environment.DOCKER, StackConfig.Placement.parse("db=local"))))
                .containsEntry("db", Environment.LOCAL).containsEntry("orchestrator", Environment.DOCKER);
    }

    @Test
    void malformedEntriesUnknownEnvironmentsAndTwoEnvironmentsForOneNameAreRefused() {
        for (String bad : List.of("db", "db=", "=docker", "db=docker,,memory=docker")) {
            assertThatThrownBy(() -> StackConfig.Placement.parse(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("gladys.environments: '")
                    .hasMessageContaining("is not name=environment (for example db=docker,memory-rust=docker)");
        }
        assertThatThrownBy(() -> StackConfig.Placement.parse("db=kubernetes")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'db=kubernetes'").hasMessageContaining("Valid environments: local, docker");
        assertThatThrownBy(() -> StackConfig.Placement.parse("db=docker,db=local")).isInstanceOf(ConfigException.class)
                .hasMessage("gladys.environments gives db two environments, docker and local: give one.");
        assertThat(StackConfig.Placement.parse("  ")).isEmpty();
        assertThat(StackConfig.Placement.parse("db=docker,db=docker")).hasSize(2);
    }

    @Test
    void anUnknownNameAndAServicePlacedTwiceThroughItsGroupAreRefused() {
        assertThatThrownBy(() -> Placements.place(reference(), Environment.LOCAL,
                StackConfig.Placement.parse("memroy-rust=docker")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("gladys.environments: ")
                .hasMessageContaining("memroy-rust");
        assertThatThrownBy(() -> Placements.place(reference(), Environment.LOCAL,
                StackConfig.Placement.parse("memory=docker,memory-rust=local")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gladys.environments gives memory-rust two environments: docker (memory) and local "
                        + "(memory-rust). Give one.");
    }

    @Test
    void theConfigurationReadsGladysEnvironmentsAndTheDatabasesEnvironmentElement() {
        RawConfiguration raw = RawConfiguration.builder().baseDir(dir).environments("db=docker, memory-rust=docker")
                .database(DatabaseParameters.builder().environment("docker").build()).build();
        StackConfig config = new ConfigurationProcessor(raw, new ConfigurationProcessorTest.Build()).stackConfig();
        assertThat(config.placements()).containsExactly(new StackConfig.Placement("db", Environment.DOCKER),
                new StackConfig.Placement("memory-rust", Environment.DOCKER));
        assertThat(config.services()).filteredOn(ServiceDefinition::isDatabase).singleElement()
                .satisfies(db -> assertThat(db.runsIn()).isEqualTo(Environment.DOCKER));

        RawConfiguration typo = RawConfiguration.builder().baseDir(dir)
                .database(DatabaseParameters.builder().environment("dokcer").build()).build();
        assertThatThrownBy(() -> new ConfigurationProcessor(typo, new ConfigurationProcessorTest.Build()).stackConfig())
                .isInstanceOf(CatalogException.class)
                .hasMessage("<database><environment> 'dokcer' is not an environment: local or docker.");
    }

    @Test
    void aDatabasePlacedInDockerWithAnInstallationOrAnotherHostIsRefusedBeforeAnythingStarts() throws Exception {
        Path installation = Files.createDirectories(dir.resolve("pg"));
        StackConfig.Builder base = StackConfig.builder(dir, dir.resolve(".gladys")).environment(Environment.LOCAL)
                .placements(StackConfig.Placement.parse("db=docker")).useDefaultCatalog(true).java(TestStacks.java())
                .postgresBinaries(TestStacks.postgresBinaries()).console(TestStacks.printing())
                .docker(DockerSettings.builder().project("gladys-test-never-started").build());
        assertThatThrownBy(() -> StackSession.open(base.database(DatabaseSettings.builder()
                .installation(installation).build()).build()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("The database runs in docker")
                .hasMessageContaining("<installation> (" + installation + ")")
                .hasMessageContaining("Remove one");
        assertThatThrownBy(() -> StackSession.open(base.database(DatabaseSettings.builder()
                .host("db.example.test").build()).build()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("<host> db.example.test names another server");
        assertThat(dir.resolve(".gladys")).doesNotExist();
    }
}
