package io.gladys.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of the canonical protos elsewhere in the project, compared by content (line endings
 * normalised). Each copy is read once and hashed; only a copy whose hash differs is diffed, to say
 * where it differs.
 */
public final class ProtoCopies {

    public enum CopyState { IN_SYNC, DIFFERS, MISSING }

    /** Which side was modified last. */
    public enum Newer { CANONICAL, COPY, SAME }

    /**
     * One copy of a canonical proto. For {@link CopyState#DIFFERS}: the first differing line (1-based) and
     * both lines (null: that side ended before it); for {@link CopyState#MISSING}: where it was expected.
     */
    public record Copy(Path path, CopyState state, String hash, int line, String canonicalLine, String copyLine,
                       Newer newer) {

        public String shortHash() {
            return hash == null ? null : hash.substring(0, ProtoText.SHORT_HASH);
        }
    }

    /** A canonical proto and all its copies. */
    public record Result(String proto, Path canonical, String hash, List<Copy> copies) {

        public boolean inSync() {
            return copies.stream().allMatch(c -> c.state() == CopyState.IN_SYNC);
        }

        public String shortHash() {
            return hash.substring(0, ProtoText.SHORT_HASH);
        }
    }

    private ProtoCopies() {
    }

    /**
     * @param roots     where copies are looked for (the copies must lie under one of them)
     * @param locations configured locations (missing copies are reported for these); may be empty
     */
    static List<Result> check(List<CanonicalProto> canonical, Path canonicalDir, ProjectScan scan,
                              Collection<Path> roots, List<CopyLocation> locations) {
        Path canonicalRoot = canonicalDir.toAbsolutePath().normalize();
        List<Path> copyRoots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Map<String, List<CanonicalProto>> byFileName = new HashMap<>();
        canonical.forEach(c -> byFileName.computeIfAbsent(c.fileName(), k -> new ArrayList<>()).add(c));

        Map<CanonicalProto, List<Copy>> copies = new LinkedHashMap<>();
        canonical.forEach(c -> copies.put(c, new ArrayList<>()));
        for (var entry : byFileName.entrySet()) {
            for (ProjectScan.Found f : scan.named(entry.getKey())) {
                Path path = f.path().toAbsolutePath().normalize();
                if (path.startsWith(canonicalRoot) || copyRoots.stream().noneMatch(path::startsWith)) {
                    continue;
                }
                CanonicalProto proto = owner(entry.getValue(), path);
                copies.get(proto).add(compare(proto, path, f.modified()));
            }
        }
        for (CopyLocation location : locations) {
            Path dir = location.directory().toAbsolutePath().normalize();
            for (CanonicalProto proto : canonical) {
                if (location.expects(proto) && copies.get(proto).stream()
                        .noneMatch(c -> c.path().startsWith(dir))) {
                    copies.get(proto).add(new Copy(dir.resolve(proto.name()), CopyState.MISSING, null, 0, null, null,
                            null));
                }
            }
        }
        List<Result> out = new ArrayList<>(canonical.size());
        copies.forEach((proto, list) -> {
            list.sort((a, b) -> a.path().compareTo(b.path()));
            out.add(new Result(proto.name(), proto.file(), proto.hash(), List.copyOf(list)));
        });
        return out;
    }

    /** Among canonical protos of the same file name, the one whose relative path the copy's path ends with. */
    private static CanonicalProto owner(List<CanonicalProto> candidates, Path copy) {
        if (candidates.size() > 1) {
            String p = copy.toString().replace('\\', '/');
            for (CanonicalProto c : candidates) {
                if (p.endsWith("/" + c.name())) {
                    return c;
                }
            }
        }
        return candidates.get(0);
    }

    private static Copy compare(CanonicalProto proto, Path path, FileTime modified) {
        byte[] content;
        try {
            content = ProtoText.normalize(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the proto copy " + path + ": " + e.getMessage(), e);
        }
        // equal lengths are cheap to test first; the hash is still needed for the report
        if (content.length == proto.content().length && Arrays.equals(content, proto.content())) {
            return new Copy(path, CopyState.IN_SYNC, proto.hash(), 0, null, null, newer(proto.modified(), modified));
        }
        String hash = ProtoText.sha256(content);
        ProtoText.LineDifference d = ProtoText.firstDifference(proto.content(), content);
        Newer newer = newer(proto.modified(), modified);
        if (d == null) {
            // bytes that differ only inside invalid UTF-8 decode alike: different, but no line to show
            return new Copy(path, CopyState.DIFFERS, hash, 0, null, null, newer);
        }
        return new Copy(path, CopyState.DIFFERS, hash, d.line(), d.left(), d.right(), newer);
    }

    private static Newer newer(FileTime canonical, FileTime copy) {
        int c = canonical.compareTo(copy);
        return c > 0 ? Newer.CANONICAL : c < 0 ? Newer.COPY : Newer.SAME;
    }
}
