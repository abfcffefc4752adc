package io.gladys.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test machine's one Docker engine, reached as a remote engine is: over TCP with TLS and client
 * certificate verification, on a loopback address other than 127.0.0.1. A TLS proxy in this JVM in front
 * of the engine's socket (as dockerd --tlsverify does: a client certificate signed by the CA is required),
 * with a CA, a server certificate for that address and a client certificate the fixture makes with
 * openssl; a second CA and its client certificate stand for a wrong one. No second engine is started.
 * (socat OPENSSL-LISTEN would do too, but it refuses resumed TLS sessions with client verification,
 * "session id context uninitialized", which the Docker client makes on every pooled connection.)
 */
public final class TlsEngineEndpoint implements AutoCloseable {

    public static final String ADDRESS = "127.0.0.2";
    private static final String SOCKET = "/var/run/docker.sock";

    private final Path dir;
    private final javax.net.ssl.SSLServerSocket server;
    private final java.util.concurrent.ExecutorService connections = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-engine-endpoint");
        t.setDaemon(true);
        return t;
    });
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    private TlsEngineEndpoint(Path dir, javax.net.ssl.SSLServerSocket server) {
        this.dir = dir;
        this.server = server;
        connections.submit(this::accept);
    }

    /** Why the fixture cannot run here (no openssl, no engine socket), or null when it can. */
    public static String unavailable() {
        if (!onPath("openssl")) {
            return "openssl is not installed";
        }
        return Files.exists(Path.of(SOCKET)) ? null : "the engine's socket " + SOCKET + " is not there";
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Makes the certificates under {@code dir} and starts the proxy on a free port of 127.0.0.2. */
    public static TlsEngineEndpoint start(Path dir) throws Exception {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException("Cannot put a TLS endpoint in front of the engine: " + why);
        }
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca");
        Path server = dir.resolve("server");
        Path client = dir.resolve("client");
        Path otherCa = dir.resolve("other-ca");
        Path otherClient = dir.resolve("other-client");
        authority(ca, "gladys test CA");
        authority(otherCa, "another CA");
        signed(ca, server, ADDRESS, "subjectAltName=IP:" + ADDRESS + "\nextendedKeyUsage=serverAuth\n");
        signed(ca, client, "client", "extendedKeyUsage=clientAuth\n");
        signed(otherCa, otherClient, "client", "extendedKeyUsage=clientAuth\n");
        // the layout DOCKER_CERT_PATH names: ca.pem, cert.pem, key.pem
        certPath(dir.resolve("certs"), ca, client);
        certPath(dir.resolve("wrong-certs"), ca, otherClient);

        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] pw = "x".toCharArray();
        keys.setKeyEntry("server", privateKey(server.resolve("key.pem")), pw,
                new java.security.cert.Certificate[] {certificate(server.resolve("cert.pem"))});
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate(ca.resolve("cert.pem")));
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        javax.net.ssl.SSLServerSocket socket = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, java.net.InetAddress.getByName(ADDRESS));
        socket.setNeedClientAuth(true);
        return new TlsEngineEndpoint(dir, socket);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.submit(() -> forward((javax.net.ssl.SSLSocket) s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One client connection: the handshake (a refused certificate ends it), then bytes both ways until either side ends. */
    private void forward(javax.net.ssl.SSLSocket client) {
        try (client; java.nio.channels.SocketChannel engine = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(SOCKET))) {
            try {
                client.startHandshake();
            } catch (IOException e) {
                errors.add("handshake: " + e.getMessage());
                return;
            }
            // the channel itself, not Channels' streams: those lock the channel, a blocked read stops the writer
            var back = connections.submit(() -> copy(engine, client.getOutputStream()));
            copy(client.getInputStream(), engine);
            engine.close();
            client.close();
            back.cancel(true);
        } catch (IOException e) {
            // either side gone
        }
    }

    private static Void copy(java.nio.channels.SocketChannel in, java.io.OutputStream out) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16384);
        try {
            while (in.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                out.flush();
                buf.clear();
            }
        } catch (IOException e) {
            // the other direction closed the connection
        }
        return null;
    }

    private static void copy(java.io.InputStream in, java.nio.channels.SocketChannel out) {
        byte[] buf = new byte[16384];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        } catch (IOException e) {
            // the other direction closed the connection
        }
    }

    private static java.security.PrivateKey privateKey(Path pem) throws Exception {
        return java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    }

    private static java.security.cert.Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] der(Path pem, String type) throws IOException {
        String text = Files.readString(pem);
        int from = text.indexOf("-----BEGIN " + type + "-----");
        int to = text.indexOf("-----END " + type + "-----");
        if (from < 0 || to < 0) {
            throw new IOException(pem + " holds no " + type);
        }
        return java.util.Base64.getMimeDecoder().decode(text.substring(from + ("-----BEGIN " + type + "-----").length(), to));
    }

    private static void authority(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", "key.pem", "-out", "cert.pem");
    }

    private static void signed(Path ca, Path dir, String cn, String extensions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ext.cnf"), extensions);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", "key.pem", "-out", "req.pem");
        openssl(dir, "x509", "-req", "-in", "req.pem", "-CA", ca.resolve("cert.pem").toString(), "-CAkey",
                ca.resolve("key.pem").toString(), "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "cert.pem");
    }

    private static void certPath(Path dir, Path ca, Path client) throws IOException {
        Files.createDirectories(dir);
        Files.copy(ca.resolve("cert.pem"), dir.resolve("ca.pem"));
        Files.copy(client.resolve("cert.pem"), dir.resolve("cert.pem"));
        Files.copy(client.resolve("key.pem"), dir.resolve("key.pem"));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** tcp://127.0.0.2:PORT */
    public String host() {
        return "tcp://" + ADDRESS + ":" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** ca.pem, cert.pem and key.pem of a client the endpoint accepts. */
    public Path certs() {
        return dir.resolve("certs");
    }

    /** The same CA, and a client certificate of another CA: the endpoint refuses it. */
    public Path wrongClientCerts() {
        return dir.resolve("wrong-certs");
    }

    /**
     * The variables that name this engine with the given TLS material, over this process's environment, with
     * the CA bundles a corporate machine sets (which must not replace the engine's CA).
     */
    public Map<String, String> environment(Path certs) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.remove("DOCKER_CONTEXT");
        env.put("DOCKER_HOST", host());
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs.toString());
        env.put("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt");
        env.put("CURL_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt");
        return env;
    }

    /**
     * A Docker configuration directory whose current context is this engine with the accepted TLS material,
     * laid out as {@code docker context create} writes it.
     */
    public Path dockerConfig(String context) throws IOException {
        Path config = dir.resolve("docker-config");
        String id = io.gladys.common.Sha256.hex(context);
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + context + "\",\"Metadata\":{},\"Endpoints\":"
                + "{\"docker\":{\"Host\":\"" + host() + "\",\"SkipTLSVerify\":false}}}");
        Path tls = Files.createDirectories(config.resolve("contexts/tls").resolve(id).resolve("docker"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.copy(certs().resolve(f), tls.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"" + context + "\"}");
        return config;
    }

    /**
     * For benchmarks: makes the endpoint under DIR, writes its address to DIR/host and the accepted TLS
     * material to DIR/certs, and serves until its standard input ends.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (TlsEngineEndpoint endpoint = start(dir)) {
            Files.writeString(dir.resolve("host"), endpoint.host() + "\n");
            while (System.in.read() >= 0) {
                // serve until the caller closes our input
            }
        }
    }

    /** What the proxy refused (handshakes that failed), for the test's output. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws IOException {
        errors().forEach(l -> System.out.println("tls endpoint: " + l));
        server.close();
        connections.shutdownNow();
    }
}
