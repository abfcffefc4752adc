package io.gladys.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One plaintext channel per address, reused by every call of a goal and closed with it. Channels
 * are cheap to keep but each one costs a connection, so probes of the same service share one.
 */
public final class GrpcChannels implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public ManagedChannel channel(String host, int port) {
        return channels.computeIfAbsent(host + ":" + port, k -> NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                // closed with a reset: a connection that went to itself leaves no TIME_WAIT (common.PortProbe)
                .withOption(ChannelOption.SO_LINGER, 0)
                // the services are on this machine: retry connecting quickly rather than backing off
                .idleTimeout(5, TimeUnit.MINUTES)
                .build());
    }

    /**
     * Waits until the channel is connected, up to the timeout. Returns the last state seen: READY
     * when connected, TRANSIENT_FAILURE when the connection attempt failed, else the state at timeout.
     */
    public static ConnectivityState awaitConnected(ManagedChannel channel, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectivityState state = channel.getState(true);
        if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.IDLE) {
            // a service that was down a moment ago may be up now: do not wait out the back-off
            channel.resetConnectBackoff();
            state = channel.getState(true);
        }
        boolean sawConnecting = false;
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.SHUTDOWN) {
                return state;
            }
            if (state == ConnectivityState.TRANSIENT_FAILURE && sawConnecting) {
                return state;
            }
            if (state == ConnectivityState.CONNECTING) {
                sawConnecting = true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return state;
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                if (!changed.await(remaining, TimeUnit.NANOSECONDS)) {
                    return channel.getState(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return channel.getState(false);
            }
            state = channel.getState(false);
        }
        return state;
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
    }
}
