package io.gladys.db;

import io.gladys.config.PropertyNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL cluster the plugin manages in the state directory, run from the embedded (zonky)
 * binaries or from an installation on the machine. The server runs in the foreground as a
 * supervised service process, not through pg_ctl: pg_ctl detaches the server into its own session,
 * where the supervisor's process group could not reach it.
 * <p>
 * The data directory records which binaries made it. PostgreSQL cannot open a data directory of
 * another major version, so binaries of another major are refused before anything is started,
 * with the way out (go back, or recreate the cluster).
 */
public final class ManagedPostgres {

    /** Written into the data directory: which binaries made the cluster. */
    static final String RECORD = "gladys-cluster.properties";

    private final PostgresBinaries binaries;
    private final Path dataDir;

    public ManagedPostgres(PostgresBinaries binaries, Path dataDir) {
        this.binaries = binaries;
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public PostgresBinaries binaries() {
        return binaries;
    }

    public boolean initialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /** Who made the cluster, when it exists: "the embedded PostgreSQL 17.6.0 (PostgreSQL 17.6)". */
    public Optional<String> madeBy() {
        if (!initialized()) {
            return Optional.empty();
        }
        Properties p = record();
        String major = pgVersion();
        return Optional.of(p.getProperty("binaries", "unrecorded binaries") + " (PostgreSQL "
                + p.getProperty("version", major) + ")");
    }

    /** What the server runs from, with its version: "PostgreSQL 15.20 from the PostgreSQL installation ...". */
    public String describe() {
        // the cluster's record names the version its binaries had: no postgres --version while they are the same
        Properties r = record();
        String version = r != null && binaries.describe().equals(r.getProperty("binaries"))
                && r.getProperty("version") != null ? r.getProperty("version") : binaries.version();
        return "PostgreSQL " + version + " from " + binaries.describe();
    }

    /**
     * Unpacks the binaries if needed and creates the cluster with the given superuser, password and
     * database if the data directory is empty; refuses binaries of another major version than the
     * cluster's. Safe to call on every start.
     */
    public void prepare(String user, Secret password, String database) {
        String version = binaries.version();
        if (initialized()) {
            requireSameMajor(version);
            return;
        }
        try {
            initdb(user, password);
            createDatabase(database);
            writeRecord(version);
        } catch (IOException e) {
            throw new DatabaseException("Could not create the PostgreSQL cluster in " + dataDir + " with "
                    + binaries.describe() + ": " + e.getMessage(), e);
        }
    }

    private void requireSameMajor(String version) {
        int cluster = PostgresBinaries.major(pgVersion());
        int server = PostgresBinaries.major(version);
        if (cluster != server) {
            throw new DatabaseException("The managed cluster in " + dataDir + " was made by " + madeBy().orElseThrow()
                    + ", and " + binaries.describe() + " is PostgreSQL " + version + ". PostgreSQL cannot open a data "
                    + "directory of another major version, so the database was not started. Either use the binaries "
                    + "that made it again (" + record().getProperty("binaries", "PostgreSQL " + cluster)
                    + "), or recreate the cluster with the new ones, which deletes its data (pg_dump what you need "
                    + "first): mvn gladys:reset -D" + PropertyNames.DB_RECREATE + "=true");
        }
    }

    /** The command that runs the server in the foreground on the given port. */
    public List<String> serverCommand(int port) {
        return serverCommand(port, List.of());
    }

    /**
     * The server's command line, listening on 127.0.0.1 and on these addresses too (where services in
     * containers reach this machine); those clients, from the machine's own networks, log in with the
     * password like local ones ({@code host all all samenet}, added to pg_hba.conf once).
     */
    public List<String> serverCommand(int port, List<String> alsoListenOn) {
        List<String> cmd = new ArrayList<>(RootCheck.prefix());
        cmd.add(binaries.bin("postgres").toString());
        cmd.add("-D");
        cmd.add(dataDir.toString());
        cmd.add("-p");
        cmd.add(String.valueOf(port));
        if (!alsoListenOn.isEmpty()) {
            allowSameNetworks();
            cmd.add("-c");
            cmd.add("listen_addresses=" + String.join(",", java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("127.0.0.1"), alsoListenOn.stream()).distinct().toList()));
        }
        return cmd;
    }

    private static final String SAME_NETWORKS = "host all all samenet scram-sha-256";

    private void allowSameNetworks() {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            String text = Files.readString(hba, StandardCharsets.UTF_8);
            if (!text.lines().anyMatch(l -> l.trim().equals(SAME_NETWORKS))) {
                Files.writeString(hba, "\n# services in containers (gladys-maven-plugin)\n" + SAME_NETWORKS + "\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot let services in containers log in: " + hba + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the data directory (the server must be stopped); gives the bytes it held. */
    public long delete() {
        long size = FileTrees.size(dataDir);
        try {
            FileTrees.deleteTree(dataDir);
        } catch (IOException e) {
            throw new DatabaseException("Could not delete the managed cluster in " + dataDir + ": " + e.getMessage()
                    + ". Delete the directory by hand, then start again.", e);
        }
        return size;
    }

    private String pgVersion() {
        try {
            return Files.readString(dataDir.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new DatabaseException("Cannot read " + dataDir.resolve("PG_VERSION") + ": " + e.getMessage(), e);
        }
    }

    private Properties record() {
        Properties p = new Properties();
        Path f = dataDir.resolve(RECORD);
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // an unreadable record is as good as none: PG_VERSION still tells the major
            }
        }
        return p;
    }

    private void writeRecord(String version) throws IOException {
        Properties p = new Properties();
        p.setProperty("binaries", binaries.describe());
        p.setProperty("version", version);
        try (Writer w = Files.newBufferedWriter(dataDir.resolve(RECORD), StandardCharsets.UTF_8)) {
            p.store(w, "Which binaries made this cluster (gladys-maven-plugin)");
        }
    }

    private void initdb(String user, Secret password) throws IOException {
        Files.createDirectories(dataDir.getParent());
        List<String> cmd = new ArrayList<>(RootCheck.prefix());
        cmd.addAll(List.of(binaries.bin("initdb").toString(), "-D", dataDir.toString(), "-U", user, "-E", "UTF8",
                "--no-locale", "--auth-local=trust"));
        Path pwfile = null;
        try {
            if (password.isEmpty()) {
                cmd.add("--auth-host=trust");
            } else {
                // the password goes through a private file, never on a command line
                pwfile = Files.createTempFile(dataDir.getParent(), ".pw", "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, password.reveal() + "\n");
                cmd.add("--auth-host=scram-sha-256");
                cmd.add("--pwfile=" + pwfile);
            }
            run(cmd, null, "initdb");
        } finally {
            if (pwfile != null) {
                Files.deleteIfExists(pwfile);
            }
        }
        // loopback TCP only: no Unix socket (its path length limit breaks deep project directories)
        Files.writeString(dataDir.resolve("postgresql.conf"), "\n# written by gladys-maven-plugin\n"
                        + "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void createDatabase(String database) throws IOException {
        if ("postgres".equals(database)) {
            return;
        }
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new DatabaseException("Database name '" + database + "' is not a plain identifier.");
        }
        // single-user mode: the database exists before the server ever accepts a connection
        List<String> cmd = new ArrayList<>(RootCheck.prefix());
        cmd.addAll(List.of(binaries.bin("postgres").toString(), "--single", "-D", dataDir.toString(), "postgres"));
        run(cmd, "CREATE DATABASE \"" + database + "\";\n", "create database " + database);
    }

    private static void run(List<String> cmd, String stdin, String what) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        try (OutputStream os = p.getOutputStream()) {
            if (stdin != null) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + tail(output));
        }
    }

    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 5), lines.length));
    }
}
