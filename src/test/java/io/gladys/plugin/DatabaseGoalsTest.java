package io.gladys.plugin;

import io.gladys.output.OutputFormat;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** query, psql, migrate, clean, reset: their SQL, files, switches and the refusals before any connection. */
@MojoTest
class DatabaseGoalsTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "query")
    @CommandLine({"sql=SELECT 1", "gladys.sql=SELECT 2", "gladys.format=csv"})
    void theNamespacedSqlWinsAndQueryPrintsCsv(QueryMojo mojo) {
        assertThat(mojo.sql()).isEqualTo("SELECT 2");
        assertThat(mojo.outputFormat(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON))
                .isEqualTo(OutputFormat.CSV);
    }

    @Test
    @InjectMojo(goal = "query")
    void queryWithoutSqlSaysWhatToGive(QueryMojo mojo) {
        failsWith(mojo, "What should run? mvn gladys:query -Dsql=\"SELECT ...\" or -Dgladys.sql.file=script.sql");
    }

    @Test
    @InjectMojo(goal = "query", pom = POM_START + "<sqlFile>queries/a.sql</sqlFile>" + POM_END)
    @CommandLine("sql=SELECT 1")
    void queryRefusesSqlAndAFile(QueryMojo mojo) {
        assertThat(mojo.sqlFile).isEqualTo(project.getBasedir().toPath().resolve("queries/a.sql").toFile());
        failsWith(mojo, "Give either -Dsql or -Dgladys.sql.file, not both.");
    }

    @Test
    @InjectMojo(goal = "query")
    @CommandLine({"sql=SELECT 1", "gladys.format=xml"})
    void queryNamesItsThreeFormats(QueryMojo mojo) {
        failsWith(mojo, "Unknown output format 'xml'. This goal prints: text, csv, json (gladys.format).");
    }

    @Test
    @InjectMojo(goal = "psql")
    @CommandLine({"c=SELECT 1", "gladys.psql.client=builtin"})
    void psqlTakesItsCommandFromC(PsqlMojo mojo) {
        assertThat(AbstractGladysMojo.eitherOf(mojo.sql(), mojo.c)).isEqualTo("SELECT 1");
        assertThat(mojo.client).isEqualTo("builtin");
    }

    @Test
    @InjectMojo(goal = "psql")
    void psqlChoosesItsClientByDefault(PsqlMojo mojo) {
        assertThat(mojo.client).isEqualTo("auto");
    }

    @Test
    @InjectMojo(goal = "psql")
    @CommandLine({"sql=SELECT 1", "gladys.psql.client=pgcli"})
    void anUnknownClientIsNamed(PsqlMojo mojo) {
        failsWith(mojo, "Unknown client 'pgcli': auto, psql or builtin (gladys.psql.client).");
    }

    @Test
    @InjectMojo(goal = "psql")
    @CommandLine("gladys.output=target/harness/session.txt")
    void anInteractiveSessionDoesNotGoToAFile(PsqlMojo mojo) {
        failsWith(mojo, "<output> / -Dgladys.output takes the result of one command (-Dsql=...); an interactive "
                + "session stays on the terminal. Give -Dsql, or -Dgladys.output=- for the session.");
        assertThat(project.getBasedir().toPath().resolve("target/harness/session.txt")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "migrate")
    void migrateDefaults(MigrateMojo mojo) {
        assertThat(AbstractGladysMojo.eitherOf(mojo.gladysFile, mojo.file)).isNull();
        assertThat(mojo.dryRun).isFalse();
        assertThat(mojo.repair).isFalse();
        assertThat(mojo.baseline).isNull();
    }

    @Test
    @InjectMojo(goal = "migrate")
    @CommandLine({"file=002_x.sql", "gladys.file=003_y.sql", "gladys.migrate.dryRun=true",
            "gladys.migrate.repair=true", "gladys.migrate.baseline=1.2"})
    void migrateFromTheCommandLine(MigrateMojo mojo) {
        assertThat(AbstractGladysMojo.eitherOf(mojo.gladysFile, mojo.file)).isEqualTo("003_y.sql");
        assertThat(mojo.dryRun).isTrue();
        assertThat(mojo.repair).isTrue();
        assertThat(mojo.baseline).isEqualTo("1.2");
    }

    @Test
    @InjectMojo(goal = "clean", pom = POM_START + "<database><cleanTargets><logs>log_a,log_b</logs></cleanTargets>"
            + "</database>" + POM_END)
    @CommandLine({"target=events", "gladys.target=logs", "gladys.clean.allowCascade=true", "gladys.clean.dryRun=true"})
    void cleanTakesItsTargetsFromThePom(CleanMojo mojo) {
        assertThat(AbstractGladysMojo.eitherOf(mojo.gladysTarget, mojo.target)).isEqualTo("logs");
        assertThat(mojo.allowCascade).isTrue();
        assertThat(mojo.dryRun).isTrue();
        assertThat(mojo.stackConfig().database().cleanTargets()).isEqualTo(Map.of("logs", "log_a,log_b"));
    }
}
