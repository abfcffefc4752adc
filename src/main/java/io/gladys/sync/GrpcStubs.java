package io.gladys.sync;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gRPC stubs carry no descriptor, only the services and methods they call: {@code *_pb2_grpc.py} (grpcio-tools)
 * and {@code *Grpc.java} (protoc-gen-grpc-java). They are compared with the canonical services by RPC name,
 * streaming kind and message names (simple names: the stubs spell them as module or class references).
 */
final class GrpcStubs {

    private static final Pattern PYTHON_METHOD = Pattern.compile(
            "channel\\.(unary_unary|unary_stream|stream_unary|stream_stream)\\(\\s*"
                    + "['\"]/([^/'\"]+)/([^'\"]+)['\"]\\s*,\\s*"
                    + "request_serializer\\s*=\\s*([\\w.]+)\\.SerializeToString\\s*,\\s*"
                    + "response_deserializer\\s*=\\s*([\\w.]+)\\.FromString");
    private static final Pattern PYTHON_ANY_PATH = Pattern.compile("['\"]/[\\w.]+/\\w+['\"]");

    private static final Pattern JAVA_SERVICE = Pattern.compile(
            "SERVICE_NAME\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern JAVA_METHOD = Pattern.compile(
            "fullMethodName\\s*=\\s*SERVICE_NAME\\s*\\+\\s*'/'\\s*\\+\\s*\"(\\w+)\"\\s*,\\s*"
                    + "requestType\\s*=\\s*([\\w.$]+)\\.class\\s*,\\s*"
                    + "responseType\\s*=\\s*([\\w.$]+)\\.class\\s*,\\s*"
                    + "methodType\\s*=\\s*[\\w.]*MethodType\\.(\\w+)");

    private GrpcStubs() {
    }

    /** The services of a canonical proto, in the terms the gRPC stubs can be compared in. */
    static Map<String, DescriptorMeaning.Element> canonical(FileDescriptorProto file, String onlyService) {
        Map<String, DescriptorMeaning.Element> out = new TreeMap<>();
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        for (ServiceDescriptorProto s : file.getServiceList()) {
            String service = prefix + s.getName();
            if (onlyService != null && !onlyService.equals(s.getName())) {
                continue;
            }
            service(out, service);
            for (MethodDescriptorProto m : s.getMethodList()) {
                rpc(out, service, m.getName(), m.getClientStreaming(), simple(m.getInputType()),
                        m.getServerStreaming(), simple(m.getOutputType()));
            }
        }
        return out;
    }

    /** The services and methods a {@code *_pb2_grpc.py} calls. */
    static Map<String, DescriptorMeaning.Element> python(String source) throws StubFormatException {
        Map<String, DescriptorMeaning.Element> out = new TreeMap<>();
        Matcher m = PYTHON_METHOD.matcher(source);
        while (m.find()) {
            String kind = m.group(1);
            service(out, m.group(2));
            rpc(out, m.group(2), m.group(3), kind.startsWith("stream"), simple(m.group(4)),
                    kind.endsWith("_stream"), simple(m.group(5)));
        }
        if (out.isEmpty() && PYTHON_ANY_PATH.matcher(source).find()) {
            throw new StubFormatException("method paths found, but not in the channel.unary_unary(...) form "
                    + "grpcio-tools writes");
        }
        return out;
    }

    /** The service and methods of a {@code *Grpc.java}. */
    static Map<String, DescriptorMeaning.Element> java(String source) throws StubFormatException {
        Matcher s = JAVA_SERVICE.matcher(source);
        if (!s.find()) {
            throw new StubFormatException("no SERVICE_NAME constant in the gRPC Java stub");
        }
        String service = s.group(1);
        Map<String, DescriptorMeaning.Element> out = new TreeMap<>();
        service(out, service);
        Matcher m = JAVA_METHOD.matcher(source);
        while (m.find()) {
            String type = m.group(4);
            boolean clientStreaming = type.equals("CLIENT_STREAMING") || type.equals("BIDI_STREAMING");
            boolean serverStreaming = type.equals("SERVER_STREAMING") || type.equals("BIDI_STREAMING");
            rpc(out, service, m.group(1), clientStreaming, simple(m.group(2)), serverStreaming, simple(m.group(3)));
        }
        if (out.size() == 1 && source.contains("fullMethodName")) {
            throw new StubFormatException("@RpcMethod annotations found, but not in the form protoc-gen-grpc-java "
                    + "writes");
        }
        return out;
    }

    /** The service name a {@code *Grpc.java} declares, or null. */
    static String javaServiceName(String source) {
        Matcher s = JAVA_SERVICE.matcher(source);
        return s.find() ? s.group(1) : null;
    }

    private static void service(Map<String, DescriptorMeaning.Element> out, String service) {
        out.put("service:" + service, new DescriptorMeaning.Element("", "service " + service, "service"));
    }

    private static void rpc(Map<String, DescriptorMeaning.Element> out, String service, String method,
                            boolean clientStreaming, String input, boolean serverStreaming, String output) {
        out.put("rpc:" + service + "/" + method, new DescriptorMeaning.Element("service " + service,
                "rpc " + method, DescriptorMeaning.rpc(clientStreaming, input, serverStreaming, output)));
    }

    /**
     * The last segment of a type name ({@code types__pb2.Outer.Inner}, {@code io.x.Outer$Inner}, {@code .pkg.Inner}):
     * the part both kinds of stub spell as the proto does.
     */
    private static String simple(String name) {
        String n = name.replace('$', '.');
        return n.substring(n.lastIndexOf('.') + 1);
    }
}
