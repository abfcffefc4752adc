package io.gladys.db;

import java.util.Locale;

/**
 * PostgreSQL's lexical rules, in the one place that splits scripts, finds a statement's keywords and
 * lines: comments ({@code --} and nested block comments) and white space are skipped; string
 * literals ({@code '...'}, {@code E'...'} with backslash escapes), quoted identifiers and dollar-quoted
 * bodies are single tokens, so nothing inside them counts as a word or a semicolon.
 */
final class SqlLexer {

    enum Type {
        /** a keyword or plain identifier; its text is in lower case */
        WORD,
        SEMICOLON,
        OPEN,
        CLOSE,
        /** a string literal, quoted identifier or dollar-quoted body */
        QUOTED,
        OTHER
    }

    /** A token: its type, text (lower case for words), offsets in the text and the line it starts on. */
    record Token(Type type, String text, int start, int end, int line) {
    }

    private final String s;
    private final int n;
    private int i;
    private int line = 1;
    private boolean unterminated;

    SqlLexer(String s) {
        this.s = s;
        this.n = s.length();
    }

    /** The next token, or null at the end of the text. */
    Token next() {
        skipBlanks();
        if (i >= n) {
            return null;
        }
        int from = i;
        int at = line;
        char c = s.charAt(i);
        Type type;
        if (c == ';') {
            i++;
            type = Type.SEMICOLON;
        } else if (c == '(') {
            i++;
            type = Type.OPEN;
        } else if (c == ')') {
            i++;
            type = Type.CLOSE;
        } else if (c == '\'') {
            quoted('\'', false);
            type = Type.QUOTED;
        } else if (c == '"') {
            quoted('"', false);
            type = Type.QUOTED;
        } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            i++;
            quoted('\'', true);
            type = Type.QUOTED;
        } else if (identifierStart(c)) {
            while (i < n && identifierPart(s.charAt(i))) {
                i++;
            }
            return new Token(Type.WORD, s.substring(from, i).toLowerCase(Locale.ROOT), from, i, at);
        } else if (c == '$' && dollarQuote()) {
            type = Type.QUOTED;
        } else {
            i++;
            type = Type.OTHER;
        }
        return new Token(type, s.substring(from, i), from, i, at);
    }

    /** Whether a literal, quoted identifier, dollar quote or comment was still open at the end. */
    boolean unterminated() {
        return unterminated;
    }

    private void skipBlanks() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    /** Block comments nest in PostgreSQL (unlike the SQL standard's). */
    private void blockComment() {
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && peek(1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                i++;
            }
        }
        unterminated = true;
    }

    private void quoted(char q, boolean backslashEscapes) {
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                if (peek(1) == '\n') {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == q) {
                if (peek(1) == q) {
                    i += 2;
                    continue;
                }
                i++;
                return;
            }
            i++;
        }
        i = n;
        unterminated = true;
    }

    /** At a '$': consumes a dollar-quoted body and returns true, or returns false (a $1 parameter, ...). */
    private boolean dollarQuote() {
        int j = i + 1;
        if (j < n && identifierStart(s.charAt(j))) {
            while (j < n && identifierPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        }
        if (j >= n || s.charAt(j) != '$') {
            return false;
        }
        String tag = s.substring(i, j + 1);
        int end = s.indexOf(tag, j + 1);
        int stop = end < 0 ? n : end + tag.length();
        for (int k = i; k < stop; k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        unterminated |= end < 0;
        i = stop;
        return true;
    }

    private char peek(int ahead) {
        return i + ahead < n ? s.charAt(i + ahead) : '\0';
    }

    static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    static boolean identifierPart(char c) {
        return identifierStart(c) || Character.isDigit(c) || c == '$';
    }
}
