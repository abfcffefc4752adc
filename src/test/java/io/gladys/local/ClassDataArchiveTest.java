package io.gladys.local;

import io.gladys.local.state.StateDirectory;

import io.gladys.catalog.HealthKind;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class-data archives of Java services, with real JVMs under the real runner: created by a first start,
 * mapped by the next, rebuilt when a jar changes or the archive is broken, and off when switched off.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClassDataArchiveTest {

    private static final String SERVICE = "probe";

    @TempDir
    Path dir;
    private StackSession session;

    @AfterEach
    void stopEverything() {
        try {
            closeSession();
        } finally {
            ItChecks.killLeftovers(dir.resolve("state"));
        }
    }

    // ----------------------------------------------------------------------------------------- key

    @Test
    void theKeyIsTheSameForTheSameInputsAndChangesWithAJarOrAnOption() throws Exception {
        Path jar = jar(dir.resolve("a.jar"));
        Path java = TestStacks.java().javaExecutable();
        List<String> options = JavaLaunch.SMALL_JVM;
        String key = ClassDataArchive.key(java, options, "a.Main", List.of(jar));

        assertThat(ClassDataArchive.key(java, options, "a.Main", List.of(jar))).isEqualTo(key);
        assertThat(ClassDataArchive.key(java, List.of("-Xmx64m"), "a.Main", List.of(jar))).isNotEqualTo(key);
        assertThat(ClassDataArchive.key(java, options, "b.Main", List.of(jar))).isNotEqualTo(key);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        String touched = ClassDataArchive.key(java, options, "a.Main", List.of(jar));
        assertThat(touched).isNotEqualTo(key);

        FileTime mtime = Files.getLastModifiedTime(jar);
        Files.write(jar, new byte[]{1}, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(jar, mtime);
        assertThat(ClassDataArchive.key(java, options, "a.Main", List.of(jar))).as("a jar of another size")
                .isNotEqualTo(touched);
    }

    // --------------------------------------------------------------------------- through the runner

    @Test
    void theFirstStartCreatesTheArchiveTheNextMapsItAndAChangedJarRebuildsIt() throws Exception {
        Path jar = jar(dir.resolve("lib").resolve("probe.jar"));

        String first = startProbe(jar, true);
        assertThat(first).contains("-XX:ArchiveClassesAtExit=").doesNotContain("-XX:SharedArchiveFile");
        closeSession();
        Path archive = onlyArchive();
        FileTime written = Files.getLastModifiedTime(archive);

        String second = startProbe(jar, true);
        assertThat(second).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("ArchiveClassesAtExit");
        assertThat(logSinceLastStart()).contains(ArchivedMain.MAPPED + archive);
        closeSession();
        assertThat(onlyArchive()).isEqualTo(archive);
        assertThat(Files.getLastModifiedTime(archive)).as("not rewritten").isEqualTo(written);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        String third = startProbe(jar, true);
        assertThat(third).contains("-XX:ArchiveClassesAtExit=");
        assertThat(logSinceLastStart()).doesNotContain(ArchivedMain.MAPPED + archive);
        closeSession();
        Path rebuilt = onlyArchive();
        assertThat(rebuilt).isNotEqualTo(archive);
        assertThat(archive).doesNotExist();
        assertThat(ClassDataArchive.looksComplete(rebuilt)).isTrue();
    }

    @Test
    void aBrokenArchiveDoesNotStopTheServiceAndIsRebuilt() throws Exception {
        Path jar = jar(dir.resolve("lib").resolve("probe.jar"));
        startProbe(jar, true);
        closeSession();
        Path archive = onlyArchive();
        byte[] good = Files.readAllBytes(archive);

        byte[] garbage = new byte[good.length];
        new Random(7).nextBytes(garbage);
        rewrite(archive, garbage);
        assertThat(startProbe(jar, true)).as("the garbage is not handed to the JVM").contains("ArchiveClassesAtExit");
        closeSession();
        assertThat(onlyArchive()).isEqualTo(archive);
        assertThat(Files.readAllBytes(archive)).isNotEqualTo(garbage);
        assertThat(ClassDataArchive.looksComplete(archive)).isTrue();

        // JDK 17 dies of SIGBUS on a truncated archive: it must never reach the JVM
        rewrite(archive, java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(ClassDataArchive.looksComplete(archive)).isFalse();
        assertThat(startProbe(jar, true)).contains("ArchiveClassesAtExit");
        closeSession();
        assertThat(Files.size(onlyArchive())).isGreaterThan(good.length / 2);
        assertThat(startProbe(jar, true)).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(logSinceLastStart()).contains(ArchivedMain.MAPPED + archive);
    }

    @Test
    void theJvmPassesOverAnArchiveOfGarbageByItself() throws Exception {
        Path jar = jar(dir.resolve("probe.jar"));
        Path garbage = dir.resolve("garbage.jsa");
        byte[] bytes = new byte[1 << 20];
        new Random(3).nextBytes(bytes);
        Files.write(garbage, bytes);
        ProcessBuilder pb = new ProcessBuilder(TestStacks.java().javaExecutable().toString(),
                "-XX:SharedArchiveFile=" + garbage, Exit.class.getName()).redirectErrorStream(true);
        pb.environment().put("CLASSPATH", jar.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ran");
    }

    @Test
    void switchedOffTheCommandHasNoArchive() throws Exception {
        Path jar = jar(dir.resolve("lib").resolve("probe.jar"));
        String command = startProbe(jar, false);
        assertThat(command).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        assertThat(logSinceLastStart()).doesNotContain(ArchivedMain.MAPPED + dir);
        closeSession();
        assertThat(dir.resolve("state").resolve("cds")).doesNotExist();
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchive() throws Exception {
        Path classes = Path.of(ArchivedMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(startProbe(classes, true)).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
    }

    // --------------------------------------------------------------------------------------- helpers

    /** Starts the probe service from {@code classpath}; its command line as its runner recorded it. */
    private String startProbe(Path classpath, boolean archives) throws Exception {
        JavaLaunch java = TestStacks.java();
        ServiceDefinition probe = ServiceDefinition.builder(SERVICE).command(java.command(ArchivedMain.class.getName()))
                .environment(Map.of("CLASSPATH", classpath.toString())).health(HealthKind.NONE).build();
        int startsBefore = starts();
        session = StackSession.open(TestStacks.config(dir.resolve("state"), dir, List.of(probe), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()).toBuilder().local(new LocalSettings(null, null, archives)).build());
        session.manager().start(SERVICE, StartOptions.builder().waitForHealthy(true)
                .serviceTimeout(Duration.ofMinutes(1)).overallTimeout(Duration.ofMinutes(2))
                .minUptime(Duration.ofMillis(200)).keepRunning(false).parallel(false).build());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // this start's own segment of the log: the previous start's "ready" does not count
        while (starts() == startsBefore || !logSinceLastStart().contains(ArchivedMain.READY)) {
            assertThat(System.nanoTime()).as("the probe did not get ready: " + logSinceLastStart()).isLessThan(until);
            Thread.sleep(20);
        }
        return ((LocalBackend) session.backend()).state().record(SERVICE).orElseThrow().command();
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.manager().stop("all", Duration.ofSeconds(30));
            } finally {
                session.close();
                session = null;
            }
        }
    }

    /** How many starts the service's log records. */
    private int starts() throws IOException {
        Path log = new StateDirectory(dir.resolve("state")).logFile(SERVICE);
        return Files.exists(log) ? Files.readString(log).split("starting:", -1).length - 1 : 0;
    }

    private String logSinceLastStart() throws IOException {
        Path log = new StateDirectory(dir.resolve("state")).logFile(SERVICE);
        if (!Files.exists(log)) {
            return "";
        }
        String text = Files.readString(log);
        int at = text.lastIndexOf("starting:");
        return at < 0 ? text : text.substring(at);
    }

    /** The service's one archive; nothing else (no file being written) is in its directory. */
    private Path onlyArchive() throws IOException {
        try (Stream<Path> files = Files.list(new StateDirectory(dir.resolve("state")).classData(SERVICE))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).toString()).endsWith(ClassDataArchive.SUFFIX);
            return all.get(0);
        }
    }

    /** The JVM writes archives read-only. */
    private static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.delete(file);
        Files.write(file, bytes);
    }

    /** A jar of the probe's classes. */
    private static Path jar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (Class<?> c : List.of(ArchivedMain.class, Exit.class)) {
                String name = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(name));
                try (var in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
        return jar;
    }

    /** A main that says it ran. */
    public static final class Exit {
        public static void main(String[] args) {
            System.out.println("ran");
        }
    }
}
