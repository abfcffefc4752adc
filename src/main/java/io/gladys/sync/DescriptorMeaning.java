package io.gladys.sync;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a proto file means on the wire and to its callers, as a flat, ordered set of elements:
 * package, messages, fields by number (name, type, label, oneof), enums and values, services and RPCs.
 * Left out on purpose, because another protoc version or generator changes them without changing the
 * contract: source info, json names, imports (types are named in full anyway), declaration order,
 * and codegen options (java_*, go_package, optimize_for, ...).
 */
final class DescriptorMeaning {

    /** One element: where it lives, what it is, and what it is defined as. */
    record Element(String where, String label, String definition) {
    }

    private final Map<String, Element> elements = new TreeMap<>();

    private DescriptorMeaning() {
    }

    static DescriptorMeaning of(FileDescriptorProto file) {
        DescriptorMeaning m = new DescriptorMeaning();
        String syntax = file.getSyntax().isEmpty() ? "proto2" : file.getSyntax();
        if ("editions".equals(syntax)) {
            syntax = "edition " + file.getEdition().name().replace("EDITION_", "").toLowerCase(Locale.ROOT);
        }
        m.put("file", "file:package", "package", file.getPackage());
        m.put("file", "file:syntax", "syntax", syntax);
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        boolean proto3 = "proto3".equals(syntax);
        for (DescriptorProto d : file.getMessageTypeList()) {
            m.message(prefix + d.getName(), d, proto3);
        }
        for (EnumDescriptorProto e : file.getEnumTypeList()) {
            m.enumType(prefix + e.getName(), e);
        }
        for (FieldDescriptorProto f : file.getExtensionList()) {
            m.field("extensions of " + stripDot(f.getExtendee()), "extensions:" + f.getExtendee(), f, null, proto3);
        }
        for (ServiceDescriptorProto s : file.getServiceList()) {
            String service = prefix + s.getName();
            m.put("", "service:" + service, "service " + service, "service");
            for (MethodDescriptorProto rpc : s.getMethodList()) {
                m.put("service " + service, "rpc:" + service + "/" + rpc.getName(), "rpc " + rpc.getName(),
                        rpc(rpc.getClientStreaming(), stripDot(rpc.getInputType()), rpc.getServerStreaming(),
                                stripDot(rpc.getOutputType())));
            }
        }
        return m;
    }

    /** An RPC signature as people write it. */
    static String rpc(boolean clientStreaming, String input, boolean serverStreaming, String output) {
        return "(" + (clientStreaming ? "stream " : "") + input + ") returns (" + (serverStreaming ? "stream " : "")
                + output + ")";
    }

    private void message(String name, DescriptorProto d, boolean proto3) {
        put("", "message:" + name, "message " + name,
                d.getOptions().getMapEntry() ? "map entry" : "message");
        for (FieldDescriptorProto f : d.getFieldList()) {
            String oneof = f.hasOneofIndex() && !f.getProto3Optional()
                    ? d.getOneofDecl(f.getOneofIndex()).getName() : null;
            field("message " + name, "message:" + name, f, oneof, proto3);
        }
        for (FieldDescriptorProto f : d.getExtensionList()) {
            field("extensions of " + stripDot(f.getExtendee()), "extensions:" + f.getExtendee(), f, null, proto3);
        }
        for (DescriptorProto nested : d.getNestedTypeList()) {
            message(name + "." + nested.getName(), nested, proto3);
        }
        for (EnumDescriptorProto e : d.getEnumTypeList()) {
            enumType(name + "." + e.getName(), e);
        }
    }

    private void field(String where, String key, FieldDescriptorProto f, String oneof, boolean proto3) {
        StringBuilder def = new StringBuilder();
        switch (f.getLabel()) {
            case LABEL_REPEATED -> def.append("repeated ");
            case LABEL_REQUIRED -> def.append("required ");
            default -> {
                if (!proto3 || f.getProto3Optional()) {
                    def.append("optional ");
                }
            }
        }
        def.append(type(f)).append(' ').append(f.getName());
        List<String> extras = new ArrayList<>();
        if (oneof != null) {
            extras.add("oneof " + oneof);
        }
        if (f.hasDefaultValue()) {
            extras.add("default = " + f.getDefaultValue());
        }
        if (f.getOptions().hasPacked()) {
            extras.add("packed = " + f.getOptions().getPacked());
        }
        if (!extras.isEmpty()) {
            def.append(" [").append(String.join(", ", extras)).append(']');
        }
        put(where, key + "#" + f.getNumber(), "field " + f.getNumber(), def.toString());
    }

    private static String type(FieldDescriptorProto f) {
        return switch (f.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM -> stripDot(f.getTypeName());
            case TYPE_GROUP -> "group " + stripDot(f.getTypeName());
            default -> f.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
        };
    }

    private void enumType(String name, EnumDescriptorProto e) {
        put("", "enum:" + name, "enum " + name, "enum");
        for (EnumValueDescriptorProto v : e.getValueList()) {
            put("enum " + name, "enum:" + name + "#" + v.getName(), "value " + v.getName(),
                    v.getName() + " = " + v.getNumber());
        }
    }

    private void put(String where, String key, String label, String definition) {
        elements.put(key, new Element(where, label, definition));
    }

    /**
     * The differences of a stub from the canonical proto, one readable line each, in a stable order:
     * what the proto has that the stub lacks, what the stub has that the proto no longer has, and what
     * both have defined differently.
     */
    static List<String> differences(Map<String, Element> proto, Map<String, Element> stub) {
        List<String> out = new ArrayList<>();
        for (var e : proto.entrySet()) {
            Element p = e.getValue();
            Element s = stub.get(e.getKey());
            if (s == null) {
                out.add(at(p) + p.label() + describe(p) + " is in the proto, not in the stub");
            } else if (!Objects.equals(p.definition(), s.definition())) {
                out.add(at(p) + p.label() + " is '" + p.definition() + "' in the proto, '" + s.definition()
                        + "' in the stub");
            }
        }
        for (var e : stub.entrySet()) {
            if (!proto.containsKey(e.getKey())) {
                Element s = e.getValue();
                out.add(at(s) + s.label() + describe(s) + " is in the stub, no longer in the proto");
            }
        }
        return out;
    }

    private static String at(Element e) {
        return e.where().isEmpty() ? "" : e.where() + ": ";
    }

    /** Fields and RPCs are shown with their definition; messages and services by name alone. */
    private static String describe(Element e) {
        boolean bare = e.label().endsWith(" " + e.definition()) || e.definition().equals("message")
                || e.definition().equals("service") || e.definition().equals("enum");
        return bare ? "" : " (" + e.definition() + ")";
    }

    Map<String, Element> elements() {
        return elements;
    }

    static String stripDot(String typeName) {
        return typeName.startsWith(".") ? typeName.substring(1) : typeName;
    }
}
