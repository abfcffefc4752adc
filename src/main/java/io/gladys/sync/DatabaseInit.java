package io.gladys.sync;

import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.SchemaBaseline;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How new databases get their schema, where the project contradicts itself: a Compose database whose
 * {@code /docker-entrypoint-initdb.d} directory holds no script (a new container starts empty), and a
 * database whose schema baseline was made from another version of the schema file than the one there
 * now (it lacks what the file gained since).
 */
public final class DatabaseInit {

    static final String INIT_DIR = "/docker-entrypoint-initdb.d";

    /**
     * One finding.
     *
     * @param ok     whether it is in order
     * @param action what to do, or null
     */
    public record Finding(String subject, boolean ok, String message, String action) {
    }

    private DatabaseInit() {
    }

    /** The Compose services that mount a host directory as the PostgreSQL init directory, checked. */
    @SuppressWarnings("unchecked")
    public static List<Finding> composeInitDirectories(Path composeFile) {
        Map<String, Object> root;
        try (Reader r = Files.newBufferedReader(composeFile, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            root = loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException | RuntimeException e) {
            return List.of(new Finding(composeFile.getFileName().toString(), false, "cannot read " + composeFile
                    + ": " + e.getMessage(), null));
        }
        List<Finding> out = new ArrayList<>();
        Path dir = composeFile.toAbsolutePath().getParent();
        Object services = root.get("services");
        if (!(services instanceof Map<?, ?> map)) {
            return out;
        }
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> def) || !(def.get("volumes") instanceof List<?> volumes)) {
                continue;
            }
            for (Object v : volumes) {
                Optional<Path> source = initSource(v, dir);
                if (source.isEmpty()) {
                    continue;
                }
                String service = String.valueOf(e.getKey());
                Path host = source.get();
                List<String> scripts = scripts(host);
                String shown = dir.relativize(host).toString();
                if (!Files.isDirectory(host)) {
                    out.add(new Finding(service, false, service + " mounts " + shown + " as " + INIT_DIR
                            + ", which does not exist: a new database starts empty", "create " + shown
                            + " with the schema, or remove the mount"));
                } else if (scripts.isEmpty()) {
                    out.add(new Finding(service, false, service + " mounts " + shown + " as " + INIT_DIR
                            + ", which holds no .sql or .sh file directly (PostgreSQL's image does not look in "
                            + "subdirectories): a new database starts empty", "mount the directory that holds the "
                            + "schema (or copy it there), or give the database its schema with mvn gladys:migrate"
                            + " -D" + PropertyNames.ENV + "=docker"));
                } else {
                    out.add(new Finding(service, true, service + " initialises new databases from " + shown + " ("
                            + scripts.size() + (scripts.size() == 1 ? " script)" : " scripts)"), null));
                }
            }
        }
        return out;
    }

    /** The host directory a volume entry mounts on the init directory, if it does. */
    private static Optional<Path> initSource(Object volume, Path dir) {
        String source = null;
        String target = null;
        if (volume instanceof String s) {
            String[] parts = s.split(":");
            if (parts.length >= 2) {
                source = parts[0];
                target = parts[1];
            }
        } else if (volume instanceof Map<?, ?> m) {
            source = m.get("source") == null ? null : String.valueOf(m.get("source"));
            target = m.get("target") == null ? null : String.valueOf(m.get("target"));
        }
        if (source == null || target == null || !INIT_DIR.equals(target.replaceAll("/+$", ""))) {
            return Optional.empty();
        }
        // a named volume (no path) is not a directory of the project
        if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(source).normalize());
    }

    private static List<String> scripts(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && (n.endsWith(".sql") || n.endsWith(".sql.gz") || n.endsWith(".sql.xz")
                        || n.endsWith(".sh"))) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * Whether a database's schema baseline was made from the schema file as it is now. Empty when the
     * database has no such baseline (or does not answer: migrations say so).
     */
    public static Optional<Finding> baseline(String environment, DatabaseTarget target, SchemaBaseline schema) {
        Optional<SchemaBaseline.Recorded> recorded;
        try {
            recorded = SchemaBaseline.recorded(target);
        } catch (DatabaseException e) {
            return Optional.empty();
        }
        if (recorded.isEmpty() || !Files.isRegularFile(schema.schema())) {
            return Optional.empty();
        }
        String now = schema.description();
        String file = schema.schema().getFileName().toString();
        if (recorded.get().description().equals(now)) {
            return Optional.of(new Finding(environment, true, environment + ": baseline made from " + file
                    + " as it is now", null));
        }
        return Optional.of(new Finding(environment, false, environment + ": its baseline was made on "
                + recorded.get().installedOn() + " from another version of " + file + " ('"
                + recorded.get().description() + "', the file is now '" + now + "'): the database lacks what the "
                + "file gained since", "put the change in a numbered migration, or recreate the database "
                + "(mvn gladys:reset -D" + PropertyNames.DB_RECREATE + "=true for the one the plugin runs)"));
    }
}
