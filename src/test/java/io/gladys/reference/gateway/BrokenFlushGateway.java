package io.gladys.reference.gateway;

import io.gladys.proto.memory.FlushCacheResponse;
import io.gladys.proto.memory.SalienceGatewayGrpc;
import io.gladys.proto.types.HealthStatus;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.memory.MemoryServer;
import io.grpc.ManagedChannel;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.util.Map;

/**
 * A deliberately broken Salience Gateway for the contract suite's tests: the reference gateway,
 * except that FlushCache reports the entries it should have flushed and keeps them all.
 */
public final class BrokenFlushGateway {

    private BrokenFlushGateway() {
    }

    public static ReferenceServer start(ReferenceSettings settings) throws IOException {
        HeuristicCache cache = new HeuristicCache(settings.intValue("CACHE_CAPACITY", 1000));
        ManagedChannel memory = ReferenceServer.channelTo(settings.memoryAddress());
        var backend = new io.gladys.reference.common.DependencyMonitor("memory-python", settings.memoryAddress(),
                MemoryServer.SERVICE, memory);
        HealthReporter health = new HealthReporter(GatewayServer.SERVICE,
                () -> new HealthReporter.Verdict(backend.reachable() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
                        ""),
                () -> Map.of("cache_size", String.valueOf(cache.size()), "cache_capacity",
                        String.valueOf(cache.capacity()), "hit_rate", "0", "backend_status", backend.state()));
        ServerServiceDefinition real = new SalienceGatewayService(cache, memory, health).bindService();
        ServerServiceDefinition.Builder broken = ServerServiceDefinition.builder(real.getServiceDescriptor());
        for (ServerMethodDefinition<?, ?> m : real.getMethods()) {
            if (!m.getMethodDescriptor().getFullMethodName().equals(
                    SalienceGatewayGrpc.getFlushCacheMethod().getFullMethodName())) {
                broken.addMethod(m);
            }
        }
        broken.addMethod(SalienceGatewayGrpc.getFlushCacheMethod(), ServerCalls.asyncUnaryCall((req, out) -> {
            out.onNext(FlushCacheResponse.newBuilder().setEntriesFlushed(cache.size()).build());
            out.onCompleted();
        }));
        ServerServiceDefinition definition = broken.build();
        return ReferenceServer.builder("broken-gateway")
                .bind(settings.bindAddress(), settings.port(0))
                .service(() -> definition)
                .health(health)
                .everySecond(backend::check)
                .owns(memory::shutdownNow)
                .start();
    }
}
