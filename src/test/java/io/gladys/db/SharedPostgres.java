package io.gladys.db;

import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL of the reference stack, started as a real process once for all the
 * database tests of a run (the reference migrations applied to database gladys), stopped at the
 * end. Tests get their own databases from it, so they never see each other's rows.
 */
final class SharedPostgres implements BeforeAllCallback, AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile SharedPostgres running;

    private final Path dir;
    private final StackSession session;
    private final DatabaseTarget gladys;

    /** The extension instance JUnit creates per class: it only makes sure the server runs. */
    public SharedPostgres() {
        this.dir = null;
        this.session = null;
        this.gladys = null;
    }

    private SharedPostgres(Path dir) {
        this.dir = dir;
        this.session = StackSession.open(TestStacks.config(dir.resolve("state"), dir, TestStacks.referenceOnFreePorts(),
                true, TestStacks.embeddedDatabase(), TestStacks.printing()));
        session.manager().start("db", StartOptions.DEFAULT);
        this.gladys = session.database();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedPostgres.class, k -> {
            try {
                SharedPostgres s = new SharedPostgres(Files.createTempDirectory("gladys-db-test"));
                running = s;
                return s;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The reference database (schema and demo heuristics applied). */
    static DatabaseTarget gladys() {
        return server().gladys;
    }

    /** A new empty database. */
    static DatabaseTarget emptyDatabase(String prefix) {
        return create(prefix, "template0");
    }

    /** A new database with the reference schema, its history and the demo heuristics. */
    static DatabaseTarget referenceDatabase(String prefix) {
        return create(prefix, "gladys");
    }

    static DatabaseTarget withPassword(DatabaseTarget t, String password) {
        return new DatabaseTarget(t.host(), t.port(), t.database(), t.user(), Secret.of(password));
    }

    /** The server's address with nothing listening on it: a database that is down. */
    static DatabaseTarget down() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DatabaseTarget g = gladys();
        return new DatabaseTarget("127.0.0.1", port, "gladys", g.user(), g.password());
    }

    private static DatabaseTarget create(String prefix, String template) {
        DatabaseTarget g = gladys();
        String name = prefix + "_" + NEXT.incrementAndGet();
        // names are made here from a fixed prefix and a counter; templates are fixed literals
        try (Connection c = g.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseTarget(g.host(), g.port(), name, g.user(), g.password());
    }

    private static SharedPostgres server() {
        SharedPostgres s = running;
        if (s == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedPostgres.class)");
        }
        return s;
    }

    /** Called by JUnit when the run ends (root store values that are AutoCloseable are closed). */
    @Override
    public void close() {
        running = null;
        try {
            session.manager().stop("all", Duration.ofSeconds(10));
        } finally {
            session.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory left behind does not fail the tests
            }
        }
    }
}
