package io.gladys.reference.common;

import io.gladys.grpc.GladysHealthCalls;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.gladys.testing.TestStacks;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A reference service sees a dependency that comes up at its next check, over real gRPC on loopback. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DependencyMonitorTest {

    private static final String SERVICE = "test.Dependency";

    private static ServerServiceDefinition healthy() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(GladysHealthCalls.getHealth(SERVICE), ServerCalls.asyncUnaryCall((request, out) -> {
                    out.onNext(GetHealthResponse.newBuilder().setStatus(HealthStatus.HEALTHY).build());
                    out.onCompleted();
                }))
                .build();
    }

    // repeated: the check right after the dependency comes up falls well inside the channel's first backoff
    // (a second, less a fifth at most), during which a channel left alone fails every call at once
    @RepeatedTest(3)
    void aDependencyThatComesUpIsSeenAtTheNextCheckNotABackoffLater() throws Exception {
        int port = TestStacks.freePort();
        String address = "127.0.0.1:" + port;
        ManagedChannel channel = ReferenceServer.channelTo(address);
        DependencyMonitor monitor = new DependencyMonitor("dependency", address, SERVICE, channel);
        try {
            monitor.check();
            assertThat(monitor.reachable()).isFalse();
            assertThat(monitor.state()).isEqualTo("unreachable (" + address + ")");

            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(healthy()).build().start();
            try {
                monitor.check();
                assertThat(monitor.reachable()).isTrue();
                assertThat(monitor.everReachable()).isTrue();
                assertThat(monitor.state()).isEqualTo("connected (" + address + ")");
            } finally {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
