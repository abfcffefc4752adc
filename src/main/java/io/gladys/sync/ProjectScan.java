package io.gladys.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One walk over the project that collects, by file name, the files sync-check looks at (proto copies,
 * generated stubs), with the modification times the walk reads anyway. Walking once keeps the check
 * cheap enough to run on every build.
 */
final class ProjectScan {

    /** A file the walk found. */
    record Found(Path path, FileTime modified) {
    }

    private final Map<String, List<Found>> byName = new HashMap<>();
    private int files;

    private ProjectScan() {
    }

    /**
     * @param roots         directories to walk; one inside another is walked once
     * @param excludedNames directory names skipped at any depth (target, .git, ...)
     * @param excludedDirs  directories skipped wherever they are
     * @param wanted        which file names to keep
     */
    static ProjectScan walk(Collection<Path> roots, Set<String> excludedNames, Collection<Path> excludedDirs,
                            Predicate<String> wanted) throws IOException {
        ProjectScan scan = new ProjectScan();
        List<Path> normalized = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        List<Path> excluded = excludedDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path root : normalized) {
            boolean inside = normalized.stream().anyMatch(o -> !o.equals(root) && root.startsWith(o));
            if (inside || !Files.isDirectory(root)) {
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (excludedNames.contains(dir.getFileName().toString())
                            || excluded.contains(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && wanted.test(name)) {
                        scan.byName.computeIfAbsent(name, k -> new ArrayList<>())
                                .add(new Found(file, attrs.lastModifiedTime()));
                        scan.files++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // an unreadable corner of the project must not stop the whole check
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return scan;
    }

    List<Found> named(String fileName) {
        return byName.getOrDefault(fileName, List.of());
    }

    /** Every kept file whose name passes the filter. */
    List<Found> matching(Predicate<String> fileName) {
        List<Found> out = new ArrayList<>();
        byName.forEach((name, found) -> {
            if (fileName.test(name)) {
                out.addAll(found);
            }
        });
        return out;
    }

    int fileCount() {
        return files;
    }
}
