package io.gladys.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a build context's {@code .dockerignore}, matched as Docker matches them: paths relative
 * to the context, {@code *} and {@code ?} within one path segment, {@code **} across segments, a rule
 * that matches a directory also covers what is inside it, {@code !} re-includes, and the last matching
 * rule wins.
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean include) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    static DockerIgnore read(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : none();
    }

    static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            if (include) {
                line = line.substring(1).trim();
            }
            line = clean(line);
            if (!line.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(line)), include));
            }
        }
        return new DockerIgnore(rules);
    }

    /** Whether any rule re-includes files: then an ignored directory still has to be walked. */
    boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::include);
    }

    /** Whether the path (relative to the context, '/'-separated) is left out of the build context. */
    boolean ignored(String relativePath) {
        boolean ignored = false;
        for (Rule r : rules) {
            if (matchesSelfOrParent(r.pattern(), relativePath)) {
                ignored = !r.include();
            }
        }
        return ignored;
    }

    private static boolean matchesSelfOrParent(Pattern p, String path) {
        if (p.matcher(path).matches()) {
            return true;
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (p.matcher(path.substring(0, i)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * As Docker cleans a rule on Linux: no leading slash or "./", no trailing slash, no empty segments.
     * A backslash stays: it escapes the next character (only Docker on Windows reads it as a separator).
     */
    private static String clean(String rule) {
        String r = rule;
        while (r.startsWith("/") || r.startsWith("./")) {
            r = r.startsWith("/") ? r.substring(1) : r.substring(2);
        }
        r = r.replaceAll("/+", "/");
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r.equals(".") ? "" : r;
    }

    private static String regex(String rule) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '*') {
                if (i + 1 < rule.length() && rule.charAt(i + 1) == '*') {
                    i++;
                    // "**/" matches zero or more whole segments; a trailing "**" matches everything below
                    if (i + 1 < rule.length() && rule.charAt(i + 1) == '/') {
                        i++;
                        b.append("(?:.*/)?");
                    } else {
                        b.append(".*");
                    }
                } else {
                    b.append("[^/]*");
                }
            } else if (c == '?') {
                b.append("[^/]");
            } else if (c == '[') {
                int close = rule.indexOf(']', i + 1);
                if (close < 0) {
                    b.append("\\[");
                } else {
                    String set = rule.substring(i + 1, close);
                    if (set.startsWith("^") || set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    }
                    b.append('[').append(set.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < rule.length()) {
                b.append(Pattern.quote(String.valueOf(rule.charAt(++i))));
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }
}
