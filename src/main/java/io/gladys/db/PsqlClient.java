package io.gladys.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@code psql} client, run against a {@link DatabaseTarget}. Where to connect and as whom
 * go through the PG* environment variables, never the command line, where other users of the
 * machine could read the password (ps, /proc/&lt;pid&gt;/cmdline).
 */
public final class PsqlClient {

    /** Variables that would send psql somewhere else than the target, removed from its environment. */
    private static final List<String> REDIRECTING = List.of("PGHOSTADDR", "PGSERVICE", "PGSERVICEFILE",
            "PGREQUIRESSL");

    private final Path executable;
    private final DatabaseTarget target;

    public PsqlClient(Path executable, DatabaseTarget target) {
        this.executable = executable;
        this.target = target;
    }

    /** psql on this process's PATH, if there is one. */
    public static Optional<Path> find() {
        return find(System.getenv("PATH"));
    }

    static Optional<Path> find(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of("psql", "psql.exe")) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /** An interactive session on this terminal (the user's ~/.psqlrc applies). */
    public ProcessBuilder interactive() {
        return builder(List.of(executable.toString())).inheritIO();
    }

    /**
     * One command ({@code -c}): SQL or a backslash command. {@code ON_ERROR_STOP} makes a failure
     * exit non-zero; {@code -X} keeps ~/.psqlrc from changing the output.
     *
     * @param csv print rows as CSV instead of an aligned table
     */
    public ProcessBuilder command(String sql, boolean csv) {
        List<String> args = new java.util.ArrayList<>(List.of(executable.toString(), "-X", "-v", "ON_ERROR_STOP=1"));
        if (csv) {
            args.add("--csv");
        }
        args.add("-c");
        args.add(sql);
        return builder(args).inheritIO();
    }

    private ProcessBuilder builder(List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(args);
        Map<String, String> env = pb.environment();
        REDIRECTING.forEach(env::remove);
        env.put("PGHOST", target.host());
        env.put("PGPORT", String.valueOf(target.port()));
        env.put("PGDATABASE", target.database());
        env.put("PGUSER", target.user());
        if (target.password().isEmpty()) {
            env.remove("PGPASSWORD");
        } else {
            env.put("PGPASSWORD", target.password().reveal());
        }
        env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
        env.put("PGAPPNAME", "gladys-maven-plugin (psql)");
        return pb;
    }

    /**
     * Runs psql and waits for it; returns its exit code (0 ok; 1 a -c command failed, or psql itself
     * did; 2 the connection failed; 3 a script failed with ON_ERROR_STOP).
     */
    public static int run(ProcessBuilder pb) {
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DatabaseException("Cannot run " + pb.command().get(0) + ": " + e.getMessage(), e);
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while psql was running; it was stopped.");
        }
    }

    /** What a non-zero exit code of psql means, for a message. */
    public static String exitMeaning(int code) {
        return switch (code) {
            case 0 -> "success";
            case 1 -> "the command failed";
            case 2 -> "the connection to the server failed or was lost";
            case 3 -> "the script failed";
            default -> "exit code " + code;
        };
    }
}
