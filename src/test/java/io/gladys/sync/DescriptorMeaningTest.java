package io.gladys.sync;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorMeaningTest {

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FileDescriptorProto.Builder file(String syntax) {
        return FileDescriptorProto.newBuilder().setName("a.proto").setPackage("pkg").setSyntax(syntax)
                .addMessageType(DescriptorProto.newBuilder().setName("M")
                        .addField(field("id", 1, Type.TYPE_STRING).setJsonName("id"))
                        .addField(field("count", 2, Type.TYPE_INT32).setJsonName("count"))
                        .addField(field("text", 3, Type.TYPE_STRING).setOneofIndex(0))
                        .addField(field("blob", 4, Type.TYPE_BYTES).setOneofIndex(0))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("body")))
                .addEnumType(EnumDescriptorProto.newBuilder().setName("Color")
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("RED").setNumber(0))
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("BLUE").setNumber(1)))
                .addService(ServiceDescriptorProto.newBuilder().setName("S")
                        .addMethod(MethodDescriptorProto.newBuilder().setName("Get").setInputType(".pkg.M")
                                .setOutputType(".pkg.M")));
    }

    private static List<String> diff(FileDescriptorProto proto, FileDescriptorProto stub) {
        return DescriptorMeaning.differences(DescriptorMeaning.of(proto).elements(),
                DescriptorMeaning.of(stub).elements());
    }

    @Test
    void codegenDetailsAndDeclarationOrderAreNotMeaning() {
        FileDescriptorProto proto = file("proto3").build();
        FileDescriptorProto.Builder other = file("proto3")
                .setOptions(FileOptions.newBuilder().setJavaPackage("x.y").setGoPackage("z").setJavaMultipleFiles(true))
                .setSourceCodeInfo(SourceCodeInfo.newBuilder().addLocation(SourceCodeInfo.Location.newBuilder()
                        .addPath(4).setLeadingComments(" a comment")))
                .addDependency("google/protobuf/timestamp.proto");
        DescriptorProto.Builder m = other.getMessageTypeBuilder(0);
        FieldDescriptorProto first = m.getField(0);
        m.removeField(0).addField(first.toBuilder().clearJsonName());

        assertThat(other.build()).isNotEqualTo(proto);
        assertThat(diff(proto, other.build())).isEmpty();
    }

    @Test
    void fieldsAreComparedByNumber() {
        FileDescriptorProto proto = file("proto3").build();
        FileDescriptorProto.Builder stub = file("proto3");
        stub.getMessageTypeBuilder(0).getFieldBuilder(1).setType(Type.TYPE_INT64).setLabel(Label.LABEL_REPEATED);
        stub.getMessageTypeBuilder(0).getFieldBuilder(2).clearOneofIndex();
        stub.getMessageTypeBuilder(0).addField(field("extra", 9, Type.TYPE_BOOL));

        assertThat(diff(proto, stub.build())).containsExactly(
                "message pkg.M: field 2 is 'int32 count' in the proto, 'repeated int64 count' in the stub",
                "message pkg.M: field 3 is 'string text [oneof body]' in the proto, 'string text' in the stub",
                "message pkg.M: field 9 (bool extra) is in the stub, no longer in the proto");
    }

    @Test
    void enumsServicesAndSyntaxAreCompared() {
        FileDescriptorProto proto = file("proto3").build();
        FileDescriptorProto.Builder stub = file("proto2");
        stub.getEnumTypeBuilder(0).getValueBuilder(1).setNumber(2);
        stub.getServiceBuilder(0).getMethodBuilder(0).setServerStreaming(true);
        stub.getServiceBuilder(0).addMethod(MethodDescriptorProto.newBuilder().setName("Old").setInputType(".pkg.M")
                .setOutputType(".pkg.M"));

        assertThat(diff(proto, stub.build())).containsExactly(
                "enum pkg.Color: value BLUE is 'BLUE = 1' in the proto, 'BLUE = 2' in the stub",
                "file: syntax is 'proto3' in the proto, 'proto2' in the stub",
                // proto2 spells out the optional label: the same field reads differently
                "message pkg.M: field 1 is 'string id' in the proto, 'optional string id' in the stub",
                "message pkg.M: field 2 is 'int32 count' in the proto, 'optional int32 count' in the stub",
                "message pkg.M: field 3 is 'string text [oneof body]' in the proto, 'optional string text [oneof body]' "
                        + "in the stub",
                "message pkg.M: field 4 is 'bytes blob [oneof body]' in the proto, 'optional bytes blob [oneof body]' "
                        + "in the stub",
                "service pkg.S: rpc Get is '(pkg.M) returns (pkg.M)' in the proto, '(pkg.M) returns (stream pkg.M)' "
                        + "in the stub",
                "service pkg.S: rpc Old ((pkg.M) returns (pkg.M)) is in the stub, no longer in the proto");
    }

    @Test
    void aRemovedMessageIsNamedWithItsFields() {
        FileDescriptorProto.Builder proto = file("proto3");
        proto.addMessageType(DescriptorProto.newBuilder().setName("Added")
                .addField(field("at", 1, Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Timestamp")));

        assertThat(diff(proto.build(), file("proto3").build())).containsExactly(
                "message pkg.Added is in the proto, not in the stub",
                "message pkg.Added: field 1 (google.protobuf.Timestamp at) is in the proto, not in the stub");
    }
}
