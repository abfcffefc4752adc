package io.gladys.db;

import java.util.ArrayList;
import java.util.List;

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
        SqlLexer lexer = new SqlLexer(sql);
        List<SqlStatement> out = new ArrayList<>();
        int start = -1; // offset and line of the current statement's first token; -1 before it
        int startLine = 0;
        int parenDepth = 0;
        int beginDepth = 0;
        List<String> leading = new ArrayList<>(); // first words, to recognise CREATE [OR REPLACE] FUNCTION
        for (SqlLexer.Token t = lexer.next(); t != null; t = lexer.next()) {
            if (start < 0) {
                if (t.type() == SqlLexer.Type.SEMICOLON) {
                    continue; // an empty statement
                }
                start = t.start();
                startLine = t.line();
            }
            switch (t.type()) {
                case SEMICOLON -> {
                    if (parenDepth == 0 && beginDepth == 0) {
                        out.add(SqlStatement.of(sql.substring(start, t.start()).strip(), out.size() + 1, startLine));
                        start = -1;
                        leading.clear();
                    }
                }
                case OPEN -> parenDepth++;
                case CLOSE -> parenDepth = Math.max(0, parenDepth - 1);
                case WORD -> {
                    if (leading.size() < 4) {
                        leading.add(t.text());
                    }
                    if (parenDepth == 0 && routineBody(leading)) {
                        switch (t.text()) {
                            case "begin" -> beginDepth++;
                            case "case" -> beginDepth += beginDepth > 0 ? 1 : 0;
                            case "end" -> beginDepth = Math.max(0, beginDepth - 1);
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        String tail = start < 0 ? "" : sql.substring(start);
        return new SqlScript(List.copyOf(out), tail, startLine, lexer.unterminated());
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: psql's rule for bodies whose semicolons do not end it. */
    private static boolean routineBody(List<String> leading) {
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
}
