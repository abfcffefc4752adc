package io.gladys.testing;

import com.sun.net.httpserver.HttpServer;
import io.gladys.grpc.GladysHealthCalls;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthResponse;
import io.gladys.proto.types.HealthStatus;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for one of GLADyS's services behind a stand-in {@code uv} or {@code cargo}: given the
 * arguments GLADyS's launcher gives, it serves the health that service serves, on the port that
 * service would take (GRPC_PORT, PORT or --port, as the real one reads it).
 */
public final class GladysStandIn {

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        if (a.contains("uvicorn")) {
            int port = Integer.parseInt(a.get(a.indexOf("--port") + 1));
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            http.createContext("/", ex -> {
                byte[] body = "dashboard ok".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            http.start();
            System.out.println("dashboard stand-in on " + port);
            Thread.sleep(Long.MAX_VALUE);
        }
        String service;
        int port;
        if (a.contains("gladys_memory")) {
            service = "gladys.memory.MemoryStorage";
            port = Integer.parseInt(System.getenv("GRPC_PORT"));
        } else if (a.contains("gladys_orchestrator")) {
            service = "gladys.v1.OrchestratorService";
            port = Integer.parseInt(System.getenv("PORT"));
        } else if (a.contains("gladys_executive")) {
            service = "gladys.v1.ExecutiveService";
            port = Integer.parseInt(a.get(a.indexOf("--port") + 1));
        } else if (a.contains("run") && a.contains("--release")) {
            service = "gladys.memory.SalienceGateway";
            port = Integer.parseInt(System.getenv("GRPC_PORT"));
        } else {
            throw new IllegalArgumentException("no GLADyS service is launched with " + a);
        }
        ServerServiceDefinition health = ServerServiceDefinition.builder(service)
                .addMethod(GladysHealthCalls.getHealth(service), ServerCalls.asyncUnaryCall((req, out) -> {
                    out.onNext(GetHealthResponse.newBuilder().setStatus(HealthStatus.HEALTHY)
                            .setMessage("stand-in").build());
                    out.onCompleted();
                }))
                .addMethod(GladysHealthCalls.getHealthDetails(service), ServerCalls.asyncUnaryCall((req, out) -> {
                    out.onNext(GetHealthDetailsResponse.newBuilder().setStatus(HealthStatus.HEALTHY)
                            .setUptimeSeconds(1).putDetails("stand_in", "true").build());
                    out.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(health).build().start();
        System.out.println(service + " stand-in on " + port);
        server.awaitTermination();
    }
}
