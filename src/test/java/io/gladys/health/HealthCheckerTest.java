package io.gladys.health;

import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.grpc.GrpcChannels;
import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.ExecutiveServiceGrpc;
import io.gladys.testing.TestStacks;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The health probe against real gRPC servers on loopback, one per way a service can answer or fail. */
class HealthCheckerTest {

    private final GrpcChannels channels = new GrpcChannels();
    private final List<Server> servers = new ArrayList<>();
    /** Deadlines a loaded machine meets: no test here waits for them to pass, except the one about deadlines. */
    private final HealthChecker checker = new HealthChecker(channels,
            new HealthTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)), null);
    /** Released at the end of each test: an answer held back until then always misses any deadline. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        try {
            channels.close();
        } finally {
            servers.forEach(Server::shutdownNow);
        }
    }

    private int serve(BindableService... services) throws IOException {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (BindableService s : services) {
            b.addService(s);
        }
        Server server = b.build().start();
        servers.add(server);
        return server.getPort();
    }

    private static ServiceDefinition gladys() {
        return ServiceDefinition.builder("svc").health(HealthKind.GLADYS).healthService("gladys.v1.ExecutiveService")
                .build();
    }

    /** An executive whose GetHealth answers the given status, once the latch (if any) is released. */
    private static BindableService executive(HealthStatus status, CountDownLatch answerAfter) {
        return new ExecutiveServiceGrpc.ExecutiveServiceImplBase() {
            @Override
            public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> out) {
                await(answerAfter);
                out.onNext(GetHealthResponse.newBuilder().setStatus(status).setMessage("said so").build());
                out.onCompleted();
            }

            @Override
            public void getHealthDetails(GetHealthDetailsRequest request, StreamObserver<GetHealthDetailsResponse> out) {
                await(answerAfter);
                out.onNext(GetHealthDetailsResponse.newBuilder().setStatus(status).setUptimeSeconds(42)
                        .putDetails("llm_status", "not configured").build());
                out.onCompleted();
            }
        };
    }

    private static BindableService executive(HealthStatus status) {
        return executive(status, new CountDownLatch(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aHealthyGladysServiceAnswersWithItsDetailsAndUptime() throws IOException {
        int port = serve(executive(HealthStatus.HEALTHY));
        HealthResult r = checker.check(gladys(), "localhost", port, true);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.HEALTHY);
        assertThat(r.details()).containsEntry("llm_status", "not configured");
        assertThat(r.uptimeSeconds()).isEqualTo(42);
        assertThat(checker.check(gladys(), "localhost", port, false).message()).isEqualTo("said so");
    }

    @Test
    void aDegradedOrUnhealthyAnswerIsNotHealthy() throws IOException {
        int degraded = serve(executive(HealthStatus.DEGRADED));
        int unhealthy = serve(executive(HealthStatus.UNHEALTHY));
        assertThat(checker.check(gladys(), "localhost", degraded, true).state()).isEqualTo(HealthState.DEGRADED);
        HealthResult r = checker.check(gladys(), "localhost", unhealthy, false);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.NOT_HEALTHY);
        assertThat(r.state()).isEqualTo(HealthState.UNHEALTHY);
    }

    @Test
    void nothingListeningIsCannotConnectAndSaysWhy() {
        int port = TestStacks.freePort();
        HealthResult r = checker.check(gladys(), "localhost", port, true);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.CANNOT_CONNECT);
        assertThat(r.state()).isEqualTo(HealthState.UNKNOWN);
        assertThat(r.message()).contains("cannot connect").contains("connection refused");
    }

    @Test
    void withoutTheGladysRpcTheStandardHealthIsAskedAndTheFallbackIsSaid() throws IOException {
        HealthStatusManager standard = new HealthStatusManager();
        int port = serve(standard.getHealthService());
        HealthResult r = checker.check(gladys(), "localhost", port, true);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.HEALTHY);
        assertThat(r.notes()).singleElement().asString().contains("no gladys.v1.ExecutiveService/GetHealthDetails RPC")
                .contains("grpc.health.v1.Health");
    }

    @Test
    void aServerWithNoHealthServiceAtAllIsAnRpcFailure() throws IOException {
        int port = serve(ProtoReflectionServiceV1.newInstance());
        HealthResult r = checker.check(gladys(), "localhost", port, false);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.RPC_FAILED);
        assertThat(r.message()).contains("no grpc.health.v1.Health service");
    }

    @Test
    void theStandardHealthKindReadsServingAndNotServing() throws IOException {
        HealthStatusManager standard = new HealthStatusManager();
        standard.setStatus("my.Service", ServingStatus.NOT_SERVING);
        int port = serve(standard.getHealthService());
        ServiceDefinition grpc = ServiceDefinition.builder("g").health(HealthKind.GRPC).build();
        ServiceDefinition named = ServiceDefinition.builder("g").health(HealthKind.GRPC).healthService("my.Service")
                .build();
        ServiceDefinition unknown = ServiceDefinition.builder("g").health(HealthKind.GRPC).healthService("other")
                .build();
        assertThat(checker.check(grpc, "localhost", port, false).outcome()).isEqualTo(ProbeOutcome.HEALTHY);
        assertThat(checker.check(named, "localhost", port, false).state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(checker.check(unknown, "localhost", port, false).message()).contains("does not know service 'other'");
    }

    @Test
    void aSlowAnswerIsCutByTheRpcDeadline() throws IOException {
        // the server answers only after the check returned: only the deadline can end the call
        int port = serve(executive(HealthStatus.HEALTHY, release));
        HealthChecker impatient = new HealthChecker(channels,
                new HealthTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)), null);
        HealthResult r = impatient.check(gladys(), "localhost", port, false);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.RPC_FAILED);
        assertThat(r.message()).contains("DEADLINE_EXCEEDED");
    }

    @Test
    void tcpAndNoneKinds() throws IOException {
        ServiceDefinition tcp = ServiceDefinition.builder("t").health(HealthKind.TCP).build();
        try (ServerSocket open = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(checker.check(tcp, "127.0.0.1", open.getLocalPort(), false).healthy()).isTrue();
        }
        assertThat(checker.check(tcp, "127.0.0.1", TestStacks.freePort(), false).outcome())
                .isEqualTo(ProbeOutcome.CANNOT_CONNECT);
        ServiceDefinition none = ServiceDefinition.builder("n").health(HealthKind.NONE).build();
        assertThat(checker.check(none, "127.0.0.1", 1, false).outcome()).isEqualTo(ProbeOutcome.NOT_CHECKED);
    }
}
