package io.gladys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the sources, read from them: every package says what it is for, no two packages depend on
 * each other in a circle, the core imports no backend, and only the backends and the composition root
 * tell environments apart.
 */
class ProjectStructureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.gladys\\.[\\w.]+)\\.[A-Z]\\w*",
            Pattern.MULTILINE);
    /** Packages generated from the protos: leaves, outside these rules. */
    private static final String GENERATED = "io.gladys.proto";
    /** Where an environment may be told apart: its backend, and the one place that builds backends. */
    private static final Set<String> MAY_TELL_ENVIRONMENTS = Set.of("io.gladys.local", "io.gladys.local.agent", "io.gladys.local.state", "io.gladys.local.logs",
            "io.gladys.local.process", "io.gladys.docker", "io.gladys.docker.reference", "io.gladys.session",
            "io.gladys.catalog");
    private static final Pattern ENVIRONMENT_BRANCH = Pattern.compile(
            "Environment\\.(LOCAL|DOCKER)|case (LOCAL|DOCKER)\\b|\"(local|docker)\"\\.equals");

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        List<String> without = new ArrayList<>();
        for (Map.Entry<String, Path> p : packages().entrySet()) {
            Path info = p.getValue().resolve("package-info.java");
            if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**")) {
                without.add(p.getKey());
            }
        }
        assertThat(without).as("packages without a package-info.java that says what they are for").isEmpty();
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            List<String> path = findCycle(start, start, deps, new ArrayList<>(), new HashSet<>());
            if (path != null && path.get(0).equals(new TreeSet<>(path).first())) {
                cycles.add(path);
            }
        }
        assertThat(cycles).as("package cycles (each listed from its first package)").isEmpty();
    }

    @Test
    void theCoreImportsNoBackendAndOnlyTheCompositionRootBuildsThem() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps.get("io.gladys.stack")).noneMatch(d -> d.startsWith("io.gladys.local")
                || d.startsWith("io.gladys.docker") || d.equals("io.gladys.session") || d.equals("io.gladys.plugin"));
        for (var e : deps.entrySet()) {
            boolean buildsBackends = e.getValue().contains("io.gladys.local") || e.getValue().contains("io.gladys.docker");
            if (buildsBackends) {
                assertThat(e.getKey()).as(e.getKey() + " imports a backend package")
                        .isIn("io.gladys.session", "io.gladys.docker.reference", "io.gladys.local", "io.gladys.docker",
                                "io.gladys.plugin");
            }
        }
        // the Mojos only configure the backends' settings; they never open one
        assertThat(imports("io.gladys.plugin")).noneMatch(i -> i.matches("io\\.gladys\\.(local|docker)\\..*Backend"));
    }

    @Test
    void onlyTheBackendsAndTheCompositionRootTellEnvironmentsApart() throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Path> p : packages().entrySet()) {
            if (MAY_TELL_ENVIRONMENTS.contains(p.getKey())) {
                continue;
            }
            try (Stream<Path> files = Files.list(p.getValue())) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Matcher m = ENVIRONMENT_BRANCH.matcher(Files.readString(f));
                    while (m.find()) {
                        found.add(SOURCES.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("branches on the environment outside the backends").isEmpty();
    }

    /** Each package of the sources, by name, with its directory. */
    private static Map<String, Path> packages() throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .forEach(d -> out.put(SOURCES.relativize(d).toString().replace('/', '.'), d));
        }
        return out;
    }

    /** Package to the io.gladys packages its files import (proto packages left out). */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String p : packages().keySet()) {
            Set<String> d = new TreeSet<>();
            for (String i : imports(p)) {
                String pkg = i.substring(0, i.lastIndexOf('.'));
                if (!pkg.equals(p) && !pkg.startsWith(GENERATED)) {
                    d.add(pkg);
                }
            }
            out.put(p, d);
        }
        return out;
    }

    /** The io.gladys classes a package's files import. */
    private static Set<String> imports(String pkg) throws IOException {
        Set<String> out = new TreeSet<>();
        Path dir = SOURCES.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = Pattern.compile("^import (?:static )?(io\\.gladys\\.[\\w.]*?\\.[A-Z]\\w*)", Pattern.MULTILINE)
                        .matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static List<String> findCycle(String start, String at, Map<String, Set<String>> deps, List<String> path,
                                          Set<String> seen) {
        path.add(at);
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                return new ArrayList<>(path);
            }
            if (seen.add(next)) {
                List<String> found = findCycle(start, next, deps, path, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    @Test
    void theScannerSeesImportsAndCycles() {
        Matcher m = IMPORT.matcher("import io.gladys.stack.StackBackend;\nimport static io.gladys.x.Y.z;\n");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("io.gladys.stack");
        Map<String, Set<String>> deps = new HashMap<>();
        deps.put("a", Set.of("b"));
        deps.put("b", Set.of("c"));
        deps.put("c", Set.of("a"));
        assertThat(findCycle("a", "a", deps, new ArrayList<>(), new HashSet<>())).containsExactly("a", "b", "c");
        deps.put("c", Set.of());
        assertThat(findCycle("a", "a", deps, new ArrayList<>(), new HashSet<>())).isNull();
    }
}
