package io.gladys.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import io.gladys.common.Sha256;
import io.gladys.config.PropertyNames;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker engine a goal talks to, chosen as the {@code docker} CLI chooses it: a context named with
 * gladys.docker.context, else DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else
 * DOCKER_CONTEXT, else the current context of the Docker configuration (DOCKER_CONFIG, else ~/.docker),
 * else the local socket. The API client and every Compose run are given this one engine, so containers
 * and API calls never go to two.
 *
 * @param host    the engine's address (unix:///var/run/docker.sock, tcp://build-host:2376)
 * @param source  what named it, for messages ("DOCKER_HOST", "context 'staging'")
 * @param tlsDir  the directory of ca.pem, cert.pem and key.pem when the engine is reached over TLS, else null
 */
public record DockerEndpoint(URI host, String source, Path tlsDir) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");
    /** Compose v1 (Python requests) lets these replace the engine's CA: dropped when the engine's CA is given. */
    static final List<String> CA_BUNDLE_VARIABLES = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE");

    /** The engine this process's environment names (and DOCKER_* system properties, as docker-java reads them). */
    public static DockerEndpoint fromEnvironment() {
        return resolve(null, System.getenv());
    }

    /**
     * The engine, as the docker CLI would find it with these environment variables; a system property of
     * the same name (-DDOCKER_HOST=...) wins, as it does for docker-java.
     *
     * @param context a context to use whatever the variables say (gladys.docker.context); null: none
     */
    public static DockerEndpoint resolve(String context, Map<String, String> environment) {
        Lookup env = new Lookup(environment);
        if (context != null && !context.isBlank()) {
            return fromContext(context.trim(), env, "-D" + PropertyNames.DOCKER_CONTEXT);
        }
        String host = env.get("DOCKER_HOST");
        if (host != null) {
            URI uri = parse(host, "DOCKER_HOST");
            String verify = env.get("DOCKER_TLS_VERIFY");
            boolean tls = verify != null && !verify.equals("0") && !verify.equalsIgnoreCase("false");
            Path certs = env.get("DOCKER_CERT_PATH") != null ? Path.of(env.get("DOCKER_CERT_PATH")) : configDir(env);
            return new DockerEndpoint(uri, "DOCKER_HOST", tls ? certs.toAbsolutePath() : null);
        }
        if (env.get("DOCKER_CONTEXT") != null) {
            return fromContext(env.get("DOCKER_CONTEXT"), env, "DOCKER_CONTEXT");
        }
        Path config = configDir(env).resolve("config.json");
        if (Files.isRegularFile(config)) {
            JsonNode current = readJson(config).path("currentContext");
            if (current.isTextual() && !current.asText().isBlank()) {
                return fromContext(current.asText(), env, "currentContext of " + config);
            }
        }
        return new DockerEndpoint(URI.create(defaultHost()), "the default socket", null);
    }

    /** The platform's default engine address, as docker-java knows it (a named pipe on Windows). */
    private static String defaultHost() {
        try {
            return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(null).build()
                    .getDockerHost().toString();
        } catch (RuntimeException e) {
            return DEFAULT_SOCKET;
        }
    }

    /**
     * A context of the Docker configuration: its metadata under contexts/meta/SHA256(name)/meta.json, its TLS
     * material under contexts/tls/SHA256(name)/docker/ (where {@code docker context create} puts them).
     */
    private static DockerEndpoint fromContext(String name, Lookup env, String namedBy) {
        if (name.equals("default")) {
            return new DockerEndpoint(URI.create(defaultHost()), "context 'default'", null);
        }
        Path dir = configDir(env).resolve("contexts");
        String id = Sha256.hex(name);
        Path meta = dir.resolve("meta").resolve(id).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new DockerException("The Docker context '" + name + "' (" + namedBy + ") does not exist: there is no "
                    + meta + ". Contexts there: " + String.join(", ", contexts(dir)) + ". List them with docker "
                    + "context ls; create one with docker context create " + name + " --docker host=tcp://HOST:2376,"
                    + "ca=ca.pem,cert=cert.pem,key=key.pem.", null);
        }
        JsonNode docker = readJson(meta).path("Endpoints").path("docker");
        String host = docker.path("Host").asText("");
        if (host.isBlank()) {
            throw new DockerException("The Docker context '" + name + "' (" + meta + ") has no docker endpoint "
                    + "(Endpoints.docker.Host). Recreate it with docker context create.", null);
        }
        Path tls = dir.resolve("tls").resolve(id).resolve("docker");
        boolean hasTls = Files.isDirectory(tls);
        if (hasTls && docker.path("SkipTLSVerify").asBoolean(false)) {
            throw new DockerException("The Docker context '" + name + "' skips the verification of the engine's "
                    + "certificate (SkipTLSVerify), which the plugin does not do: give the context the engine's CA "
                    + "(docker context update " + name + " --docker host=" + host + ",ca=ca.pem,cert=cert.pem,"
                    + "key=key.pem).", null);
        }
        return new DockerEndpoint(parse(host, "the context '" + name + "'"), "context '" + name + "'",
                hasTls ? tls.toAbsolutePath() : null);
    }

    private static List<String> contexts(Path dir) {
        List<String> names = new ArrayList<>(List.of("default"));
        Path meta = dir.resolve("meta");
        if (Files.isDirectory(meta)) {
            try (var found = Files.list(meta)) {
                found.map(d -> d.resolve("meta.json")).filter(Files::isRegularFile)
                        .map(f -> readJson(f).path("Name").asText("?")).sorted().forEach(names::add);
            } catch (IOException e) {
                // the list is only for the message
            }
        }
        return names;
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DockerException("Cannot read the Docker configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path configDir(Lookup env) {
        String dir = env.get("DOCKER_CONFIG");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
    }

    private static URI parse(String host, String from) {
        try {
            URI uri = URI.create(host.trim());
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("no scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new DockerException("The Docker engine address '" + host + "' (" + from + ") is not an address: "
                    + "give unix:///path/docker.sock or tcp://HOST:PORT.", e);
        }
    }

    /** The engine is reached over TCP: its published ports are on its own host, which may be another machine. */
    public boolean tcp() {
        String scheme = scheme();
        return scheme.equals("tcp") || scheme.equals("http") || scheme.equals("https");
    }

    public boolean tls() {
        return tlsDir != null;
    }

    private String scheme() {
        return host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
    }

    /** The host the engine's published ports are reached on: the engine's own for TCP, else this machine. */
    public String serviceHost() {
        return tcp() && host.getHost() != null ? host.getHost() : "localhost";
    }

    /** Whether the engine is on this machine's loopback (a socket, or tcp://127.0.0.1). */
    public boolean loopback() {
        if (!tcp()) {
            return true;
        }
        String h = host.getHost();
        if (h == null || h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(h.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** For messages: the address and what named it. */
    public String describe() {
        return host + " (" + source + (tls() ? ", TLS material in " + tlsDir : "") + ")";
    }

    /**
     * Why the plugin cannot use this engine before anything is tried: an ssh:// host (which the Docker client
     * library does not support), an unknown scheme, or missing TLS files. Empty when it can.
     */
    public Optional<String> unusable() {
        String scheme = scheme();
        if (scheme.equals("ssh")) {
            return Optional.of("the Docker engine " + describe() + " is reached over ssh://, which the plugin's Docker "
                    + "client does not support. Forward the engine's socket to a local port instead and name that: "
                    + "ssh -NL 127.0.0.1:23750:/var/run/docker.sock " + userAtHost() + " (left running), then "
                    + "DOCKER_HOST=tcp://127.0.0.1:23750 (or a context with that host)");
        }
        if (!tcp() && !scheme.equals("unix") && !scheme.equals("npipe")) {
            return Optional.of("the Docker engine address " + describe() + " has the scheme '" + scheme
                    + "'; the plugin knows unix://, npipe:// and tcp://");
        }
        if (tls()) {
            if (!tcp()) {
                return Optional.of("TLS (DOCKER_TLS_VERIFY) is asked for the engine " + describe()
                        + ", which is not a tcp:// address");
            }
            for (String f : TLS_FILES) {
                Path p = tlsDir.resolve(f);
                if (!Files.isReadable(p)) {
                    return Optional.of("the TLS file " + p + " of the Docker engine " + describe() + " is "
                            + (Files.exists(p) ? "not readable" : "missing") + ": " + tlsDir + " ("
                            + (source.equals("DOCKER_HOST") ? "DOCKER_CERT_PATH" : "the context's TLS material")
                            + ") must hold ca.pem (the CA that signed the engine's certificate), cert.pem and key.pem "
                            + "(this client's certificate and key)");
                }
            }
        }
        return Optional.empty();
    }

    private String userAtHost() {
        return (host.getUserInfo() == null ? "" : host.getUserInfo() + "@") + host.getHost();
    }

    /**
     * A warning for an engine that anyone who reaches its port may command: plain TCP to a host that is not
     * this machine's loopback. Empty otherwise.
     */
    public Optional<String> plainRemoteWarning() {
        if (!tcp() || tls() || loopback()) {
            return Optional.empty();
        }
        return Optional.of("The Docker engine " + describe() + " is reached over plain TCP: it takes every request "
                + "without authentication, and anyone who reaches " + host.getHost() + ":" + host.getPort()
                + " has root on that host. Give the engine TLS with client certificates (DOCKER_TLS_VERIFY=1, "
                + "DOCKER_CERT_PATH=a directory with ca.pem, cert.pem, key.pem; or a docker context with them), or "
                + "reach it through an SSH tunnel.");
    }

    /** docker-java's configuration of this engine (nothing read from the environment a second time). */
    DockerClientConfig clientConfig() {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(tcp() && !scheme().equals("tcp") ? "tcp://" + host.getAuthority() : host.toString())
                .withDockerTlsVerify(tls());
        if (tls()) {
            b.withDockerCertPath(tlsDir.toString());
        }
        return b.build();
    }

    /**
     * Makes a Compose process's environment name this engine: DOCKER_HOST and its TLS variables set, any
     * DOCKER_CONTEXT dropped (it would name another), and with TLS, the CA bundles that would replace the
     * engine's CA dropped.
     */
    public void applyTo(Map<String, String> processEnvironment) {
        processEnvironment.remove("DOCKER_CONTEXT");
        processEnvironment.put("DOCKER_HOST", host.toString());
        if (tls()) {
            processEnvironment.put("DOCKER_TLS_VERIFY", "1");
            processEnvironment.put("DOCKER_CERT_PATH", tlsDir.toString());
            CA_BUNDLE_VARIABLES.forEach(processEnvironment::remove);
        } else {
            processEnvironment.remove("DOCKER_TLS_VERIFY");
            processEnvironment.remove("DOCKER_CERT_PATH");
        }
    }

    /** Environment variables, with docker-java's rule that a system property of the same name wins. */
    private record Lookup(Map<String, String> environment) {
        String get(String name) {
            String v = System.getProperty(name);
            if (v == null) {
                v = environment.get(name);
            }
            return v == null || v.isBlank() ? null : v;
        }
    }
}
