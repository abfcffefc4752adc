package io.gladys.reference.common;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The common frame of the four reference services: a gRPC server on one port with the service's
 * own API, the standard health service and reflection; a ticker that re-checks the service's
 * dependencies (every second once healthy, more often until then); and an orderly shutdown of everything it owns.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReferenceServer.class.getName());

    private final String name;
    private final Server server;
    private final HealthReporter health;
    private final ScheduledExecutorService ticker;
    private final List<AutoCloseable> resources;

    private ReferenceServer(String name, Server server, HealthReporter health, ScheduledExecutorService ticker,
                            List<AutoCloseable> resources) {
        this.name = name;
        this.server = server;
        this.health = health;
        this.ticker = ticker;
        this.resources = resources;
    }

    /** Builder of a reference server. */
    public static final class Builder {
        private final String name;
        private final List<BindableService> services = new ArrayList<>();
        private final List<Runnable> ticks = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private String bindAddress = "127.0.0.1";
        private int port;
        private HealthReporter health;

        public Builder(String name) {
            this.name = name;
        }

        /**
         * Where the server listens: one address, or several separated by commas (127.0.0.1 and the address
         * containers reach this machine by, when services in containers call it), all on one port.
         */
        public Builder bind(String address, int port) {
            this.bindAddress = address;
            this.port = port;
            return this;
        }

        public Builder service(BindableService s) {
            services.add(s);
            return this;
        }

        public Builder health(HealthReporter h) {
            this.health = h;
            return this;
        }

        /** Something to do every second (dependency checks); runs once before the server accepts calls. */
        public Builder everySecond(Runnable r) {
            ticks.add(r);
            return this;
        }

        /** Closed when the server stops, after the server itself. */
        public Builder owns(AutoCloseable c) {
            resources.add(c);
            return this;
        }

        public ReferenceServer start() throws IOException {
            List<String> addresses = java.util.Arrays.stream(bindAddress.split(",")).map(String::trim)
                    .filter(a -> !a.isEmpty()).toList();
            NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(addresses.get(0), port));
            addresses.stream().skip(1).forEach(a -> b.addListenAddress(new InetSocketAddress(a, port)));
            services.forEach(b::addService);
            b.addService(health.manager().getHealthService());
            b.addService(ProtoReflectionServiceV1.newInstance());
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name + "-ticker");
                t.setDaemon(true);
                return t;
            });
            Server server = startRetryingBind(b, bindAddress, port);
            ticker.execute(new Tick(ticks, health, ticker));
            LOG.info(name + " listening on " + bindAddress + ":" + server.getPort());
            return new ReferenceServer(name, server, health, ticker, resources);
        }
    }

    /**
     * How long a port in use is tried again. Clients that poll a local port of the ephemeral range while
     * nothing listens on it (dependents waiting for this service, probes) can be given that very port as
     * their own and connect to themselves (TCP simultaneous open), holding it for a moment.
     */
    static final long BIND_RETRY_MS = 2000;

    private static Server startRetryingBind(NettyServerBuilder b, String address, int port) throws IOException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BIND_RETRY_MS);
        while (true) {
            Server server = b.build();
            try {
                return server.start();
            } catch (IOException e) {
                server.shutdownNow();
                if (!addressInUse(e) || System.nanoTime() > until) {
                    throw e;
                }
                LOG.warning(address + ":" + port + " is in use; trying again");
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean addressInUse(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.BindException
                    || c.getMessage() != null && c.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the dependencies and re-reads the verdict: every second once healthy, and every
     * {@link #UNTIL_HEALTHY_MS} ms until then, so that a stack started all at once turns healthy
     * soon after its last dependency does, not up to a second per level later.
     */
    private record Tick(List<Runnable> checks, HealthReporter health, ScheduledExecutorService ticker)
            implements Runnable {
        @Override
        public void run() {
            for (Runnable r : checks) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "check failed: " + e.getMessage());
                }
            }
            boolean healthy = health.refresh().status() == io.gladys.proto.types.HealthStatus.HEALTHY;
            try {
                ticker.schedule(this, healthy ? 1000 : UNTIL_HEALTHY_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the server is shutting down
            }
        }
    }

    static final long UNTIL_HEALTHY_MS = 100;

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        health.shutdown();
        ticker.shutdownNow();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + ": " + e.getMessage());
            }
        }
        LOG.info(name + " stopped");
    }

    /** A plaintext channel to another service of the stack, closed with the server. */
    public static ManagedChannel channelTo(String address) {
        // dependencies are polled before they listen: closed with a reset, a connection that went to itself
        // leaves no TIME_WAIT on the dependency's port (io.gladys.common.PortProbe)
        return NettyChannelBuilder.forTarget(address).usePlaintext().withOption(ChannelOption.SO_LINGER, 0).build();
    }

    /** For main methods: serve until the process is asked to stop (SIGTERM / SIGINT). */
    public static void serveUntilStopped(ReferenceServer server) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, server.name + "-shutdown"));
        server.awaitTermination();
    }

    /** One line per log record, to stdout (the plugin keeps each service's output in its log file). */
    public static void configureLogging() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        var handler = new java.util.logging.StreamHandler(System.out, new java.util.logging.SimpleFormatter()) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.grpc.netty").setLevel(Level.WARNING);
    }
}
