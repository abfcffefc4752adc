package io.gladys.testing;

import io.gladys.contract.ContractTargets;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.HealthStatus;
import io.gladys.proto.v1.OrchestratorServiceGrpc;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.executive.ExecutiveServer;
import io.gladys.reference.gateway.GatewayServer;
import io.gladys.reference.memory.MemoryServer;
import io.gladys.reference.orchestrator.OrchestratorServer;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference services in the test JVM, on free loopback ports, over the embedded PostgreSQL
 * (a real process, with the bundled migrations applied). The gateway can be replaced.
 */
public final class InJvmStack implements AutoCloseable {

    /** Starts a gateway with the given settings. */
    @FunctionalInterface
    public interface GatewayStarter {
        ReferenceServer start(ReferenceSettings settings) throws IOException;
    }

    private final StackSession db;
    private final List<ReferenceServer> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final Map<String, String> env;
    public final int memoryPort;
    public final int gatewayPort;
    public final int executivePort;
    public final int orchestratorPort;

    public InJvmStack(Path dir, Map<String, String> extraEnv, GatewayStarter gateway) throws Exception {
        db = StackSession.open(TestStacks.config(dir.resolve("state"), dir, TestStacks.referenceOnFreePorts(), true,
                TestStacks.embeddedDatabase(), TestStacks.printing()));
        try {
            db.manager().start("db", StartOptions.DEFAULT);
            int[] ports = TestStacks.freePorts(4);
            memoryPort = ports[0];
            gatewayPort = ports[1];
            executivePort = ports[2];
            orchestratorPort = ports[3];
            env = new HashMap<>(db.addresses().variables());
            env.put("MEMORY_STORAGE_ADDRESS", "localhost:" + memoryPort);
            env.put("SALIENCE_GATEWAY_ADDRESS", "localhost:" + gatewayPort);
            env.put("EXECUTIVE_ADDRESS", "localhost:" + executivePort);
            env.putAll(extraEnv);
            servers.add(MemoryServer.start(settings(memoryPort)));
            servers.add(gateway.start(settings(gatewayPort)));
            servers.add(ExecutiveServer.start(settings(executivePort)));
            servers.add(OrchestratorServer.start(settings(orchestratorPort)));
            var orchestrator = OrchestratorServiceGrpc.newBlockingStub(channel(orchestratorPort));
            // the caller's test timeout ends a stack that never becomes healthy
            while (orchestrator.getHealth(GetHealthRequest.getDefaultInstance()).getStatus() != HealthStatus.HEALTHY) {
                Thread.sleep(100);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    public InJvmStack(Path dir, Map<String, String> extraEnv) throws Exception {
        this(dir, extraEnv, GatewayServer::start);
    }

    private ReferenceSettings settings(int port) {
        Map<String, String> e = new HashMap<>(env);
        e.put("GLADYS_PORT", String.valueOf(port));
        return new ReferenceSettings(e);
    }

    public ManagedChannel channel(int port) {
        ManagedChannel c = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        channels.add(c);
        return c;
    }

    public Map<String, String> env() {
        return env;
    }

    public StackSession database() {
        return db;
    }

    public ContractTargets targets() {
        return new ContractTargets(
                new ContractTargets.Target("memory-python", "localhost", memoryPort, ContractTargets.MEMORY),
                new ContractTargets.Target("memory-rust", "localhost", gatewayPort, ContractTargets.GATEWAY),
                new ContractTargets.Target("orchestrator", "localhost", orchestratorPort, ContractTargets.ORCHESTRATOR),
                new ContractTargets.Target("executive-stub", "localhost", executivePort, ContractTargets.EXECUTIVE));
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        servers.forEach(ReferenceServer::close);
        db.manager().stop("all", Duration.ofSeconds(10));
        db.close();
    }
}
