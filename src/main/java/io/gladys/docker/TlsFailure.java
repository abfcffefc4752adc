package io.gladys.docker;

import java.util.Locale;
import java.util.Optional;

/**
 * What a failed TLS handshake with the engine means, in the user's terms: the file to look at and what to
 * check, instead of "no engine answers". Java's messages for each case are matched as the JDK words them.
 */
final class TlsFailure {

    private TlsFailure() {
    }

    /** The explanation when the failure is a TLS one, else empty. */
    static Optional<String> explain(Throwable failure, DockerEndpoint endpoint) {
        StringBuilder all = new StringBuilder();
        boolean ssl = false;
        for (Throwable c = failure; c != null; c = c.getCause()) {
            all.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            ssl |= c instanceof javax.net.ssl.SSLException || c instanceof java.security.GeneralSecurityException;
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        String engine = "the Docker engine " + endpoint.describe();
        if (!endpoint.tls()) {
            return ssl ? Optional.of(engine + " answers with TLS, and no TLS material is given: set DOCKER_TLS_VERIFY=1 "
                    + "and DOCKER_CERT_PATH to a directory with ca.pem, cert.pem and key.pem (or use a docker context "
                    + "that has them)") : Optional.empty();
        }
        String ca = endpoint.tlsDir().resolve("ca.pem").toString();
        if (text.contains("unable to find valid certification path") || text.contains("pkix path")) {
            return Optional.of(engine + " shows a certificate that " + ca + " did not sign: check that ca.pem is the "
                    + "CA that signed the engine's certificate (" + reason(failure) + ")");
        }
        if (text.contains("subject alternative name") || text.contains("no name matching")
                || text.contains("doesn't match") || text.contains("does not match")) {
            return Optional.of(engine + " shows a certificate for another name than " + endpoint.host().getHost()
                    + ": name the engine as its certificate does (its subjectAltName), or have the engine's "
                    + "certificate made for " + endpoint.host().getHost() + " (" + reason(failure) + ")");
        }
        if (text.contains("unknown_ca") || text.contains("bad_certificate") || text.contains("certificate_required")
                || text.contains("certificate_unknown") || text.contains("access_denied")) {
            return Optional.of(clientRefused(endpoint, reason(failure)));
        }
        if (text.contains("unrecognized ssl message") || text.contains("plaintext connection")) {
            return Optional.of(engine + " does not speak TLS at that port: unset DOCKER_TLS_VERIFY, or name the "
                    + "engine's TLS port (2376 by convention)");
        }
        if (ssl || text.contains("remote host terminated the handshake")) {
            return Optional.of("the TLS handshake with " + engine + " failed: check ca.pem (the CA that signed the "
                    + "engine's certificate) and cert.pem / key.pem (a client certificate the engine's CA signed) in "
                    + endpoint.tlsDir() + " (" + reason(failure) + ")");
        }
        return Optional.empty();
    }

    /**
     * A handshake of its own with the engine, for a failure that hid the cause: with TLS 1.3 a server that
     * refuses the client's certificate says so after the client's side of the handshake is done, and a
     * request written meanwhile fails with a broken pipe instead. Reading after the handshake gets the
     * server's alert itself. Empty when the handshake and a ping work, or fail for another reason.
     */
    static Optional<String> handshake(DockerEndpoint endpoint, com.github.dockerjava.transport.SSLConfig ssl) {
        if (ssl == null) {
            return Optional.empty();
        }
        String host = endpoint.host().getHost();
        int port = endpoint.host().getPort() < 0 ? 2376 : endpoint.host().getPort();
        javax.net.ssl.SSLSocket socket;
        try {
            socket = (javax.net.ssl.SSLSocket) ssl.getSSLContext().getSocketFactory().createSocket();
            socket.connect(new java.net.InetSocketAddress(host, port), 2000);
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // not reached at all: not a TLS problem
        }
        try (socket) {
            socket.setSoTimeout(3000);
            javax.net.ssl.SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the name check the API client makes too
            socket.setSSLParameters(params);
            socket.startHandshake();
            socket.getOutputStream().write(("GET /_ping HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            if (socket.getInputStream().read() >= 0) {
                return Optional.empty(); // the engine answers through this handshake
            }
            return refused("end of stream", endpoint);
        } catch (javax.net.ssl.SSLException e) {
            return explain(e, endpoint);
        } catch (java.io.IOException e) {
            return refused(e.getMessage(), endpoint);
        }
    }

    /** Closed without an alert during or right after the handshake: the engine refused the client's certificate. */
    private static Optional<String> refused(String how, DockerEndpoint endpoint) {
        return Optional.of(clientRefused(endpoint, "the engine closed the connection during the handshake: " + how));
    }

    private static String clientRefused(DockerEndpoint endpoint, String reason) {
        return "the Docker engine " + endpoint.describe() + " refused this client's certificate "
                + endpoint.tlsDir().resolve("cert.pem") + ": check that cert.pem and key.pem are a client certificate "
                + "signed by the CA the engine trusts (its --tlscacert) (" + reason + ")";
    }

    private static String reason(Throwable failure) {
        return DockerEngine.rootMessage(failure);
    }
}
