package io.gladys.catalog;

import io.gladys.config.DotEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalogs from built-in files, the project's file and the pom, with .env and its precedence. */
class CatalogSourcesTest {

    private static final JavaLaunch JAVA = new JavaLaunch(Path.of("/usr/bin/java"), List.of(Path.of("/p.jar")),
            List.of("-Xmx1m"));

    @TempDir
    Path dir;

    @Test
    void theReferenceCatalogIsTheBuiltInFileAndLaunchesTheShippedServices() {
        Catalog c = DefaultCatalog.create(JAVA);
        ServiceDefinition gateway = c.get("memory-rust");
        assertThat(gateway.command()).containsExactly("/usr/bin/java", "-Xmx1m",
                "io.gladys.reference.gateway.GatewayServer");
        assertThat(gateway.environment()).containsEntry("CLASSPATH", "/p.jar").containsEntry("CACHE_CAPACITY", "1000");
        assertThat(c.get("db").stopSignal()).isEqualTo("INT");
        assertThat(c.get("db").composeService()).isEqualTo("postgres");
    }

    @Test
    void gladysCheckoutTakesItsPortsFromDotEnvThePomAndTheProcessEnvironmentWinning() {
        Map<String, String> dotEnv = DotEnv.parse(".env", List.of("MEMORY_PYTHON_PORT=51051", "MEMORY_RUST_PORT=51052",
                "EXECUTIVE_PORT=51053", "ORCHESTRATOR_PORT=51050", "DB_NAME=gladys_ws1", "OLLAMA_URL=http://x:1"), Map.of());
        CatalogSources s = CatalogSources.assemble("gladys-checkout", null,
                List.of(ServiceDefinition.builder("orchestrator").localPort(52050).build()), JAVA, dotEnv,
                Map.of("EXECUTIVE_PORT", "53053"));
        Catalog c = Catalog.of(s.services());
        ServiceDefinition memory = c.get("memory-python");
        assertThat(memory.localPort()).isEqualTo(51051);
        assertThat(memory.command()).containsExactly("uv", "run", "python", "-m", "gladys_memory", "start");
        assertThat(memory.workingDirectory()).isEqualTo("src/services/memory");
        assertThat(memory.environment()).containsEntry("GRPC_PORT", "51051").containsEntry("OLLAMA_URL", "http://x:1");
        assertThat(c.get("memory-rust").environment()).containsEntry("GRPC_PORT", "51052")
                .containsEntry("STORAGE_ADDRESS", "http://localhost:51051");
        // the pom wins over .env
        assertThat(c.get("orchestrator").localPort()).isEqualTo(52050);
        // the process environment wins over .env, in placeholders and in what services get
        assertThat(c.get("executive-stub").command()).containsSubsequence("--port", "53053");
        assertThat(c.get("executive-stub").environment()).doesNotContainKey("EXECUTIVE_PORT");
        assertThat(c.get("dashboard").health()).isEqualTo(HealthKind.HTTP);
        assertThat(c.get("dashboard").localPort()).isEqualTo(8502);
        assertThat(c.get("db").localPort()).isEqualTo(5432);
        assertThat(s.database()).containsEntry("name", "gladys_ws1").containsEntry("schema", "src/db/schema.sql")
                .containsEntry("extensions", "uuid-ossp,vector");
    }

    @Test
    void aProjectCatalogFileIsLaidOverTheBuiltInOne() throws Exception {
        Path file = dir.resolve("catalog.xml");
        Files.writeString(file, """
                <catalog>
                  <services>
                    <service><name>memory-python</name><localPort>${PY_PORT:-61051}</localPort></service>
                    <service>
                      <name>etcd</name><localPort>2379</localPort><health>grpc</health>
                      <command><arg>etcd</arg></command>
                    </service>
                  </services>
                </catalog>
                """);
        CatalogSources s = CatalogSources.assemble("reference", file, List.of(), JAVA, Map.of(), Map.of());
        Catalog c = Catalog.of(s.services());
        assertThat(c.get("memory-python").localPort()).isEqualTo(61051);
        assertThat(c.get("memory-python").command()).contains("io.gladys.reference.memory.MemoryServer");
        assertThat(c.get("etcd").health()).isEqualTo(HealthKind.GRPC);
    }

    @Test
    void badCatalogsSayWhereAndWhat() {
        assertThatThrownBy(() -> parse("<catalog><services><service><name>x</name><port>1</port></service></services></catalog>"))
                .hasMessageContaining("t.xml: unknown element <port> in a <service>");
        assertThatThrownBy(() -> parse("<catalog><services><service><name>x</name><localPort>${P:-abc}</localPort>"
                + "</service></services></catalog>"))
                .hasMessageContaining("<localPort> of service 'x' is 'abc', not a number");
        assertThatThrownBy(() -> parse("<catalog><services><service><name>x</name><localPort>${NO_SUCH_PORT}</localPort>"
                + "</service></services></catalog>"))
                .hasMessageContaining("${NO_SUCH_PORT} is not set");
        assertThatThrownBy(() -> parse("<services/>")).hasMessageContaining("the root element must be <catalog>");
        assertThatThrownBy(() -> parse("<catalog>")).hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> CatalogSources.assemble("gladys", null, List.of(), JAVA, Map.of(), Map.of()))
                .hasMessageContaining("Unknown catalog 'gladys'").hasMessageContaining("gladys-checkout, reference");
    }

    @Test
    void aCatalogFileGivesAStopCommandAsArguments() {
        CatalogFile f = parse("<catalog><services><service><name>x</name><command><arg>srv.exe</arg></command>"
                + "<stopCommand><arg>srv.exe</arg><arg>--stop</arg><arg>C:\\Program Files\\x</arg></stopCommand>"
                + "</service></services></catalog>");
        assertThat(f.services().get(0).stopCommand()).containsExactly("srv.exe", "--stop", "C:\\Program Files\\x");
        assertThat(parse("<catalog><services><service><name>y</name></service></services></catalog>").services()
                .get(0).stopCommand()).isEmpty();
    }

    private static CatalogFile parse(String xml) {
        return CatalogFile.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml", JAVA,
                k -> null);
    }
}
