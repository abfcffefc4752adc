package io.gladys.db;

import io.gladys.common.AtomicWrite;
import io.gladys.common.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What the last migration of a database on start left: a key of everything Flyway's outcome depends on
 * (the database, the plugin build, the migration files' names and contents, how they are read, the schema
 * baseline) and the {@linkplain SchemaHistory digest} of the history it left. A start that finds the
 * same inputs and the same history has nothing to apply, and Flyway would only say so after loading
 * itself and a JDBC driver into the goal's JVM (0.8 s of CPU, while the services start beside it): it is
 * skipped. A file edited or added, another build, a history changed by any tool, a database recreated:
 * each gives another key, and Flyway runs (with its checks and their errors) as always.
 */
public final class MigrationRecord {

    private final Path file;

    /** @param file where the record is kept (a file of the stack's state directory) */
    public MigrationRecord(Path file) {
        this.file = file;
    }

    /**
     * Applies what is pending, unless nothing changed since the record was written.
     *
     * @param build   the plugin build that migrates (its code decides what Flyway is asked)
     * @param history how the history's digest is read
     * @return what Flyway did; empty when it was skipped
     */
    public Optional<Migrations.Outcome> migrate(Migrations migrations, String build, SchemaHistory.Reader history) {
        Optional<String> inputs = inputs(migrations).map(k -> Sha256.hex(build + "\n" + k));
        if (inputs.isPresent()) {
            String before = digest(history, migrations.target());
            if (before != null && recorded().equals(Optional.of(inputs.get() + "\n" + before))) {
                return Optional.empty();
            }
        }
        forget(); // a record only ever describes a run that ended well
        Migrations.Outcome o = migrations.migrate();
        if (inputs.isPresent()) {
            String after = digest(history, migrations.target());
            if (after != null) {
                try {
                    AtomicWrite.writeString(file, inputs.get() + "\n" + after);
                } catch (IOException e) {
                    // no record: the next start asks Flyway again
                }
            }
        }
        return Optional.of(o);
    }

    /** The digest, or null when it cannot be read (Flyway then runs and says what is wrong). */
    private static String digest(SchemaHistory.Reader history, DatabaseTarget target) {
        try {
            return history.digest(target);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Optional<String> recorded() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a record that cannot be deleted cannot be trusted either: it is rewritten after the run
        }
    }

    /**
     * The inputs as text, or empty when a location cannot be read file by file (Flyway then always runs).
     * Where the files lie does not count: the same files elsewhere give the same outcome.
     */
    static Optional<String> inputs(Migrations m) {
        return inputs(m, Migrations.class.getClassLoader()); // the loader Flyway reads classpath locations with
    }

    static Optional<String> inputs(Migrations m, ClassLoader loader) {
        StringBuilder b = new StringBuilder();
        DatabaseTarget t = m.target();
        b.append("database ").append(t.jdbcUrl()).append(' ').append(t.user()).append('\n');
        b.append("recursive ").append(m.isRecursive()).append('\n');
        try {
            SchemaBaseline baseline = m.schemaBaseline();
            if (baseline != null) {
                b.append("baseline ").append(Sha256.hex(baseline.schema())).append(' ')
                        .append(String.join(",", baseline.extensions())).append('\n');
            }
            String location = m.location();
            if (location.startsWith("filesystem:")) {
                files(Path.of(location.substring("filesystem:".length())), m.isRecursive(), b);
                return Optional.of(b.toString());
            }
            if (location.startsWith("classpath:")) {
                return classpath(loader, location.substring("classpath:".length()), m.isRecursive(), b)
                        ? Optional.of(b.toString()) : Optional.empty();
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Every file Flyway may look at (not only .sql: a misnamed file is one of its errors), with its content's hash. */
    private static void files(Path dir, boolean recursive, StringBuilder b) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        try (Stream<Path> s = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                b.append("file ").append(dir.relativize(p)).append(' ').append(Sha256.hex(p)).append('\n');
            }
        }
    }

    /** A classpath location in a directory or a jar (its entries' names, sizes and CRC-32s); false elsewhere. */
    private static boolean classpath(ClassLoader loader, String path, boolean recursive, StringBuilder b)
            throws IOException, URISyntaxException {
        String dir = path.endsWith("/") ? path : path + "/";
        URL url = loader.getResource(dir);
        if (url == null) {
            return false;
        }
        if ("file".equals(url.getProtocol())) {
            files(Path.of(url.toURI()), recursive, b);
            return true;
        }
        if (!"jar".equals(url.getProtocol())) {
            return false;
        }
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            List<String> lines = Collections.list(jar.entries()).stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(dir))
                    .filter(e -> recursive || e.getName().indexOf('/', dir.length()) < 0)
                    .map(e -> "entry " + e.getName().substring(dir.length()) + ' ' + e.getSize() + ' ' + e.getCrc())
                    .sorted().toList();
            lines.forEach(l -> b.append(l).append('\n'));
        }
        return true;
    }
}
