package io.gladys.reference.gateway;

import io.gladys.proto.types.HealthStatus;
import io.gladys.reference.common.DependencyMonitor;
import io.gladys.reference.common.HealthReporter;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.memory.MemoryServer;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reference Salience Gateway ("memory-rust"): an LRU cache of heuristics in front of memory. Ready
 * once memory has answered; degraded (cache hits only) if memory is lost afterwards.
 */
public final class GatewayServer {

    public static final String SERVICE = "gladys.memory.SalienceGateway";

    private GatewayServer() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceServer.configureLogging();
        ReferenceServer.serveUntilStopped(start(ReferenceSettings.fromSystem()));
    }

    public static ReferenceServer start(ReferenceSettings settings) throws IOException {
        HeuristicCache cache = new HeuristicCache(settings.intValue("CACHE_CAPACITY", 1000));
        ManagedChannel memory = ReferenceServer.channelTo(settings.memoryAddress());
        DependencyMonitor backend = new DependencyMonitor("memory-python", settings.memoryAddress(),
                MemoryServer.SERVICE, memory);
        HealthReporter health = new HealthReporter(SERVICE, () -> verdict(backend), () -> details(cache, backend));
        return ReferenceServer.builder("memory-rust")
                .bind(settings.bindAddress(), settings.port(50052))
                .service(new SalienceGatewayService(cache, memory, health))
                .health(health)
                .everySecond(backend::check)
                .owns(memory::shutdownNow)
                .start();
    }

    private static HealthReporter.Verdict verdict(DependencyMonitor backend) {
        if (backend.reachable()) {
            return new HealthReporter.Verdict(HealthStatus.HEALTHY, "memory backend connected");
        }
        if (backend.everReachable()) {
            return new HealthReporter.Verdict(HealthStatus.DEGRADED,
                    "memory backend lost: serving cache hits only");
        }
        return new HealthReporter.Verdict(HealthStatus.UNHEALTHY, "memory backend not reachable yet");
    }

    private static Map<String, String> details(HeuristicCache cache, DependencyMonitor backend) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cache_size", String.valueOf(cache.size()));
        d.put("cache_capacity", String.valueOf(cache.capacity()));
        d.put("hit_rate", String.format(Locale.ROOT, "%.3f", cache.hitRate()));
        d.put("backend_status", backend.state());
        return d;
    }
}
