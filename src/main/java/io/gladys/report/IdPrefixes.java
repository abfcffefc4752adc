package io.gladys.report;

import java.util.Collection;
import java.util.List;

/** Short ids, as git shows them: the shortest unique prefix of at least 8 characters, marked with "...". */
public final class IdPrefixes {

    private static final int MIN = 8;

    private IdPrefixes() {
    }

    public static String shortest(String id, Collection<String> all) {
        if (id.length() <= MIN + 3) {
            return id;
        }
        for (int len = MIN; len < id.length(); len++) {
            String prefix = id.substring(0, len);
            if (all.stream().filter(o -> o.startsWith(prefix)).count() == 1) {
                return prefix + "...";
            }
        }
        return id;
    }

    /** The ids that start with the given prefix (the prefix itself first, if it is a whole id). */
    public static List<String> matching(String prefix, Collection<String> all) {
        if (all.contains(prefix)) {
            return List.of(prefix);
        }
        String p = prefix.endsWith("...") ? prefix.substring(0, prefix.length() - 3) : prefix;
        return all.stream().filter(o -> o.startsWith(p)).toList();
    }
}
