package io.gladys.config;

import java.util.function.Function;

/**
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code $VAR} in a value, filled from a lookup. An
 * unknown variable without a default is an error naming it (an empty port or address would only
 * fail later, further from its cause).
 */
public final class Placeholders {

    private Placeholders() {
    }

    public static String expand(String value, Function<String, String> lookup, String where) {
        if (value == null || value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\u0000' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                b.append("\u0000$");
                i += 2;
                continue;
            }
            if (c != '$' || i + 1 >= value.length()) {
                b.append(c);
                i++;
                continue;
            }
            if (value.charAt(i + 1) == '{') {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new ConfigException(where + ": '${' without a closing '}'.");
                }
                String body = value.substring(i + 2, end);
                int dflt = body.indexOf(":-");
                String name = dflt < 0 ? body : body.substring(0, dflt);
                String v = lookup.apply(name);
                if (v == null || (dflt >= 0 && v.isEmpty())) {
                    if (dflt < 0) {
                        throw new ConfigException(where + ": ${" + name + "} is not set (give it in .env or the "
                                + "environment, or write ${" + name + ":-default}).");
                    }
                    v = expand(body.substring(dflt + 2), lookup, where);
                }
                b.append(v);
                i = end + 1;
            } else if (Character.isLetter(value.charAt(i + 1)) || value.charAt(i + 1) == '_') {
                int j = i + 1;
                while (j < value.length() && (Character.isLetterOrDigit(value.charAt(j)) || value.charAt(j) == '_')) {
                    j++;
                }
                String name = value.substring(i + 1, j);
                String v = lookup.apply(name);
                if (v == null) {
                    throw new ConfigException(where + ": $" + name + " is not set.");
                }
                b.append(v);
                i = j;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
