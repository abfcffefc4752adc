package io.gladys.plugin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gladys.session.ConfigurationProcessor;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.local.LocalSettings;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every goal shares (AbstractGladysMojo), seen through the status goal: defaults, -D properties,
 * the pom's {@code <services>} and {@code <database>} as the StackConfig the core takes, the skips,
 * the output file, and the messages for invalid values.
 */
@MojoTest
class PluginWideParametersTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "status")
    void defaults(StatusMojo mojo) {
        StackConfig c = mojo.stackConfig();
        assertThat(c.environment()).isEqualTo(Environment.LOCAL);
        // the built-in reference catalog, assembled by the goal (CatalogSources)
        assertThat(c.useDefaultCatalog()).isFalse();
        assertThat(c.services()).extracting(ServiceDefinition::name)
                .containsExactly("db", "memory-python", "memory-rust", "orchestrator", "executive-stub");
        assertThat(c.baseDir()).isEqualTo(project.getBasedir().toPath());
        assertThat(c.stateDir()).isEqualTo(dir.resolve(".gladys"));
        assertThat(c.timeouts().connect()).isEqualTo(Duration.ofMillis(2000));
        assertThat(c.timeouts().rpc()).isEqualTo(Duration.ofMillis(3000));
        assertThat(c.local().logs()).isEqualTo(LocalSettings.LogPolicy.DEFAULT);
        assertThat(c.local().processControl()).as("the platform chooses").isNull();
        assertThat(c.local().classDataArchive()).isTrue();
        DatabaseSettings db = c.database();
        assertThat(db.name()).isEqualTo("gladys");
        assertThat(db.host()).isNull();
        assertThat(db.urlOverride()).isNull();
        assertThat(db.migrations()).isEqualTo(project.getBasedir().toPath().resolve("src/db/migrations"));
        assertThat(db.embeddedVersion()).isEqualTo(ConfigurationProcessor.EMBEDDED_POSTGRES_VERSION);
        assertThat(mojo.outputFormat(OutputFormat.TEXT, OutputFormat.JSON)).isEqualTo(OutputFormat.TEXT);
        assertThat(mojo.output).isEqualTo("-");
        assertThat(mojo.selection()).isEqualTo("all");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.env=docker", "gladys.connectTimeout=150", "gladys.rpcTimeout=250", "gladys.format=json",
            "gladys.log.maxSize=2048", "gladys.log.keep=1", "gladys.defaultCatalog=false",
            "gladys.output=target/status.json", "gladys.processControl=portable",
            "gladys.classDataArchive=false"})
    void commandLine(StatusMojo mojo) {
        StackConfig c = mojo.stackConfig();
        assertThat(c.environment()).isEqualTo(Environment.DOCKER);
        assertThat(c.useDefaultCatalog()).isFalse();
        assertThat(c.services()).as("no built-in catalog").isEmpty();
        assertThat(c.timeouts().connect()).isEqualTo(Duration.ofMillis(150));
        assertThat(c.timeouts().rpc()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.local().logs()).isEqualTo(new LocalSettings.LogPolicy(2048, 1));
        assertThat(c.local().processControl()).isEqualTo("portable");
        assertThat(c.local().classDataArchive()).isFalse();
        assertThat(mojo.outputFormat(OutputFormat.TEXT, OutputFormat.JSON)).isEqualTo(OutputFormat.JSON);
        assertThat(mojo.output).isEqualTo("target/status.json");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<environment>local</environment><rpcTimeout>900</rpcTimeout>"
            + "<stateDirectory>state</stateDirectory>" + POM_END)
    @CommandLine({"gladys.env=docker", "gladys.rpcTimeout=1"})
    void thePomWinsOverTheCommandLine(StatusMojo mojo) {
        // Maven's rule: a -D property is only the default of a parameter the pom does not set
        StackConfig c = mojo.stackConfig();
        assertThat(c.environment()).isEqualTo(Environment.LOCAL);
        assertThat(c.timeouts().rpc()).isEqualTo(Duration.ofMillis(900));
        assertThat(c.stateDir()).isEqualTo(project.getBasedir().toPath().resolve("state"));
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + """
            <defaultCatalog>false</defaultCatalog>
            <services>
              <service>
                <name>memory-python</name>
                <description>Memory Storage</description>
                <group>memory</group>
                <aliases><alias>mem-py</alias></aliases>
                <localPort>50151</localPort>
                <dockerPort>50161</dockerPort>
                <command><arg>uv</arg><arg>run</arg><arg>python</arg></command>
                <workingDirectory>src/services/memory</workingDirectory>
                <environmentVariables><GRPC_PORT>50151</GRPC_PORT></environmentVariables>
                <composeService>memory-py</composeService>
                <dependsOn><service>db</service><service>cache:started</service></dependsOn>
                <health>grpc</health>
                <healthService>gladys.memory.MemoryStorage</healthService>
                <startTimeout>90</startTimeout>
                <stopSignal>sigint</stopSignal>
                <stopCommand><arg>uv</arg><arg>run</arg><arg>stop memory</arg></stopCommand>
              </service>
              <service><name>cache</name><localPort>50199</localPort></service>
            </services>
            <database>
              <localPort>15432</localPort>
              <dockerPort>15433</dockerPort>
              <name>brain</name>
              <user>alice</user>
              <password>s3cret</password>
              <migrations>db/changes</migrations>
              <migrateOnStart>false</migrateOnStart>
              <cleanTargets><scratch>a,b</scratch></cleanTargets>
              <version>16.4.0</version>
            </database>
            """ + POM_END)
    void servicesAndDatabaseBecomeTheCatalogAndDatabaseSettings(StatusMojo mojo) {
        StackConfig c = mojo.stackConfig();
        assertThat(c.useDefaultCatalog()).isFalse();
        assertThat(c.services()).extracting(ServiceDefinition::name).containsExactly("memory-python", "cache", "db");
        ServiceDefinition m = c.services().get(0);
        assertThat(m.description()).isEqualTo("Memory Storage");
        assertThat(m.group()).isEqualTo("memory");
        assertThat(m.aliases()).containsExactly("mem-py");
        assertThat(m.localPort()).isEqualTo(50151);
        assertThat(m.dockerPort()).isEqualTo(50161);
        assertThat(m.command()).containsExactly("uv", "run", "python");
        assertThat(m.workingDirectory()).isEqualTo("src/services/memory");
        assertThat(m.environment()).containsExactly(Map.entry("GRPC_PORT", "50151"));
        assertThat(m.composeService()).isEqualTo("memory-py");
        assertThat(m.dependsOn()).containsExactly(Dependency.parse("db"), Dependency.parse("cache:started"));
        assertThat(m.health()).isEqualTo(HealthKind.GRPC);
        assertThat(m.healthService()).isEqualTo("gladys.memory.MemoryStorage");
        assertThat(m.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(m.stopSignal()).isEqualTo("INT");
        assertThat(m.stopCommand()).containsExactly("uv", "run", "stop memory");
        ServiceDefinition db = c.services().get(2);
        assertThat(db.localPort()).isEqualTo(15432);
        assertThat(db.dockerPort()).isEqualTo(15433);

        DatabaseSettings s = c.database();
        assertThat(s.name()).isEqualTo("brain");
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password().reveal()).isEqualTo("s3cret");
        assertThat(s.migrations()).isEqualTo(project.getBasedir().toPath().resolve("db/changes"));
        assertThat(s.migrateOnStart()).isFalse();
        assertThat(s.cleanTargets()).containsExactly(Map.entry("scratch", "a,b"));
        assertThat(s.embeddedVersion()).isEqualTo("16.4.0");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<database><user>alice</user><password>pom</password></database>"
            + POM_END)
    @CommandLine({"gladys.db.url=jdbc:postgresql://db.example:6543/other", "gladys.db.user=bob",
            "gladys.db.password=cli"})
    void theDatabaseCommandLineOverridesThePom(StatusMojo mojo) {
        DatabaseSettings s = mojo.stackConfig().database();
        assertThat(s.urlOverride()).isEqualTo("jdbc:postgresql://db.example:6543/other");
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password().reveal()).isEqualTo("cli");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.env=k8s", "gladys.skip=true"})
    void gladysSkipSkipsEveryGoal(StatusMojo mojo) throws Exception {
        // would fail on the environment if it ran
        assertThat(logOf(mojo)).containsExactly("Skipping (gladys.skip).");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.env=k8s", "gladys.status.skip=true"})
    void gladysGoalSkipSkipsThatGoal(StatusMojo mojo) throws Exception {
        assertThat(logOf(mojo)).containsExactly("Skipping (gladys.status.skip).");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.env=k8s", "gladys.health.skip=true"})
    void anotherGoalsSkipDoesNotSkipThisOne(StatusMojo mojo) {
        failsWith(mojo, "Unknown environment 'k8s'. Valid environments: local, docker.");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine("gladys.env=k8s")
    void aProjectPropertySkipsAGoalToo(StatusMojo mojo) throws Exception {
        project.getProperties().setProperty("gladys.status.skip", "true");
        assertThat(logOf(mojo)).containsExactly("Skipping (gladys.status.skip).");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine("gladys.processControl=threads")
    void anUnknownProcessControlFailsTheGoalWithTheChoices(StatusMojo mojo) {
        failsWithParts(mojo, "Unknown gladys.processControl 'threads'", "'groups'", "'portable'");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine("gladys.format=xml")
    void anUnknownFormatNamesTheFormatsOfTheGoal(StatusMojo mojo) {
        failsWith(mojo, "Unknown output format 'xml'. This goal prints: text, json (gladys.format).");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<services><service><name>x</name><health>ping</health></service>"
            + "</services>" + POM_END)
    void anInvalidServiceValueNamesTheService(StatusMojo mojo) {
        failsWith(mojo, "Service 'x': Unknown health kind 'ping'. Valid kinds: gladys, grpc, tcp, http, none, sql.");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<services><service><localPort>1</localPort></service></services>"
            + POM_END)
    void aServiceWithoutANameIsRejected(StatusMojo mojo) {
        failsWithParts(mojo, "A <services><service> has no <name>");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM_START + "<database><serverId>vault</serverId></database>" + POM_END)
    void aMissingSettingsServerIsNamed(StatusMojo mojo) {
        failsWith(mojo, "The settings.xml server 'vault' named by <database><serverId> does not exist.");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.format=json", "gladys.output=target/harness/status.json"})
    void statusWritesItsJsonToTheOutputFile(StatusMojo mojo) throws Exception {
        Path file = project.getBasedir().toPath().resolve("target/harness/status.json");
        Files.deleteIfExists(file);
        mojo.execute();
        JsonObject doc = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(doc.get("schemaVersion").getAsInt()).isEqualTo(1);
        assertThat(doc.get("environment").getAsString()).isEqualTo("local");
        // nothing runs in this state directory: every service of the default catalog is stopped
        assertThat(doc.getAsJsonArray("services").asList()).extracting(e -> e.getAsJsonObject().get("name")
                .getAsString()).contains("db", "memory-python", "memory-rust", "orchestrator", "executive-stub");
        assertThat(doc.getAsJsonArray("services").asList()).allSatisfy(e -> assertThat(e.getAsJsonObject()
                .get("state").getAsString()).isEqualTo("stopped"));
        assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString())).containsExactly("status.json");
    }

    @Test
    @InjectMojo(goal = "status")
    @CommandLine({"gladys.format=json", "gladys.output=pom.xml/status.json"})
    void anUnwritableOutputFailsBeforeTheGoalRuns(StatusMojo mojo) {
        Path base = project.getBasedir().toPath();
        failsWith(mojo, "Cannot write the output file " + base.resolve("pom.xml/status.json") + ": "
                + base.resolve("pom.xml") + " is a file, not a directory. Give a path in a writable directory. "
                + "(<output> / -Dgladys.output='pom.xml/status.json'; - is standard output)");
        assertThat(base.resolve("pom.xml")).isRegularFile();
        assertThat(dir.resolve(".gladys")).doesNotExist(); // the goal did not start
    }
}
