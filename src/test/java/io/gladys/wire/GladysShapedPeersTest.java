package io.gladys.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.gladys.reference.common.ReferenceServer;
import io.gladys.reference.common.ReferenceSettings;
import io.gladys.reference.orchestrator.OrchestratorServer;
import io.gladys.testing.InJvmStack;
import io.gladys.testing.TestStacks;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference services talking to peers built from GLADyS's field table ({@link GladysWire}), not from
 * the plugin's generated classes: a GLADyS-shaped sensor publishes to the reference orchestrator and reads
 * the ack; a GLADyS-shaped orchestrator hands an event to the reference executive; a GLADyS-shaped
 * executive receives the reference orchestrator's events. Bytes go over real gRPC on loopback.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GladysShapedPeersTest {

    @TempDir
    static Path dir;
    static InJvmStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new InJvmStack(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aGladysSensorPublishesToTheReferenceOrchestratorAndReadsTheAck() throws Exception {
        String id = UUID.randomUUID().toString();
        long millis = 1_780_000_000_123L;
        DynamicMessage event = message("gladys.v1.Event", Map.of(
                "id", id,
                "timestamp", timestamp(millis),
                "source", "gladys-sensor",
                "raw_text", "smoke alarm in the kitchen, fire!",
                "intent", "actionable"));
        DynamicMessage response = call(stack.orchestratorPort, "gladys.v1.OrchestratorService", "PublishEvent",
                message("gladys.v1.PublishEventRequest", Map.of("event", event)));

        DynamicMessage ack = (DynamicMessage) get(response, "ack");
        assertThat(get(ack, "accepted")).as("ack %s", ack).isEqualTo(true);
        assertThat(get(ack, "event_id")).isEqualTo(id);
        assertThat(get(ack, "queued")).isEqualTo(false);
        assertThat((String) get(ack, "matched_heuristic_id")).isNotEmpty();
        assertThat(get(ack, "response_text")).isEqualTo("acknowledged: smoke alarm in the kitchen, fire!");
        assertThat((float) get(ack, "predicted_success")).isGreaterThan(0f);
        assertThat(response.getUnknownFields().asMap()).isEmpty();

        // memory has it, read the same way: the timestamp arrived as a Timestamp, the salience in field 6
        DynamicMessage stored = call(stack.memoryPort, "gladys.memory.MemoryStorage", "GetEvent",
                message("gladys.memory.GetEventRequest", Map.of("event_id", id)));
        DynamicMessage episodic = (DynamicMessage) get(stored, "event");
        assertThat(get(stored, "error")).isEqualTo("");
        assertThat(get(episodic, "raw_text")).isEqualTo("smoke alarm in the kitchen, fire!");
        assertThat(get(episodic, "timestamp_ms")).isEqualTo(millis);
        assertThat(get(episodic, "matched_heuristic_id")).isEqualTo(get(ack, "matched_heuristic_id"));
        assertThat((float) get((DynamicMessage) get(episodic, "salience"), "salience")).isGreaterThanOrEqualTo(0.7f);
    }

    @Test
    void aGladysOrchestratorHandsAnEventToTheReferenceExecutive() throws Exception {
        DynamicMessage request = message("gladys.v1.ProcessEventRequest", Map.of(
                "event", message("gladys.v1.Event", Map.of("id", "e-1", "source", "gladys-sensor",
                        "raw_text", "the oven is on")),
                "immediate", true,
                "suggestion", message("gladys.v1.HeuristicSuggestion", Map.of("heuristic_id", "h-1",
                        "confidence", 0.8f, "condition_text", "oven on"))));
        DynamicMessage r = call(stack.executivePort, "gladys.v1.ExecutiveService", "ProcessEvent", request);
        assertThat(get(r, "accepted")).isEqualTo(true);
        assertThat(get(r, "response_text")).isEqualTo("acknowledged: the oven is on");
        assertThat(get(r, "decision_path")).isEqualTo("heuristic");
        assertThat(get(r, "matched_heuristic_id")).isEqualTo("h-1");
        assertThat(get(r, "predicted_success")).isEqualTo(0.8f);
    }

    @Test
    void aGladysExecutiveReceivesTheReferenceOrchestratorsEvents() throws Exception {
        List<DynamicMessage> received = new CopyOnWriteArrayList<>();
        Server executive = gladysExecutive(received);
        int[] port = TestStacks.freePorts(1);
        Map<String, String> env = new HashMap<>(stack.env());
        env.put("GLADYS_PORT", String.valueOf(port[0]));
        env.put("EXECUTIVE_ADDRESS", "localhost:" + executive.getPort());
        try (ReferenceServer orchestrator = OrchestratorServer.start(new ReferenceSettings(env))) {
            DynamicMessage event = message("gladys.v1.Event", Map.of("id", UUID.randomUUID().toString(),
                    "source", "gladys-sensor", "raw_text", "smoke alarm in the hallway, fire!"));
            DynamicMessage ack = (DynamicMessage) get(awaitAccepted(orchestrator.port(), event), "ack");

            assertThat(received).hasSize(1);
            DynamicMessage request = received.get(0);
            DynamicMessage got = (DynamicMessage) get(request, "event");
            assertThat(request.getUnknownFields().asMap()).isEmpty();
            assertThat(get(got, "raw_text")).isEqualTo("smoke alarm in the hallway, fire!");
            assertThat(get(got, "source")).isEqualTo("gladys-sensor");
            assertThat(((DynamicMessage) get(got, "timestamp")).getField(field("google.protobuf.Timestamp", "seconds")))
                    .isNotEqualTo(0L);
            assertThat((float) get((DynamicMessage) get(got, "salience"), "salience")).isGreaterThanOrEqualTo(0.7f);
            assertThat(get(request, "immediate")).isEqualTo(true);
            DynamicMessage suggestion = (DynamicMessage) get(request, "suggestion");
            assertThat(get(suggestion, "heuristic_id")).isEqualTo(get(got, "matched_heuristic_id"))
                    .isEqualTo(get(ack, "matched_heuristic_id"));
            assertThat((String) get(suggestion, "condition_text")).isNotEmpty();
            // the executive's answer comes back in the ack
            assertThat(get(ack, "response_text")).isEqualTo("from a GLADyS-shaped executive");
            assertThat(get(ack, "routed_to_llm")).isEqualTo(true);
            assertThat(get(ack, "predicted_success")).isEqualTo(0.25f);
        } finally {
            executive.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Publishes until the new orchestrator has found its dependencies (it refuses nothing, but may not be ready). */
    private static DynamicMessage awaitAccepted(int port, DynamicMessage event) throws Exception {
        DynamicMessage request = message("gladys.v1.PublishEventRequest", Map.of("event", event));
        DynamicMessage r = call(port, "gladys.v1.OrchestratorService", "PublishEvent", request);
        assertThat(get((DynamicMessage) get(r, "ack"), "accepted")).as("ack %s", r).isEqualTo(true);
        return r;
    }

    /** An ExecutiveService built from the table: GetHealth, and ProcessEvent that records what it got. */
    private static Server gladysExecutive(List<DynamicMessage> received) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("gladys.v1.ExecutiveService")
                .addMethod(method("gladys.v1.ExecutiveService", "ProcessEvent"), ServerCalls.asyncUnaryCall((in, out) -> {
                    received.add(parse("gladys.v1.ProcessEventRequest", in));
                    out.onNext(message("gladys.v1.ProcessEventResponse", Map.of("accepted", true,
                            "response_id", "r-1", "response_text", "from a GLADyS-shaped executive",
                            "predicted_success", 0.25f, "decision_path", "llm")).toByteArray());
                    out.onCompleted();
                }))
                .addMethod(method("gladys.v1.ExecutiveService", "GetHealth"), ServerCalls.asyncUnaryCall((in, out) -> {
                    out.onNext(message("gladys.types.GetHealthResponse", Map.of("status",
                            GladysWire.enumDescriptor("gladys.types.HealthStatus").findValueByNumber(1))).toByteArray());
                    out.onCompleted();
                }))
                .build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    }

    // ------------------------------------------------------------------ GLADyS's messages from the table

    /** google.protobuf.Timestamp, the well-known type GLADyS's Event imports. */
    private static DynamicMessage timestamp(long millis) {
        Descriptor d = descriptor("google.protobuf.Timestamp");
        return DynamicMessage.newBuilder(d).setField(d.findFieldByName("seconds"), millis / 1000)
                .setField(d.findFieldByName("nanos"), (int) (millis % 1000) * 1_000_000).build();
    }

    private static DynamicMessage message(String type, Map<String, Object> fields) {
        Descriptor d = descriptor(type);
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        fields.forEach((name, value) -> b.setField(d.findFieldByName(name), value));
        return b.build();
    }

    private static Descriptor descriptor(String type) {
        return type.startsWith("google.protobuf.")
                ? GladysWire.descriptor("gladys.v1.Event").findFieldByName("timestamp").getMessageType()
                : GladysWire.descriptor(type);
    }

    private static com.google.protobuf.Descriptors.FieldDescriptor field(String type, String name) {
        return descriptor(type).findFieldByName(name);
    }

    private static Object get(DynamicMessage m, String name) {
        return m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    private static DynamicMessage parse(String type, byte[] bytes) {
        try {
            return DynamicMessage.parseFrom(GladysWire.descriptor(type), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not a GLADyS " + type + ": " + e.getMessage(), e);
        }
    }

    /** One unary call with the request's bytes; the response is decoded with the table's type for that RPC. */
    private static DynamicMessage call(int port, String service, String method, Message request) {
        GladysWire.Rpc rpc = GladysWire.rpc(service, method);
        assertThat(rpc).as(service + "/" + method + " in the table").isNotNull();
        assertThat(request.getDescriptorForType().getFullName()).isEqualTo(rpc.request());
        ManagedChannel channel = stack.channel(port);
        byte[] bytes = ClientCalls.blockingUnaryCall(channel, method(service, method),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request.toByteArray());
        return parse(rpc.response(), bytes);
    }

    private static MethodDescriptor<byte[], byte[]> method(String service, String method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
