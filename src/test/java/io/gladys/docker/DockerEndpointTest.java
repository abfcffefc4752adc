package io.gladys.docker;

import io.gladys.common.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine is chosen as the docker CLI chooses it, from the variables and the Docker configuration given. */
class DockerEndpointTest {

    @TempDir
    Path dir;

    /** A context as docker context create writes it: meta.json, and the TLS files when given. */
    private Path context(Path config, String name, String host, boolean tls) throws IOException {
        String id = Sha256.hex(name);
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
                + "{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        Path tlsDir = config.resolve("contexts/tls").resolve(id).resolve("docker");
        if (tls) {
            Files.createDirectories(tlsDir);
            for (String f : DockerEndpoint.TLS_FILES) {
                Files.writeString(tlsDir.resolve(f), "pem");
            }
        }
        return tlsDir;
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void dockerHostComesFirstWithItsTlsVariables() throws IOException {
        Path config = dir.resolve("config");
        context(config, "staging", "tcp://staging:2376", true);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"staging\"}");
        DockerEndpoint e = DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("certs").toString(), "DOCKER_CONTEXT", "staging",
                "DOCKER_CONFIG", config.toString()));
        assertThat(e.host()).isEqualTo(URI.create("tcp://build-host:2376"));
        assertThat(e.source()).isEqualTo("DOCKER_HOST");
        assertThat(e.tlsDir()).isEqualTo(dir.resolve("certs").toAbsolutePath());
        assertThat(e.serviceHost()).isEqualTo("build-host");
        assertThat(e.tcp()).isTrue();
        assertThat(e.loopback()).isFalse();

        DockerEndpoint noCertPath = DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CONFIG", config.toString()));
        assertThat(noCertPath.tlsDir()).as("the docker CLI's default: the configuration directory")
                .isEqualTo(config.toAbsolutePath());
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2375", "DOCKER_TLS_VERIFY", "0"))
                .tls()).isFalse();
    }

    @Test
    void dockerContextThenTheCurrentContextOfTheConfiguration() throws IOException {
        Path config = dir.resolve("config");
        Path stagingTls = context(config, "staging", "tcp://staging:2376", true);
        context(config, "plain", "tcp://127.0.0.1:2375", false);
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"plain\"}");

        DockerEndpoint named = DockerEndpoint.resolve(null, env("DOCKER_CONTEXT", "staging", "DOCKER_CONFIG", config.toString()));
        assertThat(named.host()).isEqualTo(URI.create("tcp://staging:2376"));
        assertThat(named.source()).isEqualTo("context 'staging'");
        assertThat(named.tlsDir()).isEqualTo(stagingTls.toAbsolutePath());

        DockerEndpoint current = DockerEndpoint.resolve(null, env("DOCKER_CONFIG", config.toString()));
        assertThat(current.host()).isEqualTo(URI.create("tcp://127.0.0.1:2375"));
        assertThat(current.tls()).isFalse();
        assertThat(current.loopback()).isTrue();

        DockerEndpoint overridden = DockerEndpoint.resolve("staging", env("DOCKER_HOST", "tcp://elsewhere:2375",
                "DOCKER_CONFIG", config.toString()));
        assertThat(overridden.host()).as("gladys.docker.context wins over DOCKER_HOST")
                .isEqualTo(URI.create("tcp://staging:2376"));

        DockerEndpoint defaults = DockerEndpoint.resolve("default", env("DOCKER_CONFIG", config.toString()));
        assertThat(defaults.tcp()).isFalse();
        assertThat(defaults.serviceHost()).isEqualTo("localhost");

        DockerEndpoint none = DockerEndpoint.resolve(null, env("DOCKER_CONFIG", dir.resolve("empty").toString()));
        assertThat(none.host().getScheme()).isIn("unix", "npipe");
    }

    @Test
    void anUnknownContextIsAClearErrorListingTheOnesThereAre() throws IOException {
        Path config = dir.resolve("config");
        context(config, "staging", "tcp://staging:2376", false);
        assertThatThrownBy(() -> DockerEndpoint.resolve("stagign", env("DOCKER_CONFIG", config.toString())))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("The Docker context 'stagign' (-Dgladys.docker.context) does not exist")
                .hasMessageContaining("Contexts there: default, staging")
                .hasMessageContaining("docker context ls");
        assertThatThrownBy(() -> DockerEndpoint.resolve(null, env("DOCKER_CONTEXT", "gone", "DOCKER_CONFIG", config.toString())))
                .hasMessageContaining("'gone' (DOCKER_CONTEXT)");
        assertThatThrownBy(() -> DockerEndpoint.resolve(null, env("DOCKER_HOST", "not an address")))
                .isInstanceOf(DockerException.class).hasMessageContaining("is not an address");
    }

    @Test
    void sshAndMissingTlsFilesAreSaidBeforeAnythingIsTried() throws IOException {
        DockerEndpoint ssh = DockerEndpoint.resolve(null, env("DOCKER_HOST", "ssh://me@build-host"));
        assertThat(ssh.unusable()).hasValueSatisfying(why -> assertThat(why)
                .contains("ssh://, which the plugin's Docker client does not support")
                .contains("ssh -NL 127.0.0.1:23750:/var/run/docker.sock me@build-host")
                .contains("DOCKER_HOST=tcp://127.0.0.1:23750"));
        try (DockerEngine engine = new DockerEngine(ssh)) {
            assertThatThrownBy(engine::requireAvailable).isInstanceOf(DockerException.class)
                    .hasMessageContaining("ssh://").hasMessageEndingWith("Nothing was done.")
                    .hasMessageNotContaining("Start Docker Desktop");
        }

        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), "pem");
        Files.writeString(certs.resolve("cert.pem"), "pem");
        DockerEndpoint tls = DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()));
        assertThat(tls.unusable()).hasValueSatisfying(why -> assertThat(why)
                .contains("the TLS file " + certs.toAbsolutePath().resolve("key.pem") + " of the Docker engine tcp://build-host:2376")
                .contains("missing").contains("DOCKER_CERT_PATH"));
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "udp://x:1")).unusable())
                .hasValueSatisfying(why -> assertThat(why).contains("'udp'"));
    }

    @Test
    void plainTcpToAnotherHostIsWarnedOf() {
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2375")).plainRemoteWarning())
                .hasValueSatisfying(w -> assertThat(w).contains("plain TCP").contains("root on that host")
                        .contains("DOCKER_TLS_VERIFY=1").contains("DOCKER_CERT_PATH"));
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://127.0.0.1:2375")).plainRemoteWarning()).isEmpty();
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "unix:///var/run/docker.sock")).plainRemoteWarning()).isEmpty();
        assertThat(DockerEndpoint.resolve(null, env("DOCKER_HOST", "tcp://build-host:2376", "DOCKER_TLS_VERIFY", "1"))
                .plainRemoteWarning()).isEmpty();
    }

    @Test
    void composeIsGivenTheSameEngineAndNoCaBundleThatWouldReplaceItsCa() {
        Path certs = dir.resolve("certs");
        DockerEndpoint tls = new DockerEndpoint(URI.create("tcp://build-host:2376"), "context 'x'", certs);
        Map<String, String> process = env("DOCKER_CONTEXT", "other", "REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca.crt",
                "CURL_CA_BUNDLE", "/etc/ssl/certs/ca.crt", "PATH", "/usr/bin");
        tls.applyTo(process);
        assertThat(process).containsEntry("DOCKER_HOST", "tcp://build-host:2376").containsEntry("DOCKER_TLS_VERIFY", "1")
                .containsEntry("DOCKER_CERT_PATH", certs.toString()).containsEntry("PATH", "/usr/bin")
                .doesNotContainKeys("DOCKER_CONTEXT", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE");

        Map<String, String> plain = env("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/x", "REQUESTS_CA_BUNDLE", "/b");
        new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), "DOCKER_HOST", null).applyTo(plain);
        assertThat(plain).containsEntry("DOCKER_HOST", "unix:///var/run/docker.sock")
                .containsEntry("REQUESTS_CA_BUNDLE", "/b").doesNotContainKeys("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH");
    }
}
