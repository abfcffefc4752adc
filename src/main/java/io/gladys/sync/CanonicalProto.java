package io.gladys.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A proto of the canonical directory, read once: its path relative to that directory (as protoc names
 * it with {@code -I <canonical dir>}), its normalised content and hash.
 */
record CanonicalProto(String name, Path file, byte[] content, String hash, FileTime modified) {

    String fileName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    String shortHash() {
        return hash.substring(0, ProtoText.SHORT_HASH);
    }

    static List<CanonicalProto> readAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("The canonical proto directory " + dir + " does not exist.");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".proto") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<CanonicalProto> out = new ArrayList<>(files.size());
        for (Path f : files) {
            byte[] content = ProtoText.normalize(Files.readAllBytes(f));
            String name = dir.relativize(f).toString().replace('\\', '/');
            out.add(new CanonicalProto(name, f, content, ProtoText.sha256(content), Files.getLastModifiedTime(f)));
        }
        return out;
    }
}
