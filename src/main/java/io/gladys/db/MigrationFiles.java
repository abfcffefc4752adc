package io.gladys.db;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The .sql files of a migrations directory, checked before Flyway sees them. With GLADyS's naming
 * (empty prefix), Flyway's other prefixes still claim files: {@code R__x.sql} would run as a
 * repeatable migration, {@code B5_x.sql} as a baseline that skips every migration below 5,
 * {@code U1_x.sql} as an undo, and {@code afterMigrate.sql} as a callback on every run; a file
 * with any other name would be ignored or refused depending on settings. Here every .sql file
 * must be {@code <version>_<description>.sql} with a numeric version ({@code 001}, {@code 2.1}),
 * and no version may appear twice ({@code 001_a.sql} and {@code 1_b.sql} are both version 1).
 */
final class MigrationFiles {

    /** version: digits, optionally dot-separated; the first underscore ends it (Flyway's separator) */
    static final Pattern NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_(.+)\\.sql");

    record File(Path path, String name, String version, String description) {
    }

    record Scan(List<File> files, List<MigrationStatus.Problem> problems) {
    }

    private MigrationFiles() {
    }

    /** The migration files of a directory: those directly in it, or with {@code recursive} its subdirectories' too. */
    static Scan scan(Path dir, boolean recursive) {
        List<Path> sql;
        try (Stream<Path> s = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
            sql = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatabaseException("Cannot read the migrations directory " + dir + ": " + e.getMessage(), e);
        }
        List<File> files = new ArrayList<>();
        List<MigrationStatus.Problem> problems = new ArrayList<>();
        Map<MigrationVersion, List<File>> byVersion = new LinkedHashMap<>();
        for (Path p : sql) {
            String name = p.getFileName().toString();
            String shown = dir.relativize(p).toString();
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.BAD_NAME, shown,
                        shown + " " + whyNot(name), true));
                continue;
            }
            File f = new File(p, shown, m.group(1), m.group(2).replace('_', ' '));
            files.add(f);
            byVersion.computeIfAbsent(MigrationVersion.fromVersion(f.version()), v -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<MigrationVersion, List<File>> e : byVersion.entrySet()) {
            if (e.getValue().size() > 1) {
                String names = String.join(", ", e.getValue().stream().map(File::name).toList());
                problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.DUPLICATE_VERSION, names,
                        "Version " + e.getKey() + " is used by " + e.getValue().size() + " files: " + names
                                + ". Each migration needs its own version: renumber all but one.", true));
            }
        }
        return new Scan(files, problems);
    }

    /** Whether a subdirectory holds SQL files (which a flat read leaves out). */
    static boolean hasNestedSql(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && !p.getParent().equals(dir)
                    && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Why a file name is not a migration name, and what Flyway would do with it. */
    static String whyNot(String name) {
        String expected = " Name migrations <version>_<description>.sql, e.g. 001_initial_schema.sql.";
        if (!name.endsWith(".sql")) {
            return "ends in " + name.substring(name.lastIndexOf('.')) + ", but only .sql (lower case) is read."
                    + expected;
        }
        for (Event e : Event.values()) {
            String id = e.getId();
            if (name.equals(id + ".sql") || name.startsWith(id + "__") || name.startsWith(id + ".")) {
                return "is named like a Flyway callback (" + id + "): it would run on every migrate, outside the "
                        + "versioned history. Move it out of the migrations directory, or rename it." + expected;
            }
        }
        char first = name.charAt(0);
        String claimed = switch (first) {
            case 'R' -> "a repeatable migration (prefix R), re-run whenever it changes";
            case 'B' -> "a baseline migration (prefix B), which would mark every lower version as applied "
                    + "without running it";
            case 'U' -> "an undo migration (prefix U)";
            case 'V' -> "a Flyway-style versioned migration (V<version>__...), whose version would not be read";
            default -> null;
        };
        if (claimed != null) {
            return "starts with " + first + ": Flyway would take it for " + claimed + "." + expected;
        }
        return "is not named <version>_<description>.sql." + expected;
    }

    /**
     * The checksum Flyway records for a SQL migration: CRC32 over its lines (UTF-8, without line
     * ends, a byte order mark dropped), so a file can be compared with the history without Flyway.
     */
    static Integer checksum(Path file) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = r.readLine()) {
                crc.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return (int) crc.getValue();
    }
}
