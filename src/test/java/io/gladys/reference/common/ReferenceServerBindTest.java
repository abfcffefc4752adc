package io.gladys.reference.common;

import io.gladys.proto.types.HealthStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A port held for a moment is tried again; a port held for good still fails the start. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ReferenceServerBindTest {

    private static ReferenceServer.Builder server(int port) {
        return ReferenceServer.builder("bind-test").bind("127.0.0.1", port)
                .health(new HealthReporter("bind-test",
                        () -> new HealthReporter.Verdict(HealthStatus.HEALTHY, "ok"), Map::of));
    }

    @Test
    void aPortHeldForAMomentIsTriedAgain() throws Exception {
        ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = holder.getLocalPort();
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(400);
                holder.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (ReferenceServer s = server(port).start()) {
            assertThat(release).isDone();
            assertThat(s.port()).isEqualTo(port);
            try (Socket client = new Socket("127.0.0.1", port)) {
                assertThat(client.isConnected()).isTrue();
            }
        } finally {
            holder.close();
            release.join();
        }
    }

    @Test
    void aPortHeldForGoodFailsTheStart() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> server(holder.getLocalPort()).start()).isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(holder.getLocalPort()));
        }
    }
}
