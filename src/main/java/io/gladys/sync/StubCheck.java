package io.gladys.sync;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Generated stubs compared with the canonical protos by meaning: the descriptor a stub embeds (Python
 * {@code *_pb2.py}, Java outer classes) against the one protoc gives for the canonical proto, and the RPCs
 * a gRPC stub calls ({@code *_pb2_grpc.py}, {@code *Grpc.java}) against the canonical services. Only where
 * a stub's content cannot be read, or protoc could not compile the canonical protos, are modification
 * times compared instead, and the result says so.
 */
public final class StubCheck {

    public enum StubKind {
        PYTHON("Python messages"), PYTHON_GRPC("Python gRPC"), JAVA("Java messages"), JAVA_GRPC("Java gRPC");

        private final String label;

        StubKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum StubState {
        /** Same meaning as the canonical proto. */
        IN_SYNC,
        /** Different meaning: {@link StubResult#differences()} says what. */
        STALE,
        /** Content unreadable, and the proto was modified after the stub. */
        STALE_BY_TIME,
        /** Content unreadable, and the stub was modified after the proto. */
        IN_SYNC_BY_TIME
    }

    /**
     * One generated stub checked against its canonical proto.
     *
     * @param reason    why modification times were compared (the *_BY_TIME states), else null
     * @param outputDir the directory the generator wrote into ({@code --python_out}, {@code --java_out})
     */
    public record StubResult(Path stub, StubKind kind, String proto, StubState state, List<String> differences,
                             String reason, Path outputDir) {

        public boolean drift() {
            return state == StubState.STALE || state == StubState.STALE_BY_TIME;
        }
    }

    /** The canonical protos' descriptors by name, or why there are none. */
    record CanonicalDescriptors(Map<String, FileDescriptorProto> byName, String unavailableReason) {

        static CanonicalDescriptors unavailable(String reason) {
            return new CanonicalDescriptors(Map.of(), reason);
        }
    }

    private static final Pattern JAVA_PACKAGE = Pattern.compile("option\\s+java_package\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern JAVA_OUTER = Pattern.compile("option\\s+java_outer_classname\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern SERVICE = Pattern.compile("\\bservice\\s+(\\w+)\\s*\\{");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private final List<CanonicalProto> canonical;
    private final Supplier<CanonicalDescriptors> descriptorSource;
    private CanonicalDescriptors descriptors;
    private final Map<String, CanonicalProto> byName = new HashMap<>();
    private final Map<String, List<CanonicalProto>> byFileName = new HashMap<>();
    private final Map<String, Map<String, DescriptorMeaning.Element>> meanings = new HashMap<>();

    /** @param descriptors asked for only when a stub is found, so a project without stubs never runs protoc */
    StubCheck(List<CanonicalProto> canonical, Supplier<CanonicalDescriptors> descriptors) {
        this.canonical = canonical;
        this.descriptorSource = descriptors;
        for (CanonicalProto p : canonical) {
            byName.put(p.name(), p);
            byFileName.computeIfAbsent(p.fileName(), k -> new ArrayList<>()).add(p);
        }
    }

    private CanonicalDescriptors descriptors() {
        if (descriptors == null) {
            descriptors = descriptorSource.get();
        }
        return descriptors;
    }

    private String unavailable(CanonicalProto proto) {
        String reason = descriptors().unavailableReason();
        return reason != null ? reason : "protoc gave no descriptor for " + proto.name();
    }

    /** Whether protoc was needed (some stub had a readable content to compare). */
    boolean descriptorsUsed() {
        return descriptors != null;
    }

    /** Why stubs were compared by modification time, when protoc gave no descriptors; else null. */
    String descriptorsUnavailable() {
        return descriptors == null ? null : descriptors.unavailableReason();
    }

    /** File names that may be stubs, for the project walk. */
    static boolean mayBeStub(String fileName) {
        return fileName.endsWith("_pb2.py") || fileName.endsWith("_pb2_grpc.py") || fileName.endsWith(".java");
    }

    List<StubResult> check(ProjectScan scan, Collection<Path> roots) throws IOException {
        List<Path> stubRoots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<StubResult> out = new ArrayList<>();
        for (ProjectScan.Found f : scan.matching(n -> n.endsWith("_pb2.py"))) {
            if (under(f, stubRoots)) {
                add(out, pythonMessages(f));
            }
        }
        for (ProjectScan.Found f : scan.matching(n -> n.endsWith("_pb2_grpc.py"))) {
            if (under(f, stubRoots)) {
                add(out, pythonGrpc(f));
            }
        }
        for (CanonicalProto proto : canonical) {
            JavaNames names = JavaNames.of(proto);
            for (String outer : names.outerClassCandidates()) {
                for (ProjectScan.Found f : scan.named(outer + ".java")) {
                    if (under(f, stubRoots) && names.inPackage(f.path(), outer)) {
                        add(out, javaMessages(f, proto));
                    }
                }
            }
            for (String service : names.services()) {
                for (ProjectScan.Found f : scan.named(service + "Grpc.java")) {
                    if (under(f, stubRoots) && names.inPackage(f.path(), service + "Grpc")) {
                        add(out, javaGrpc(f, proto, service));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(StubResult::stub));
        return out;
    }

    private static void add(List<StubResult> out, StubResult r) {
        if (r != null) {
            out.add(r);
        }
    }

    private static boolean under(ProjectScan.Found f, List<Path> roots) {
        Path p = f.path().toAbsolutePath().normalize();
        return roots.stream().anyMatch(p::startsWith);
    }

    private StubResult pythonMessages(ProjectScan.Found f) throws IOException {
        String source = read(f.path());
        String stem = f.path().getFileName().toString().replaceFirst("_pb2\\.py$", "");
        FileDescriptorProto stub;
        try {
            stub = parse(PythonLiterals.embeddedDescriptor(source));
        } catch (StubFormatException e) {
            CanonicalProto proto = byStem(stem);
            return proto == null ? null : byTime(f, StubKind.PYTHON, proto, "cannot read its descriptor: "
                    + e.getMessage());
        }
        CanonicalProto proto = owner(stub.getName());
        return proto == null ? null : compare(f, StubKind.PYTHON, proto, stub);
    }

    private StubResult pythonGrpc(ProjectScan.Found f) throws IOException {
        String stem = f.path().getFileName().toString().replaceFirst("_pb2_grpc\\.py$", "");
        CanonicalProto proto = byStem(stem);
        if (proto == null) {
            return null;
        }
        Map<String, DescriptorMeaning.Element> stub;
        try {
            stub = GrpcStubs.python(read(f.path()));
        } catch (StubFormatException e) {
            return byTime(f, StubKind.PYTHON_GRPC, proto, "cannot read its methods: " + e.getMessage());
        }
        FileDescriptorProto canonicalFile = descriptors().byName().get(proto.name());
        if (canonicalFile == null) {
            return byTime(f, StubKind.PYTHON_GRPC, proto, unavailable(proto));
        }
        return result(f, StubKind.PYTHON_GRPC, proto, GrpcStubs.canonical(canonicalFile, null), stub);
    }

    private StubResult javaMessages(ProjectScan.Found f, CanonicalProto proto) throws IOException {
        String source = javaDescriptorPart(f.path());
        if (!JavaLiterals.hasDescriptorData(source)) {
            // a hand-written class that happens to carry the outer class's name
            return null;
        }
        FileDescriptorProto stub;
        try {
            stub = parse(JavaLiterals.embeddedDescriptor(source));
        } catch (StubFormatException e) {
            return byTime(f, StubKind.JAVA, proto, "cannot read its descriptor: " + e.getMessage());
        }
        CanonicalProto owner = owner(stub.getName());
        return owner == null ? null : compare(f, StubKind.JAVA, owner, stub);
    }

    private StubResult javaGrpc(ProjectScan.Found f, CanonicalProto proto, String service) throws IOException {
        String source = read(f.path());
        if (GrpcStubs.javaServiceName(source) == null && !source.contains("io.grpc")) {
            return null;
        }
        Map<String, DescriptorMeaning.Element> stub;
        try {
            stub = GrpcStubs.java(source);
        } catch (StubFormatException e) {
            return byTime(f, StubKind.JAVA_GRPC, proto, "cannot read its methods: " + e.getMessage());
        }
        FileDescriptorProto canonicalFile = descriptors().byName().get(proto.name());
        if (canonicalFile == null) {
            return byTime(f, StubKind.JAVA_GRPC, proto, unavailable(proto));
        }
        return result(f, StubKind.JAVA_GRPC, proto, GrpcStubs.canonical(canonicalFile, service), stub);
    }

    private StubResult compare(ProjectScan.Found f, StubKind kind, CanonicalProto proto, FileDescriptorProto stub) {
        FileDescriptorProto canonicalFile = descriptors().byName().get(proto.name());
        if (canonicalFile == null) {
            return byTime(f, kind, proto, unavailable(proto));
        }
        Map<String, DescriptorMeaning.Element> expected = meanings.computeIfAbsent(proto.name(),
                n -> DescriptorMeaning.of(canonicalFile).elements());
        return result(f, kind, proto, expected, DescriptorMeaning.of(stub).elements());
    }

    private static StubResult result(ProjectScan.Found f, StubKind kind, CanonicalProto proto,
                                     Map<String, DescriptorMeaning.Element> expected,
                                     Map<String, DescriptorMeaning.Element> actual) {
        List<String> differences = DescriptorMeaning.differences(expected, actual);
        return new StubResult(f.path(), kind, proto.name(), differences.isEmpty() ? StubState.IN_SYNC
                : StubState.STALE, differences, null, outputDir(f.path(), kind, proto));
    }

    private static StubResult byTime(ProjectScan.Found f, StubKind kind, CanonicalProto proto, String reason) {
        boolean older = f.modified().compareTo(proto.modified()) < 0;
        return new StubResult(f.path(), kind, proto.name(), older ? StubState.STALE_BY_TIME
                : StubState.IN_SYNC_BY_TIME, List.of(), reason, outputDir(f.path(), kind, proto));
    }

    /**
     * The generator's output directory: Python stubs sit below it in the proto's own sub-directories,
     * Java sources in their package's.
     */
    static Path outputDir(Path stub, StubKind kind, CanonicalProto proto) {
        int depth;
        if (kind == StubKind.PYTHON || kind == StubKind.PYTHON_GRPC) {
            depth = (int) proto.name().chars().filter(c -> c == '/').count();
        } else {
            String pkg = JavaNames.of(proto).javaPackage();
            depth = pkg.isEmpty() ? 0 : pkg.split("\\.").length;
        }
        Path dir = stub.getParent();
        for (int i = 0; i < depth && dir != null && dir.getParent() != null; i++) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static FileDescriptorProto parse(byte[] bytes) throws StubFormatException {
        try {
            return FileDescriptorProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StubFormatException("the embedded bytes are not a FileDescriptorProto (" + e.getMessage() + ")",
                    e);
        }
    }

    /** The canonical proto a descriptor names: the same relative name, or else the only one of that file name. */
    private CanonicalProto owner(String descriptorName) {
        CanonicalProto exact = byName.get(descriptorName);
        if (exact != null) {
            return exact;
        }
        String fileName = descriptorName.substring(descriptorName.lastIndexOf('/') + 1);
        List<CanonicalProto> same = byFileName.getOrDefault(fileName, List.of());
        return same.size() == 1 ? same.get(0) : null;
    }

    private CanonicalProto byStem(String stem) {
        List<CanonicalProto> same = byFileName.getOrDefault(stem + ".proto", List.of());
        return same.size() == 1 ? same.get(0) : null;
    }

    /** How much of a Java outer class's end is read first: its descriptor sits in the static block at the end. */
    private static final int JAVA_TAIL = 16 * 1024;

    /**
     * The end of a generated Java outer class that holds the {@code descriptorData} array, read from the end of
     * the file in growing windows: with every message nested in it, the class can be large, and the messages
     * are of no interest here.
     */
    static String javaDescriptorPart(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long window = JAVA_TAIL; ; window *= 4) {
                long from = Math.max(0, size - window);
                ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
                while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                    // read until the buffer is full
                }
                String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                int start = tail.indexOf("descriptorData = {");
                // the window runs to the end of the file, so a found start has the whole array after it
                if (from == 0 || start >= 0) {
                    return tail;
                }
            }
        }
    }

    private static String read(Path p) throws IOException {
        // generated sources are ASCII; latin-1 reads any byte without failing
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }

    /** Where protoc's Java generator puts the classes of a proto, read from the proto's options. */
    record JavaNames(String javaPackage, Set<String> outerClassCandidates, List<String> services) {

        static JavaNames of(CanonicalProto proto) {
            String text = COMMENTS.matcher(new String(proto.content(), StandardCharsets.UTF_8)).replaceAll("");
            String pkg = first(JAVA_PACKAGE, text);
            if (pkg == null) {
                pkg = first(PACKAGE, text);
            }
            Set<String> outer = new LinkedHashSet<>();
            String explicit = first(JAVA_OUTER, text);
            if (explicit != null) {
                outer.add(explicit);
            } else {
                // protoc appends OuterClass when a type has the file's class name; look for both
                String camel = camelCase(proto.fileName().replaceFirst("\\.proto$", ""));
                outer.add(camel);
                outer.add(camel + "OuterClass");
            }
            List<String> services = new ArrayList<>();
            Matcher m = SERVICE.matcher(text);
            while (m.find()) {
                services.add(m.group(1));
            }
            return new JavaNames(pkg == null ? "" : pkg, outer, services);
        }

        /** Whether a Java file sits in this package's directory (so a same-named class elsewhere is not taken). */
        boolean inPackage(Path file, String className) {
            String p = file.toString().replace('\\', '/');
            String expected = (javaPackage.isEmpty() ? "" : javaPackage.replace('.', '/') + "/") + className + ".java";
            return p.endsWith("/" + expected) || p.equals(expected);
        }

        private static String first(Pattern pattern, String text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.group(1) : null;
        }

        /** protoc's file-name-to-class-name rule: capitalise after digits and non-alphanumerics, drop those. */
        static String camelCase(String name) {
            StringBuilder b = new StringBuilder();
            boolean capNext = true;
            for (char c : name.toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    b.append(capNext ? Character.toUpperCase(c) : c);
                    capNext = false;
                } else if (c >= 'A' && c <= 'Z') {
                    b.append(c);
                    capNext = false;
                } else if (c >= '0' && c <= '9') {
                    b.append(c);
                    capNext = true;
                } else {
                    capNext = true;
                }
            }
            return b.toString();
        }
    }
}
