package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.docker.DockerEndpoint;
import io.gladys.docker.DockerSettings;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a stack on a tcp:// engine publishes its ports and where this machine reaches them, without an engine. */
class RemotePublishingTest {

    @TempDir
    Path dir;

    private static final DockerEndpoint SOCKET = new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), "x", null);
    private static final DockerEndpoint TCP = new DockerEndpoint(URI.create("tcp://build-host:2376"), "x", null);

    @Test
    void aTcpEnginePublishesOnEveryInterfaceALocalSocketOnLoopbackAndAGivenAddressWins() {
        assertThat(BackendFactory.publishAddress(DockerSettings.DEFAULT, TCP)).isEqualTo("0.0.0.0");
        assertThat(BackendFactory.publishAddress(DockerSettings.DEFAULT, SOCKET)).isEqualTo("127.0.0.1");
        DockerSettings given = DockerSettings.builder().publishAddress("10.0.0.5").build();
        assertThat(BackendFactory.publishAddress(given, TCP)).isEqualTo("10.0.0.5");
        assertThat(BackendFactory.publishAddress(given, SOCKET)).isEqualTo("10.0.0.5");
    }

    private StackConfig config(Map<String, String> extra, String serviceHost) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(extra);
        return StackConfig.builder(dir, dir.resolve(".gladys")).environment(Environment.DOCKER).useDefaultCatalog(true)
                .java(TestStacks.java()).database(TestStacks.embeddedDatabase()).console(TestStacks.printing())
                .docker(DockerSettings.builder().environment(env).serviceHost(serviceHost).build()).build();
    }

    @Test
    void theServicesTheDatabaseAndDynamicPortsAreTheEngineHostsUnlessTheServiceHostIsGiven() {
        try (StackSession s = StackSession.open(config(Map.of("DOCKER_HOST", "tcp://build-host:2375"), null))) {
            ServiceDefinition db = s.catalog().get("db");
            assertThat(s.backend(db).policy().clientHost()).isEqualTo("build-host");
            assertThat(s.database().host()).isEqualTo("build-host");
            assertThat(s.addresses().mavenProperties()).containsEntry("gladys.orchestrator.host", "build-host");
            assertThat(s.backend(db).policy().freePorts()).as("free on the engine's host, not here").isPresent();
        }
        try (StackSession s = StackSession.open(config(Map.of("DOCKER_HOST", "tcp://build-host:2375"), "127.0.0.1"))) {
            assertThat(s.database().host()).as("an engine behind a tunnel").isEqualTo("127.0.0.1");
        }
        try (StackSession s = StackSession.open(config(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"), null))) {
            ServiceDefinition db = s.catalog().get("db");
            assertThat(s.database().host()).isEqualTo("localhost");
            assertThat(s.backend(db).policy().freePorts()).isEmpty();
        }
    }
}
