package io.gladys.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements on top-level semicolons the way psql does: not inside string
 * literals ({@code '...'}, {@code E'...'}), quoted identifiers, dollar-quoted bodies ({@code $$...$$},
 * {@code $tag$...$tag$}), comments ({@code --}, nested {@code /* *}{@code /}), parentheses, or the
 * {@code BEGIN ... END} body of a {@code CREATE FUNCTION|PROCEDURE ... BEGIN ATOMIC}.
 */
public final class SqlScript {

    private final List<SqlStatement> statements;
    private final String tail;
    private final int tailLine;
    private final boolean tailInsideLiteral;

    private SqlScript(List<SqlStatement> statements, String tail, int tailLine, boolean tailInsideLiteral) {
        this.statements = statements;
        this.tail = tail;
        this.tailLine = tailLine;
        this.tailInsideLiteral = tailInsideLiteral;
    }

    /** The statements that a semicolon ends; text after the last one is {@link #tail()}. */
    public List<SqlStatement> terminated() {
        return statements;
    }

    /** Every statement, the unterminated last one included (a script's last semicolon is optional). */
    public List<SqlStatement> all() {
        if (tail.isBlank()) {
            return statements;
        }
        List<SqlStatement> all = new ArrayList<>(statements);
        all.add(SqlStatement.of(tail.strip(), statements.size() + 1, tailLine));
        return all;
    }

    /**
     * Text after the last terminating semicolon, from its first significant character on, as
     * written (empty when there is none): what a prompt keeps while a statement is being typed.
     */
    public String tail() {
        return tail;
    }

    /** Whether the text ends inside a string, quoted identifier, dollar quote or block comment. */
    public boolean endsInsideLiteral() {
        return tailInsideLiteral;
    }

    public static SqlScript parse(String sql) {
        return new Lexer(sql).run();
    }

    private static final class Lexer {
        private final String s;
        private final int n;
        private int i;
        private int line = 1;

        private final List<SqlStatement> out = new ArrayList<>();
        /** start offset and line of the current statement's first token; -1 before it */
        private int start = -1;
        private int startLine;
        private int parenDepth;
        private int beginDepth;
        /** first words of the statement, to recognise CREATE [OR REPLACE] FUNCTION|PROCEDURE */
        private final List<String> leading = new ArrayList<>();
        private boolean unterminated;

        Lexer(String s) {
            this.s = s;
            this.n = s.length();
        }

        SqlScript run() {
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
                    token(c);
                }
            }
            String tail = start < 0 ? "" : s.substring(start);
            return new SqlScript(List.copyOf(out), tail, startLine, unterminated);
        }

        private void token(char c) {
            if (start < 0 && c == ';') {
                i++; // an empty statement
                return;
            }
            if (start < 0) {
                start = i;
                startLine = line;
            }
            if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                out.add(SqlStatement.of(s.substring(start, i).strip(), out.size() + 1, startLine));
                start = -1;
                leading.clear();
                i++;
            } else if (c == '\'') {
                boolean escapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                        && (i < 2 || !identifierPart(s.charAt(i - 2)));
                quoted('\'', escapes);
            } else if (c == '"') {
                quoted('"', false);
            } else if (c == '$' && (i == start || !identifierPart(s.charAt(i - 1))) && dollarQuote()) {
                return;
            } else if (c == '(') {
                parenDepth++;
                i++;
            } else if (c == ')') {
                parenDepth = Math.max(0, parenDepth - 1);
                i++;
            } else if (identifierStart(c)) {
                word();
            } else {
                i++;
            }
        }

        private void word() {
            int from = i;
            while (i < n && identifierPart(s.charAt(i))) {
                i++;
            }
            String w = s.substring(from, i).toLowerCase(Locale.ROOT);
            if (leading.size() < 4) {
                leading.add(w);
            }
            if (parenDepth == 0 && routineBody()) {
                switch (w) {
                    case "begin" -> beginDepth++;
                    case "case" -> beginDepth += beginDepth > 0 ? 1 : 0;
                    case "end" -> beginDepth = Math.max(0, beginDepth - 1);
                    default -> {
                    }
                }
            }
        }

        /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: psql's rule for bodies whose semicolons do not end it. */
        private boolean routineBody() {
            if (leading.size() < 2 || !leading.get(0).equals("create")) {
                return false;
            }
            String second = leading.get(1);
            if (second.equals("function") || second.equals("procedure")) {
                return true;
            }
            return second.equals("or") && leading.size() >= 4 && leading.get(2).equals("replace")
                    && (leading.get(3).equals("function") || leading.get(3).equals("procedure"));
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

        private char peek(int ahead) {
            return i + ahead < n ? s.charAt(i + ahead) : '\0';
        }
    }

    static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    static boolean identifierPart(char c) {
        return identifierStart(c) || Character.isDigit(c) || c == '$';
    }
}
