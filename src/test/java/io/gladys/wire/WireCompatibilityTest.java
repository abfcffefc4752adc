package io.gladys.wire;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.gladys.proto.memory.MemoryProto;
import io.gladys.proto.memory.SalienceProto;
import io.gladys.proto.types.TypesProto;
import io.gladys.proto.v1.CommonProto;
import io.gladys.proto.v1.ExecutiveProto;
import io.gladys.proto.v1.OrchestratorProto;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message and RPC of the plugin's {@code proto/} (as compiled into the build) against GLADyS's wire
 * facts ({@link GladysWire}): field numbers, types, labels and names must be GLADyS's; the plugin may
 * leave GLADyS's fields out, never add or change one. A message or RPC GLADyS does not have must be
 * named below as the plugin's own, with the reason.
 */
class WireCompatibilityTest {

    /** The plugin's compiled contracts, one per file of proto/. */
    private static final List<FileDescriptor> PLUGIN_FILES = List.of(TypesProto.getDescriptor(),
            CommonProto.getDescriptor(), OrchestratorProto.getDescriptor(), ExecutiveProto.getDescriptor(),
            MemoryProto.getDescriptor(), SalienceProto.getDescriptor());

    /** Messages and RPCs GLADyS does not have, and why the plugin carries them. */
    private static final Map<String, String> PLUGIN_ONLY = Map.of(
            "gladys.memory.DeleteHeuristicRequest", "the reference memory's delete, for the contract suite's clean-up",
            "gladys.memory.DeleteHeuristicResponse", "the reference memory's delete, for the contract suite's clean-up",
            "gladys.memory.MemoryStorage/DeleteHeuristic", "the reference memory's delete, for the contract suite's clean-up");

    @Test
    void everyFileOfProtoIsCompiledAndChecked() throws IOException {
        Path proto = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "proto");
        try (Stream<Path> files = Files.list(proto)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".proto")))
                    .containsExactlyInAnyOrderElementsOf(PLUGIN_FILES.stream().map(FileDescriptor::getName).toList());
        }
    }

    @Test
    void everySharedMessageHasGladysFieldNumbersTypesAndNames() {
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (FileDescriptor file : PLUGIN_FILES) {
            for (Descriptor mine : file.getMessageTypes()) {
                Descriptor theirs = GladysWire.messages().get(mine.getFullName());
                if (theirs == null) {
                    if (!PLUGIN_ONLY.containsKey(mine.getFullName())) {
                        problems.add(mine.getFullName() + " (" + file.getName() + ") is not a GLADyS message: "
                                + "add its GLADyS fields to GladysWire, or name it in PLUGIN_ONLY with the reason");
                    }
                    continue;
                }
                checked.add(mine.getFullName());
                problems.addAll(differences(mine, theirs));
            }
        }
        assertThat(problems).as("differences from GLADyS's wire").isEmpty();
        // the messages the issue names: health, cache, heuristic, salience, event
        assertThat(checked).contains("gladys.types.GetHealthResponse", "gladys.types.GetHealthDetailsResponse",
                "gladys.memory.GetCacheStatsResponse", "gladys.memory.ListCachedHeuristicsResponse",
                "gladys.memory.NotifyHeuristicChangeRequest", "gladys.memory.Heuristic",
                "gladys.memory.EvaluateSalienceResponse", "gladys.types.SalienceResult", "gladys.v1.Event",
                "gladys.v1.EventAck", "gladys.v1.PublishEventResponse", "gladys.v1.ProcessEventRequest",
                "gladys.v1.ProcessEventResponse", "gladys.memory.EpisodicEvent");
    }

    @Test
    void theHealthStatusValuesHaveGladysNumbers() {
        EnumDescriptor mine = TypesProto.getDescriptor().findEnumTypeByName("HealthStatus");
        EnumDescriptor theirs = GladysWire.enumDescriptor("gladys.types.HealthStatus");
        assertThat(mine.getValues()).hasSameSizeAs(theirs.getValues());
        // value names are not on the binary wire; GLADyS prefixes them with HEALTH_STATUS_
        mine.getValues().forEach(v -> assertThat(theirs.findValueByNumber(v.getNumber()).getName())
                .as("HealthStatus %d", v.getNumber()).isEqualTo("HEALTH_STATUS_" + v.getName()));
    }

    @Test
    void everySharedRpcTakesAndReturnsGladysMessages() {
        List<String> problems = new ArrayList<>();
        for (FileDescriptor file : PLUGIN_FILES) {
            for (Descriptors.ServiceDescriptor service : file.getServices()) {
                for (Descriptors.MethodDescriptor m : service.getMethods()) {
                    String name = service.getFullName() + "/" + m.getName();
                    GladysWire.Rpc theirs = GladysWire.rpc(service.getFullName(), m.getName());
                    if (theirs == null) {
                        if (!PLUGIN_ONLY.containsKey(name)) {
                            problems.add(name + " is not a GLADyS RPC");
                        }
                    } else if (!theirs.request().equals(m.getInputType().getFullName())
                            || !theirs.response().equals(m.getOutputType().getFullName())) {
                        problems.add(name + ": " + m.getInputType().getFullName() + " -> "
                                + m.getOutputType().getFullName() + ", GLADyS: " + theirs.request() + " -> "
                                + theirs.response());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesAFreelyShapedMessage() throws Exception {
        // the plugin's Event before it kept GLADyS's shape: {id=1, source=2, raw_text=3, timestamp_ms=4}
        FileDescriptorProto old = FileDescriptorProto.newBuilder().setName("old.proto").setPackage("gladys.v1")
                .setSyntax("proto3").addMessageType(DescriptorProto.newBuilder().setName("Event")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("source", 2, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("raw_text", 3, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("timestamp_ms", 4, FieldDescriptorProto.Type.TYPE_INT64)))
                .build();
        Descriptor oldEvent = FileDescriptor.buildFrom(old, new FileDescriptor[0]).findMessageTypeByName("Event");

        List<String> problems = differences(oldEvent, GladysWire.descriptor("gladys.v1.Event"));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("gladys.v1.Event field 2")
                .contains("string source").contains("google.protobuf.Timestamp timestamp"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("field 4").contains("int64 timestamp_ms"));
        // and a well-shaped one passes: GLADyS's own Event against itself
        assertThat(differences(GladysWire.descriptor("gladys.v1.Event"), GladysWire.descriptor("gladys.v1.Event")))
                .isEmpty();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    /** Each field of mine must be GLADyS's field of that number: same name, type and label. */
    private static List<String> differences(Descriptor mine, Descriptor theirs) {
        List<String> out = new ArrayList<>();
        for (FieldDescriptor f : mine.getFields()) {
            FieldDescriptor g = theirs.findFieldByNumber(f.getNumber());
            String where = mine.getFullName() + " field " + f.getNumber();
            if (g == null) {
                out.add(where + " (" + shape(f) + ") does not exist in GLADyS's " + theirs.getFullName());
            } else if (!shape(f).equals(shape(g))) {
                out.add(where + ": the plugin has " + shape(f) + ", GLADyS has " + shape(g));
            }
        }
        return out;
    }

    /** A field as a .proto line would declare it: label, type, name. */
    private static String shape(FieldDescriptor f) {
        if (f.isMapField()) {
            Descriptor entry = f.getMessageType();
            return "map<" + type(entry.findFieldByNumber(1)) + ", " + type(entry.findFieldByNumber(2)) + "> "
                    + f.getName();
        }
        return (f.isRepeated() ? "repeated " : "") + type(f) + " " + f.getName();
    }

    private static String type(FieldDescriptor f) {
        return switch (f.getType()) {
            case MESSAGE, GROUP -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
