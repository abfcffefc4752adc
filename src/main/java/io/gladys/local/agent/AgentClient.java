package io.gladys.local.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A goal's side of the agent's protocol: one connection per request, JDK classes only, so a goal the
 * agent answers loads none of gRPC, Netty or the database driver.
 */
public final class AgentClient {

    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-client-timeout");
        t.setDaemon(true);
        return t;
    });

    private final AgentEndpoint endpoint;
    private final Supplier<String> build;

    /** A client that asks any agent (no build named: {@code hello} tells which build answers). */
    public AgentClient(AgentEndpoint endpoint) {
        this(endpoint, (String) null);
    }

    /**
     * A client of one build: every request names it, and an agent of another build refuses it rather
     * than answer in ways this build may not read. One round trip per request, no hello first.
     */
    public AgentClient(AgentEndpoint endpoint, String build) {
        this(endpoint, () -> build);
    }

    /** A client of the build {@code build} names when the first request is made. */
    public AgentClient(AgentEndpoint endpoint, Supplier<String> build) {
        this.endpoint = endpoint;
        this.build = build;
    }

    public AgentEndpoint endpoint() {
        return endpoint;
    }

    /** What the agent says about itself, when one answers. */
    public Optional<AgentMessage> hello() {
        try {
            AgentMessage m = call(AgentMessage.request("hello").build(), Duration.ofSeconds(5));
            return m.isOk() ? Optional.of(m) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends one request and reads its answer; an unreachable agent, or no answer in time, is an IOException. */
    public AgentMessage call(AgentMessage request, Duration timeout) throws IOException {
        SocketChannel c = connect();
        ScheduledFuture<?> deadline = TIMEOUTS.schedule(() -> close(c), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (c) {
            write(c, request);
            return AgentMessage.read(Channels.newInputStream(c))
                    .orElseThrow(() -> new IOException("the agent closed the connection without an answer"));
        } catch (IOException e) {
            if (deadline.isDone()) {
                throw new IOException("the agent did not answer within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Sends one request and hands every answer to {@code each} until the agent or {@code stop} ends the
     * stream (a follow of the logs); returns when the connection closes.
     */
    public void stream(AgentMessage request, Consumer<AgentMessage> each) throws IOException {
        try (SocketChannel c = connect()) {
            write(c, request);
            InputStream in = Channels.newInputStream(c);
            Optional<AgentMessage> m;
            while ((m = AgentMessage.read(in)).isPresent()) {
                each.accept(m.get());
            }
        }
    }

    private SocketChannel connect() throws IOException {
        return endpoint.connect().orElseThrow(() -> new IOException("no agent listens on " + endpoint.socket()));
    }

    /** Writes a request, naming this client's build when it has one. */
    private void write(SocketChannel c, AgentMessage request) throws IOException {
        String b = build.get();
        (b == null ? request : request.with("build", b)).write(Channels.newOutputStream(c));
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the call is over either way
        }
    }
}
