package io.gladys.wire;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GLADyS's wire facts for every message the plugin shares with it, written down from GLADyS's public
 * protos (repository Divinity10/GLADyS, the files and commits in {@link #SOURCES}), independent of the
 * plugin's own {@code proto/}. Fields are written as in a .proto file; types without a package are in the
 * message's own package. {@link #descriptor} compiles the table into protobuf descriptors, so a client
 * or server can speak GLADyS's messages without the plugin's generated classes.
 */
public final class GladysWire {

    /** Where each package's facts were read: GLADyS file and commit. */
    public static final Map<String, String> SOURCES = Map.of(
            "types.proto", "d9b40024d5c3331315c5fa8a9e1400ce5fc86b1b",
            "common.proto", "407c0ae93a4191eb3b2c97199112192d040eef34",
            "orchestrator.proto", "1fde711acead6a419ecfdf3610a35cc85adcfceb",
            "executive.proto", "362b946f180452d17edb9566baf9aeb8b8e9215b",
            "memory.proto", "76160e3c3b3ffbbc54695355257516b765f879e3");

    /** One message of the table: package, name, the file it is read from, and its fields. */
    public record Message(String pkg, String name, String file, String fields) {
        public String fullName() {
            return pkg + "." + name;
        }
    }

    /** One enum: its values, NAME = number. */
    public record Enum(String pkg, String name, String file, String values) {
        public String fullName() {
            return pkg + "." + name;
        }
    }

    /** One RPC of a GLADyS service: request and response types, full names. */
    public record Rpc(String service, String method, String request, String response) {
    }

    // before RPCS, which is parsed with it
    private static final Pattern RPC = Pattern.compile(
            "([\\w.]+)/(\\w+)\\(([\\w.]+)\\) returns \\(([\\w.]+)\\)");
    private static final String TYPES = "gladys.types";
    private static final String V1 = "gladys.v1";
    private static final String MEMORY = "gladys.memory";

    public static final List<Enum> ENUMS = List.of(
            new Enum(TYPES, "HealthStatus", "types.proto", """
                    HEALTH_STATUS_UNKNOWN = 0;
                    HEALTH_STATUS_HEALTHY = 1;
                    HEALTH_STATUS_UNHEALTHY = 2;
                    HEALTH_STATUS_DEGRADED = 3;
                    """));

    public static final List<Message> MESSAGES = List.of(
            // ---- types.proto: health and salience
            new Message(TYPES, "SalienceResult", "types.proto", """
                    float threat = 1;
                    float salience = 2;
                    float habituation = 3;
                    map<string, float> vector = 4;
                    string model_id = 5;
                    """),
            new Message(TYPES, "GetHealthRequest", "types.proto", ""),
            new Message(TYPES, "GetHealthResponse", "types.proto", """
                    HealthStatus status = 1;
                    string message = 2;
                    """),
            new Message(TYPES, "GetHealthDetailsRequest", "types.proto", ""),
            new Message(TYPES, "GetHealthDetailsResponse", "types.proto", """
                    HealthStatus status = 1;
                    int64 uptime_seconds = 2;
                    map<string, string> details = 3;
                    """),
            // ---- common.proto: events
            new Message(V1, "RequestMetadata", "common.proto", """
                    string request_id = 1;
                    string trace_id = 2;
                    string span_id = 3;
                    int64 timestamp_ms = 4;
                    string source_component = 5;
                    """),
            new Message(V1, "Event", "common.proto", """
                    string id = 1;
                    google.protobuf.Timestamp timestamp = 2;
                    string source = 3;
                    string raw_text = 4;
                    google.protobuf.Struct structured = 5;
                    gladys.types.SalienceResult salience = 6;
                    repeated string entity_ids = 7;
                    repeated int32 tokens = 8;
                    string tokenizer_id = 9;
                    string matched_heuristic_id = 10;
                    string intent = 11;
                    google.protobuf.Struct evaluation_data = 12;
                    string app_status = 13;
                    RequestMetadata metadata = 15;
                    """),
            // ---- orchestrator.proto: publishing
            new Message(V1, "EventAck", "orchestrator.proto", """
                    string event_id = 1;
                    bool accepted = 2;
                    string error_message = 3;
                    string response_id = 4;
                    string response_text = 5;
                    float predicted_success = 6;
                    float prediction_confidence = 7;
                    bool routed_to_llm = 8;
                    string matched_heuristic_id = 9;
                    bool queued = 10;
                    """),
            new Message(V1, "PublishEventRequest", "orchestrator.proto", """
                    Event event = 1;
                    RequestMetadata metadata = 15;
                    """),
            new Message(V1, "PublishEventResponse", "orchestrator.proto", """
                    EventAck ack = 1;
                    """),
            // ---- executive.proto: processing
            new Message(V1, "HeuristicSuggestion", "executive.proto", """
                    string heuristic_id = 1;
                    string suggested_action = 2;
                    float confidence = 3;
                    string condition_text = 4;
                    """),
            new Message(V1, "ProcessEventRequest", "executive.proto", """
                    Event event = 1;
                    bool immediate = 2;
                    HeuristicSuggestion suggestion = 3;
                    RequestMetadata metadata = 15;
                    """),
            new Message(V1, "ProcessEventResponse", "executive.proto", """
                    bool accepted = 1;
                    string error_message = 2;
                    string response_id = 3;
                    string response_text = 4;
                    float predicted_success = 5;
                    float prediction_confidence = 6;
                    string prompt_text = 7;
                    string decision_path = 8;
                    string matched_heuristic_id = 9;
                    """),
            // ---- memory.proto: the cache RPCs of the Salience Gateway
            new Message(MEMORY, "NotifyHeuristicChangeRequest", "memory.proto", """
                    string heuristic_id = 1;
                    string change_type = 2;
                    """),
            new Message(MEMORY, "NotifyHeuristicChangeResponse", "memory.proto", """
                    bool success = 1;
                    """),
            new Message(MEMORY, "FlushCacheRequest", "memory.proto", ""),
            new Message(MEMORY, "FlushCacheResponse", "memory.proto", """
                    int32 entries_flushed = 1;
                    """),
            new Message(MEMORY, "EvictFromCacheRequest", "memory.proto", """
                    string heuristic_id = 1;
                    """),
            new Message(MEMORY, "EvictFromCacheResponse", "memory.proto", """
                    bool found = 1;
                    """),
            new Message(MEMORY, "GetCacheStatsRequest", "memory.proto", ""),
            new Message(MEMORY, "GetCacheStatsResponse", "memory.proto", """
                    int32 current_size = 1;
                    int32 max_capacity = 2;
                    float hit_rate = 3;
                    int64 total_hits = 4;
                    int64 total_misses = 5;
                    """),
            new Message(MEMORY, "ListCachedHeuristicsRequest", "memory.proto", """
                    int32 limit = 1;
                    """),
            new Message(MEMORY, "CachedHeuristicInfo", "memory.proto", """
                    string heuristic_id = 1;
                    string name = 2;
                    int32 hit_count = 3;
                    int64 cached_at_unix = 4;
                    int64 last_hit_unix = 5;
                    """),
            new Message(MEMORY, "ListCachedHeuristicsResponse", "memory.proto", """
                    repeated CachedHeuristicInfo heuristics = 1;
                    """),
            // ---- memory.proto: salience evaluation
            new Message(MEMORY, "EvaluateSalienceRequest", "memory.proto", """
                    string event_id = 1;
                    string source = 2;
                    string raw_text = 3;
                    string structured_json = 4;
                    repeated string entity_ids = 5;
                    bool skip_novelty_detection = 6;
                    """),
            new Message(MEMORY, "EvaluateSalienceResponse", "memory.proto", """
                    gladys.types.SalienceResult salience = 1;
                    bool from_cache = 2;
                    string matched_heuristic_id = 3;
                    string error = 4;
                    bool novelty_detection_skipped = 5;
                    """),
            // ---- memory.proto: heuristics (field 8 is reserved upstream)
            new Message(MEMORY, "Heuristic", "memory.proto", """
                    string id = 1;
                    string name = 2;
                    string condition_text = 3;
                    bytes condition_embedding = 4;
                    float similarity_threshold = 5;
                    string effects_json = 6;
                    float confidence = 7;
                    string origin = 9;
                    string origin_id = 10;
                    repeated string next_heuristic_ids = 11;
                    bool is_terminal = 12;
                    int64 last_fired_ms = 13;
                    int32 fire_count = 14;
                    int32 success_count = 15;
                    int64 created_at_ms = 16;
                    int64 updated_at_ms = 17;
                    string source = 18;
                    """),
            new Message(MEMORY, "StoreHeuristicRequest", "memory.proto", """
                    Heuristic heuristic = 1;
                    bool generate_embedding = 2;
                    """),
            new Message(MEMORY, "StoreHeuristicResponse", "memory.proto", """
                    bool success = 1;
                    string error = 2;
                    string heuristic_id = 3;
                    """),
            new Message(MEMORY, "GetHeuristicRequest", "memory.proto", """
                    string id = 1;
                    """),
            new Message(MEMORY, "GetHeuristicResponse", "memory.proto", """
                    Heuristic heuristic = 1;
                    string error = 2;
                    """),
            new Message(MEMORY, "QueryMatchingHeuristicsRequest", "memory.proto", """
                    string event_text = 1;
                    float min_confidence = 2;
                    int32 limit = 3;
                    string source_filter = 4;
                    """),
            new Message(MEMORY, "HeuristicMatch", "memory.proto", """
                    Heuristic heuristic = 1;
                    float similarity = 2;
                    float score = 3;
                    """),
            new Message(MEMORY, "QueryHeuristicsResponse", "memory.proto", """
                    repeated HeuristicMatch matches = 1;
                    string error = 2;
                    """),
            // ---- memory.proto: episodic events
            new Message(MEMORY, "EpisodicEvent", "memory.proto", """
                    string id = 1;
                    int64 timestamp_ms = 2;
                    string source = 3;
                    string raw_text = 4;
                    bytes embedding = 5;
                    gladys.types.SalienceResult salience = 6;
                    string structured_json = 7;
                    repeated string entity_ids = 8;
                    float predicted_success = 9;
                    float prediction_confidence = 10;
                    string response_id = 11;
                    string response_text = 12;
                    string matched_heuristic_id = 13;
                    string llm_prompt_text = 14;
                    string decision_path = 15;
                    string episode_id = 16;
                    string intent = 17;
                    string evaluation_data_json = 18;
                    """),
            new Message(MEMORY, "StoreEventRequest", "memory.proto", """
                    EpisodicEvent event = 1;
                    """),
            new Message(MEMORY, "StoreEventResponse", "memory.proto", """
                    bool success = 1;
                    string error = 2;
                    """),
            new Message(MEMORY, "GetEventRequest", "memory.proto", """
                    string event_id = 1;
                    """),
            new Message(MEMORY, "GetEventResponse", "memory.proto", """
                    EpisodicEvent event = 1;
                    string error = 2;
                    """));

    /** The RPCs of GLADyS's services that use the messages above. */
    public static final List<Rpc> RPCS = rpcs("""
            gladys.memory.MemoryStorage/StoreEvent(StoreEventRequest) returns (StoreEventResponse)
            gladys.memory.MemoryStorage/GetEvent(GetEventRequest) returns (GetEventResponse)
            gladys.memory.MemoryStorage/StoreHeuristic(StoreHeuristicRequest) returns (StoreHeuristicResponse)
            gladys.memory.MemoryStorage/QueryMatchingHeuristics(QueryMatchingHeuristicsRequest) returns (QueryHeuristicsResponse)
            gladys.memory.MemoryStorage/GetHeuristic(GetHeuristicRequest) returns (GetHeuristicResponse)
            gladys.memory.MemoryStorage/GetHealth(gladys.types.GetHealthRequest) returns (gladys.types.GetHealthResponse)
            gladys.memory.MemoryStorage/GetHealthDetails(gladys.types.GetHealthDetailsRequest) returns (gladys.types.GetHealthDetailsResponse)
            gladys.memory.SalienceGateway/EvaluateSalience(EvaluateSalienceRequest) returns (EvaluateSalienceResponse)
            gladys.memory.SalienceGateway/FlushCache(FlushCacheRequest) returns (FlushCacheResponse)
            gladys.memory.SalienceGateway/EvictFromCache(EvictFromCacheRequest) returns (EvictFromCacheResponse)
            gladys.memory.SalienceGateway/GetCacheStats(GetCacheStatsRequest) returns (GetCacheStatsResponse)
            gladys.memory.SalienceGateway/ListCachedHeuristics(ListCachedHeuristicsRequest) returns (ListCachedHeuristicsResponse)
            gladys.memory.SalienceGateway/NotifyHeuristicChange(NotifyHeuristicChangeRequest) returns (NotifyHeuristicChangeResponse)
            gladys.memory.SalienceGateway/GetHealth(gladys.types.GetHealthRequest) returns (gladys.types.GetHealthResponse)
            gladys.memory.SalienceGateway/GetHealthDetails(gladys.types.GetHealthDetailsRequest) returns (gladys.types.GetHealthDetailsResponse)
            gladys.v1.OrchestratorService/PublishEvent(PublishEventRequest) returns (PublishEventResponse)
            gladys.v1.OrchestratorService/GetHealth(gladys.types.GetHealthRequest) returns (gladys.types.GetHealthResponse)
            gladys.v1.OrchestratorService/GetHealthDetails(gladys.types.GetHealthDetailsRequest) returns (gladys.types.GetHealthDetailsResponse)
            gladys.v1.ExecutiveService/ProcessEvent(ProcessEventRequest) returns (ProcessEventResponse)
            gladys.v1.ExecutiveService/GetHealth(gladys.types.GetHealthRequest) returns (gladys.types.GetHealthResponse)
            gladys.v1.ExecutiveService/GetHealthDetails(gladys.types.GetHealthDetailsRequest) returns (gladys.types.GetHealthDetailsResponse)
            """);

    private static final Pattern FIELD = Pattern.compile(
            "(repeated\\s+)?(map<\\s*(\\w+)\\s*,\\s*([\\w.]+)\\s*>|[\\w.]+)\\s+(\\w+)\\s*=\\s*(\\d+)\\s*;");
    private static final Pattern VALUE = Pattern.compile("(\\w+)\\s*=\\s*(\\d+)\\s*;");

    private static final Map<String, FieldDescriptorProto.Type> SCALARS = Map.ofEntries(
            Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
            Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES),
            Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL),
            Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
            Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE),
            Map.entry("int32", FieldDescriptorProto.Type.TYPE_INT32),
            Map.entry("int64", FieldDescriptorProto.Type.TYPE_INT64),
            Map.entry("uint32", FieldDescriptorProto.Type.TYPE_UINT32),
            Map.entry("uint64", FieldDescriptorProto.Type.TYPE_UINT64));

    private static Map<String, Descriptor> compiled;
    private static Map<String, EnumDescriptor> compiledEnums;

    private GladysWire() {
    }

    /** GLADyS's message of that full name (e.g. gladys.v1.Event), compiled from the table. */
    public static synchronized Descriptor descriptor(String fullName) {
        compile();
        Descriptor d = compiled.get(fullName);
        if (d == null) {
            throw new IllegalArgumentException("not in the GLADyS table: " + fullName);
        }
        return d;
    }

    /** GLADyS's enum of that full name, compiled from the table. */
    public static synchronized EnumDescriptor enumDescriptor(String fullName) {
        compile();
        return compiledEnums.get(fullName);
    }

    public static synchronized Map<String, Descriptor> messages() {
        compile();
        return compiled;
    }

    public static Rpc rpc(String service, String method) {
        return RPCS.stream().filter(r -> r.service().equals(service) && r.method().equals(method)).findFirst()
                .orElse(null);
    }

    /** One file per package, in dependency order: types, then memory and v1 (which import types). */
    private static void compile() {
        if (compiled != null) {
            return;
        }
        try {
            Descriptors.FileDescriptor timestamp = Timestamp.getDescriptor().getFile();
            Descriptors.FileDescriptor struct = Struct.getDescriptor().getFile();
            Descriptors.FileDescriptor types = Descriptors.FileDescriptor.buildFrom(file(TYPES), new Descriptors.FileDescriptor[0]);
            Descriptors.FileDescriptor memory = Descriptors.FileDescriptor.buildFrom(file(MEMORY),
                    new Descriptors.FileDescriptor[] {types});
            Descriptors.FileDescriptor v1 = Descriptors.FileDescriptor.buildFrom(file(V1),
                    new Descriptors.FileDescriptor[] {types, timestamp, struct});
            Map<String, Descriptor> m = new LinkedHashMap<>();
            Map<String, EnumDescriptor> e = new LinkedHashMap<>();
            for (Descriptors.FileDescriptor f : List.of(types, memory, v1)) {
                f.getMessageTypes().forEach(d -> m.put(d.getFullName(), d));
                f.getEnumTypes().forEach(d -> e.put(d.getFullName(), d));
            }
            compiled = m;
            compiledEnums = e;
        } catch (Descriptors.DescriptorValidationException ex) {
            throw new IllegalStateException("the GLADyS table does not compile: " + ex.getMessage(), ex);
        }
    }

    private static FileDescriptorProto file(String pkg) {
        FileDescriptorProto.Builder f = FileDescriptorProto.newBuilder().setName("gladys-table/" + pkg + ".proto")
                .setPackage(pkg).setSyntax("proto3");
        if (!pkg.equals(TYPES)) {
            f.addDependency("gladys-table/" + TYPES + ".proto");
        }
        if (pkg.equals(V1)) {
            f.addDependency(Timestamp.getDescriptor().getFile().getName());
            f.addDependency(Struct.getDescriptor().getFile().getName());
        }
        for (Enum en : ENUMS) {
            if (en.pkg().equals(pkg)) {
                EnumDescriptorProto.Builder b = EnumDescriptorProto.newBuilder().setName(en.name());
                Matcher v = VALUE.matcher(en.values());
                while (v.find()) {
                    b.addValue(EnumValueDescriptorProto.newBuilder().setName(v.group(1))
                            .setNumber(Integer.parseInt(v.group(2))));
                }
                f.addEnumType(b);
            }
        }
        for (Message msg : MESSAGES) {
            if (msg.pkg().equals(pkg)) {
                f.addMessageType(message(msg));
            }
        }
        return f.build();
    }

    private static DescriptorProto message(Message msg) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(msg.name());
        Matcher m = FIELD.matcher(msg.fields());
        int parsed = 0;
        while (m.find()) {
            parsed++;
            String name = m.group(5);
            FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name)
                    .setNumber(Integer.parseInt(m.group(6)))
                    .setLabel(m.group(1) != null ? FieldDescriptorProto.Label.LABEL_REPEATED
                            : FieldDescriptorProto.Label.LABEL_OPTIONAL);
            if (m.group(3) != null) {
                // a map is a repeated nested entry message with key = 1 and value = 2
                String entry = camel(name) + "Entry";
                DescriptorProto.Builder e = DescriptorProto.newBuilder().setName(entry)
                        .setOptions(MessageOptions.newBuilder().setMapEntry(true));
                e.addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), m.group(3), msg.pkg()));
                e.addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), m.group(4), msg.pkg()));
                b.addNestedType(e);
                f.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                        .setTypeName("." + msg.fullName() + "." + entry);
            } else {
                typed(f, m.group(2), msg.pkg());
            }
            b.addField(f);
        }
        long lines = msg.fields().lines().filter(l -> !l.isBlank()).count();
        if (parsed != lines) {
            throw new IllegalStateException("a line of " + msg.fullName() + " in the GLADyS table is not a field");
        }
        return b.build();
    }

    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder f, String type, String pkg) {
        FieldDescriptorProto.Type scalar = SCALARS.get(type);
        if (scalar != null) {
            return f.setType(scalar);
        }
        String full = type.contains(".") ? type : pkg + "." + type;
        boolean isEnum = ENUMS.stream().anyMatch(e -> e.fullName().equals(full));
        return f.setType(isEnum ? FieldDescriptorProto.Type.TYPE_ENUM : FieldDescriptorProto.Type.TYPE_MESSAGE)
                .setTypeName("." + full);
    }

    private static String camel(String snake) {
        StringBuilder s = new StringBuilder();
        for (String part : snake.split("_")) {
            s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return s.toString();
    }

    private static List<Rpc> rpcs(String text) {
        List<Rpc> out = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            Matcher m = RPC.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalStateException("not an RPC line: " + line);
            }
            String pkg = m.group(1).substring(0, m.group(1).lastIndexOf('.'));
            out.add(new Rpc(m.group(1), m.group(2), qualify(m.group(3), pkg), qualify(m.group(4), pkg)));
        }
        return List.copyOf(out);
    }

    private static String qualify(String type, String pkg) {
        return type.contains(".") ? type : pkg + "." + type;
    }
}
