package io.gladys.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A project's {@code .env} file, in the dotenv syntax the usual loaders share: {@code KEY=value}
 * lines, blank lines and {@code #} comments, an optional {@code export} prefix, single quotes
 * (literal), double quotes (escapes, expansion), unquoted values with a trailing {@code  # comment},
 * and {@code ${VAR}}, {@code ${VAR:-default}}, {@code $VAR} expansion from the keys above and the
 * process environment. Values may be secrets: messages name keys and lines, never values.
 */
public final class DotEnv {

    private final Path file;
    private final Map<String, String> values;

    private DotEnv(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
    }

    /** No file: no values. */
    public static DotEnv empty() {
        return new DotEnv(null, new LinkedHashMap<>());
    }

    /** The file's values; empty when the file does not exist. */
    public static DotEnv load(Path file, Map<String, String> processEnvironment) {
        if (file == null || !Files.exists(file)) {
            return new DotEnv(file, new LinkedHashMap<>());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new DotEnv(file, parse(file.toString(), lines, processEnvironment));
    }

    public Path file() {
        return file;
    }

    /** Every key and value, in file order. */
    public Map<String, String> values() {
        return values;
    }

    public static Map<String, String> parse(String source, List<String> lines, Map<String, String> processEnvironment) {
        Map<String, String> out = new LinkedHashMap<>();
        Function<String, String> lookup = k -> out.containsKey(k) ? out.get(k) : processEnvironment.get(k);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("export ") || t.startsWith("export\t")) {
                t = t.substring(7).stripLeading();
            }
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new ConfigException(source + " line " + (n + 1) + ": expected KEY=value"
                        + (eq < 0 ? " (no '=')" : " (the key '" + key + "' is not a variable name)") + ".");
            }
            String raw = t.substring(eq + 1).stripLeading();
            out.put(key, value(raw, source, n + 1, key, lookup));
        }
        return out;
    }

    private static String value(String raw, String source, int line, String key, Function<String, String> lookup) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw unterminated(source, line, key, "'");
            }
            requireOnlyComment(raw.substring(end + 1), source, line, key);
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            int i = 1;
            for (; i < raw.length() && raw.charAt(i) != '"'; i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    char e = raw.charAt(++i);
                    b.append(switch (e) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '$' -> "\u0000$"; // an escaped dollar is kept literally through expansion
                        default -> String.valueOf(e);
                    });
                } else {
                    b.append(c);
                }
            }
            if (i >= raw.length()) {
                throw unterminated(source, line, key, "\"");
            }
            requireOnlyComment(raw.substring(i + 1), source, line, key);
            return Placeholders.expand(b.toString(), lookup, source + " line " + line).replace("\u0000$", "$");
        }
        // unquoted: a " #" starts a comment
        int hash = raw.indexOf(" #");
        String v = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        return Placeholders.expand(v, lookup, source + " line " + line);
    }

    private static void requireOnlyComment(String rest, String source, int line, String key) {
        String r = rest.strip();
        if (!r.isEmpty() && !r.startsWith("#")) {
            throw new ConfigException(source + " line " + line + ": the value of " + key
                    + " has text after its closing quote.");
        }
    }

    private static ConfigException unterminated(String source, int line, String key, String quote) {
        return new ConfigException(source + " line " + line + ": the value of " + key + " opens a " + quote
                + " quote that is not closed on that line.");
    }
}
