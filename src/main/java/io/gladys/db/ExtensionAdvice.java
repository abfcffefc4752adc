package io.gladys.db;

import io.gladys.config.PropertyNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to do when the server lacks an extension a statement needs: the ways out for the way the
 * database is provided (embedded binaries, an installation, an external server, the Compose
 * database), with the package that brings the extension where the platform can be told. The
 * statement itself is never the advice: it is not at fault.
 */
public final class ExtensionAdvice {

    /** Extensions of PostgreSQL's contrib, which distributions ship with the server itself. */
    private static final Set<String> CONTRIB = Set.of("uuid-ossp", "pgcrypto", "hstore", "citext", "pg_trgm",
            "btree_gin", "btree_gist", "intarray", "ltree", "tablefunc", "unaccent", "fuzzystrmatch", "cube",
            "earthdistance", "pg_stat_statements", "postgres_fdw", "dblink", "isn", "seg", "amcheck", "bloom", "lo",
            "pageinspect", "pgstattuple", "pg_buffercache", "pg_prewarm", "sslinfo", "tsm_system_rows",
            "tsm_system_time", "dict_int", "dict_xsyn", "file_fdw", "intagg", "pgrowlocks", "pg_freespacemap",
            "pg_visibility", "pg_walinspect", "pg_surgery", "xml2", "adminpack", "old_snapshot", "refint", "autoinc",
            "insert_username", "moddatetime", "tcn", "plpgsql");

    /** The platforms whose packaging the advice can name. */
    public enum Platform {
        DEBIAN, MACOS, WINDOWS, OTHER;

        public static Platform current() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (os.contains("mac")) {
                return MACOS;
            }
            if (os.contains("win")) {
                return WINDOWS;
            }
            return Files.exists(Path.of("/etc/debian_version")) ? DEBIAN : OTHER;
        }
    }

    /**
     * An installed PostgreSQL found on the machine.
     *
     * @param hasExtension whether its extension directory holds the extension's control file
     */
    public record Found(Path dir, int major, boolean hasExtension) {
    }

    private ExtensionAdvice() {
    }

    /**
     * The ways out, as lines to show under the failure.
     *
     * @param serverVersion the version of the server that lacks it ("17.6"), null when unknown
     * @param installation  the configured installation, for {@link DatabaseSettings.Provision#INSTALLATION}
     * @param found         the installations on this machine (see {@link #installations(String)})
     */
    public static String waysOut(String extension, String serverVersion, DatabaseSettings.Provision provision,
                                 Path installation, String where, Platform platform, List<Found> found) {
        Integer major = serverVersion == null ? null : PostgresBinaries.major(serverVersion);
        String q = "\"" + extension + "\"";
        List<String> ways = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        switch (provision) {
            case EMBEDDED -> {
                b.append("The database runs on the plugin's embedded PostgreSQL")
                        .append(major == null ? "" : " " + serverVersion)
                        .append(", whose binaries carry PostgreSQL and its contrib modules only: there is no ")
                        .append(q).append(" for it.");
                ways.add(installationWay(extension, major, platform, found));
                ways.add(externalWay(extension));
                ways.add(dockerWay(extension));
            }
            case INSTALLATION -> {
                b.append("The PostgreSQL installation ").append(installation)
                        .append(major == null ? "" : " (PostgreSQL " + serverVersion + ")")
                        .append(" that runs the managed cluster has no ").append(q).append(" installed.");
                ways.add("Install it into that installation, then start again (the cluster keeps its data): "
                        + install(extension, major, platform) + ".");
                List<Found> others = found.stream().filter(f -> f.hasExtension() && !f.dir().equals(installation))
                        .toList();
                if (!others.isEmpty()) {
                    ways.add("Or use an installation here that has it: " + describe(others, major) + ".");
                }
                ways.add(externalWay(extension));
                ways.add(dockerWay(extension));
            }
            case EXTERNAL -> {
                b.append("The server ").append(where).append(major == null ? "" : " (PostgreSQL " + serverVersion + ")")
                        .append(" has no ").append(q).append(" installed, and the plugin does not manage it: whoever ")
                        .append("runs it must install the extension (").append(install(extension, major, platform))
                        .append(") and CREATE EXTENSION ").append(extension).append(" as a superuser.");
                ways.add("Or let the plugin run the database on an installation that has it: remove <host> (and "
                        + PropertyNames.DB_URL + ") and set <database><installation>" + example(found, extension)
                        + "</installation>.");
                ways.add(dockerWay(extension));
            }
            case COMPOSE -> {
                b.append("The Compose database").append(major == null ? "" : " (PostgreSQL " + serverVersion + ")")
                        .append(" has no ").append(q).append(": its image lacks the extension.");
                ways.add("Use a PostgreSQL image that has it: for the plugin's own Compose project "
                        + "-D" + PropertyNames.DOCKER_POSTGRES_IMAGE + "=<image>" + imageHint(extension)
                        + "; for your own Compose file, change the database service's image.");
            }
        }
        b.append(" The statement is not at fault; the server is. Ways out:");
        for (int i = 0; i < ways.size(); i++) {
            b.append("\n  ").append(i + 1).append(". ").append(ways.get(i));
        }
        return b.toString();
    }

    private static String installationWay(String extension, Integer major, Platform platform, List<Found> found) {
        List<Found> with = found.stream().filter(Found::hasExtension).toList();
        StringBuilder w = new StringBuilder("Run the managed cluster on an installed PostgreSQL that has it: ");
        Found chosen;
        if (!with.isEmpty()) {
            chosen = with.get(0);
            w.append("<database><installation>").append(chosen.dir()).append("</installation></database> (or ")
                    .append("-D" + PropertyNames.DB_INSTALLATION + "=").append(chosen.dir()).append("; found here: ")
                    .append(describe(with, major)).append(").");
        } else if (!found.isEmpty()) {
            chosen = found.get(0);
            w.append("install it into the one found here, ").append(chosen.dir()).append(" (PostgreSQL ")
                    .append(chosen.major()).append("): ").append(install(extension, chosen.major(), platform))
                    .append("; then set <database><installation>").append(chosen.dir())
                    .append("</installation></database> (or -D" + PropertyNames.DB_INSTALLATION + "=).");
        } else {
            String m = major == null ? "<major>" : String.valueOf(major);
            w.append("install PostgreSQL ").append(m).append(" with it (").append(install(extension, major, platform))
                    .append("), then set <database><installation>").append(installationDir(platform, m))
                    .append("</installation></database> (or -D" + PropertyNames.DB_INSTALLATION + "=).");
            return w.toString();
        }
        if (major != null && chosen.major() != major) {
            w.append(" The cluster was made by PostgreSQL ").append(major).append(", so another major version needs it ")
                    .append("recreated, which deletes its data: mvn gladys:reset -D" + PropertyNames.DB_RECREATE + "=true");
        }
        return w.toString();
    }

    /** Where a platform's packages put an installation of a major version. */
    private static String installationDir(Platform platform, String major) {
        return switch (platform) {
            case DEBIAN -> "/usr/lib/postgresql/" + major;
            case MACOS -> "/opt/homebrew/opt/postgresql@" + major;
            case WINDOWS -> "C:\\Program Files\\PostgreSQL\\" + major;
            case OTHER -> "<the directory holding bin/postgres>";
        };
    }

    private static String externalWay(String extension) {
        return "Use a PostgreSQL server that has " + extension + ": <database><host>...</host></database> (an external "
                + "database; the plugin then only connects to it).";
    }

    private static String dockerWay(String extension) {
        return "Use the docker environment (-D" + PropertyNames.ENV + "=docker) with a PostgreSQL image that has it"
                + imageHint(extension) + ".";
    }

    private static String imageHint(String extension) {
        return "vector".equals(extension) ? " (the default image, pgvector/pgvector:pg17, has vector)"
                : " (-D" + PropertyNames.DOCKER_POSTGRES_IMAGE + "=<image>)";
    }

    private static String describe(List<Found> found, Integer major) {
        return String.join(", ", found.stream().map(f -> f.dir() + " (PostgreSQL " + f.major()
                + (f.hasExtension() ? "" : ", without it") + ")").toList());
    }

    private static String example(List<Found> found, String extension) {
        return found.stream().filter(Found::hasExtension).findFirst().or(() -> found.stream().findFirst())
                .map(f -> f.dir().toString()).orElse("/usr/lib/postgresql/17");
    }

    /** How to install the extension on a platform, as precisely as it can be told. */
    static String install(String extension, Integer major, Platform platform) {
        String m = major == null ? "<major>" : String.valueOf(major);
        boolean contrib = CONTRIB.contains(extension);
        return switch (platform) {
            case DEBIAN -> "on Debian and Ubuntu: sudo apt-get install " + (contrib ? "postgresql-" + m
                    : debianPackage(extension, m)) + (contrib ? " (contrib is part of the server package)" : "");
            case MACOS -> contrib ? "on macOS, Homebrew's postgresql@" + m + " carries it"
                    : homebrewFormula(extension) != null ? "on macOS: brew install " + homebrewFormula(extension)
                    : "on macOS: build it against Homebrew's postgresql@" + m + " as its README says";
            case WINDOWS -> contrib ? "on Windows, the EDB installer of PostgreSQL " + m + " carries it"
                    : "on Windows: its build for PostgreSQL " + m + " (Stack Builder, or the extension's own Windows steps)";
            case OTHER -> contrib ? "your distribution's PostgreSQL " + m + " contrib package"
                    : "your distribution's package of " + extension + " for PostgreSQL " + m;
        };
    }

    private static String debianPackage(String extension, String major) {
        return switch (extension) {
            case "vector" -> "postgresql-" + major + "-pgvector";
            case "postgis" -> "postgresql-" + major + "-postgis-3";
            default -> "postgresql-" + major + "-" + extension.replace('_', '-').toLowerCase(Locale.ROOT);
        };
    }

    private static String homebrewFormula(String extension) {
        return switch (extension) {
            case "vector" -> "pgvector";
            case "postgis" -> "postgis";
            default -> null;
        };
    }

    /**
     * The PostgreSQL installations in the usual places of this machine (Debian's /usr/lib/postgresql/N,
     * RHEL's /usr/pgsql-N, Homebrew's postgresql@N, Windows' Program Files), and whether each has the extension.
     */
    public static List<Found> installations(String extension) {
        List<Path> candidates = new ArrayList<>();
        children(Path.of("/usr/lib/postgresql"), "*", candidates);
        children(Path.of("/usr"), "pgsql-*", candidates);
        children(Path.of("/opt/homebrew/opt"), "postgresql@*", candidates);
        children(Path.of("/usr/local/opt"), "postgresql@*", candidates);
        children(Path.of("C:\\Program Files\\PostgreSQL"), "*", candidates);
        List<Found> found = new ArrayList<>();
        for (Path dir : candidates) {
            PostgresBinaries binaries = PostgresBinaries.installation(dir);
            try {
                int major = PostgresBinaries.major(binaries.version());
                boolean has = PostgresBinaries.extensionDirectory(dir)
                        .map(d -> Files.exists(d.resolve(extension + ".control"))).orElse(false);
                found.add(new Found(dir, major, has));
            } catch (DatabaseException e) {
                // not a usable installation (a client-only directory): not worth naming
            }
        }
        return found;
    }

    private static void children(Path parent, String glob, List<Path> into) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> here = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, glob)) {
            for (Path p : s) {
                if (Files.isRegularFile(p.resolve("bin").resolve("postgres"))
                        || Files.isRegularFile(p.resolve("bin").resolve("postgres.exe"))) {
                    here.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable place has nothing to offer
        }
        here.sort(null);
        into.addAll(here);
    }
}
