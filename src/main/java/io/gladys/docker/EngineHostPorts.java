package io.gladys.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Dynamic ports for an engine on another host: a port is free there when none of the engine's
 * containers publishes it and nothing answers on it at the engine's host (what this machine's loopback
 * says is beside the point). A port taken meanwhile makes Compose fail, and the start says so.
 */
public final class EngineHostPorts implements IntSupplier {

    /** Linux's default ephemeral range, where engines' hosts leave ports to whoever asks. */
    private static final int FIRST = 32768;
    private static final int LAST = 60999;

    private final DockerEndpoint endpoint;
    private final String host;
    private Set<Integer> published;

    /** @param host where this machine reaches the engine's published ports */
    public EngineHostPorts(DockerEndpoint endpoint, String host) {
        this.endpoint = endpoint;
        this.host = host;
    }

    @Override
    public synchronized int getAsInt() {
        if (published == null) {
            published = publishedPorts();
        }
        for (int i = 0; i < 50; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!published.contains(port) && !answers(port)) {
                published.add(port); // not handed out twice
                return port;
            }
        }
        throw new DockerException("No free port was found on the engine's host " + host + " after 50 tries.", null);
    }

    private Set<Integer> publishedPorts() {
        try (DockerEngine engine = new DockerEngine(endpoint)) {
            engine.requireAvailable();
            return new HashSet<>(engine.publishedPorts());
        }
    }

    /** Something accepts connections there; a refusal, or no answer at all (a firewall), counts as free. */
    private boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException refusedOrSilent) {
            return false;
        }
    }
}
