package io.gladys.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One SQL statement of a script: its text (without the semicolon), its number in the script and
 * the line it starts on. Knows what kind of statement it is from its leading keywords, which is
 * enough to choose a transaction mode and to print psql's command tags ({@code UPDATE 3}).
 */
public record SqlStatement(String text, int number, int line) {

    /** How a statement relates to transactions. */
    public enum Kind {
        /** runs inside a transaction like most statements */
        ORDINARY,
        /** BEGIN, COMMIT, ROLLBACK, ...: ends or starts a transaction itself */
        TRANSACTION_CONTROL,
        /** VACUUM, CREATE DATABASE, ... CONCURRENTLY: PostgreSQL refuses them inside a transaction block */
        NO_TRANSACTION
    }

    private static final Set<String> MAIN_VERBS = Set.of("select", "insert", "update", "delete", "merge", "values",
            "table");
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "unique", "temp", "temporary",
            "unlogged", "global", "local", "trusted", "procedural", "default", "constraint", "recursive", "if",
            "not", "exists");

    static SqlStatement of(String text, int number, int line) {
        return new SqlStatement(text, number, line);
    }

    /** The first line of the text, shortened, for messages. */
    public String firstLine() {
        String first = text.lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    /** "statement 3 (line 7: UPDATE heuristics SET ...)" */
    public String describe() {
        return "statement " + number + " (line " + line + ": " + firstLine() + ")";
    }

    public Kind kind() {
        List<String> w = words(6);
        if (w.isEmpty()) {
            return Kind.ORDINARY;
        }
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        return switch (first) {
            case "begin", "start", "end", "abort" -> Kind.TRANSACTION_CONTROL;
            // COMMIT PREPARED / ROLLBACK PREPARED finish a two-phase transaction from outside any block
            case "commit" -> second.equals("prepared") ? Kind.NO_TRANSACTION : Kind.TRANSACTION_CONTROL;
            case "rollback" -> second.equals("prepared") ? Kind.NO_TRANSACTION
                    // ROLLBACK TO [SAVEPOINT] stays inside the transaction
                    : second.equals("to") ? Kind.ORDINARY : Kind.TRANSACTION_CONTROL;
            // PREPARE name AS ... is an ordinary prepared statement
            case "prepare" -> second.equals("transaction") ? Kind.TRANSACTION_CONTROL : Kind.ORDINARY;
            // what PostgreSQL refuses inside a transaction block (PreventInTransactionBlock); SqlTransactionRulesTest
            // holds this against the server and against Flyway's list
            case "vacuum" -> Kind.NO_TRANSACTION;
            // CLUSTER with no table reclusters every table, each in its own transaction
            case "cluster" -> w.size() == 1 || w.equals(List.of("cluster", "verbose")) ? Kind.NO_TRANSACTION
                    : Kind.ORDINARY;
            case "create", "drop" -> w.contains("concurrently") || Set.of("database", "tablespace", "subscription")
                    .contains(second) ? Kind.NO_TRANSACTION : Kind.ORDINARY;
            case "alter" -> second.equals("system") || second.equals("database") && w.size() > 4
                    && w.get(3).equals("set") && w.get(4).equals("tablespace") ? Kind.NO_TRANSACTION : Kind.ORDINARY;
            case "reindex" -> {
                String what = second.equals("verbose") && w.size() > 2 ? w.get(2) : second;
                yield w.contains("concurrently") || Set.of("database", "system", "schema").contains(what)
                        ? Kind.NO_TRANSACTION : Kind.ORDINARY;
            }
            case "discard" -> second.equals("all") ? Kind.NO_TRANSACTION : Kind.ORDINARY;
            default -> Kind.ORDINARY;
        };
    }

    /** A plain BEGIN / START TRANSACTION, without isolation or access options. */
    boolean isPlainBegin() {
        List<String> w = words(4);
        return w.equals(List.of("begin")) || w.equals(List.of("begin", "transaction"))
                || w.equals(List.of("begin", "work")) || w.equals(List.of("start", "transaction"));
    }

    /** COMMIT / END (with optional WORK or TRANSACTION). */
    boolean isCommit() {
        List<String> w = words(3);
        return w.size() <= 2 && !w.isEmpty() && (w.get(0).equals("commit") || w.get(0).equals("end"))
                && (w.size() == 1 || w.get(1).equals("work") || w.get(1).equals("transaction"));
    }

    /** The statement's main verb in upper case: SELECT, INSERT, CREATE, ...; for WITH, the verb after the CTEs. */
    public String verb() {
        List<String> w = words(200);
        if (w.isEmpty()) {
            return "";
        }
        if (w.get(0).equals("with")) {
            for (String x : w) {
                if (MAIN_VERBS.contains(x)) {
                    return x.toUpperCase(Locale.ROOT);
                }
            }
            return "SELECT";
        }
        return w.get(0).toUpperCase(Locale.ROOT);
    }

    /** Whether the statement is a query whose rows are its result (SELECT, VALUES, TABLE, SHOW, ...). */
    public boolean isQuery() {
        return switch (verb()) {
            case "SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN", "FETCH" -> true;
            default -> false;
        };
    }

    /**
     * psql's command tag for a statement that reported {@code count} rows: {@code INSERT 0 1},
     * {@code UPDATE 3}, {@code CREATE TABLE}. JDBC does not hand the server's tag over, so it is
     * rebuilt from the statement's keywords.
     */
    public String tag(long count) {
        String verb = verb();
        switch (verb) {
            case "INSERT":
                return "INSERT 0 " + count;
            case "UPDATE", "DELETE", "MERGE", "SELECT", "VALUES", "TABLE", "COPY", "MOVE", "FETCH":
                return (verb.equals("VALUES") || verb.equals("TABLE") ? "SELECT" : verb) + " " + count;
            default:
                break;
        }
        List<String> w = words(8);
        if (verb.equals("CREATE") || verb.equals("DROP") || verb.equals("ALTER")) {
            for (int k = 1; k < w.size(); k++) {
                String x = w.get(k);
                if (!CREATE_MODIFIERS.contains(x)) {
                    String object = x;
                    if ((x.equals("materialized") || x.equals("foreign") || x.equals("event")) && k + 1 < w.size()) {
                        object = x + " " + w.get(k + 1);
                    }
                    return (verb + " " + object).toUpperCase(Locale.ROOT);
                }
            }
        }
        if (verb.equals("TRUNCATE")) {
            return "TRUNCATE TABLE";
        }
        return count > 0 ? verb + " " + count : verb;
    }

    /** The first top-level words (outside parentheses, literals and comments), in lower case. */
    List<String> words(int max) {
        List<String> words = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(text);
        int depth = 0;
        for (SqlLexer.Token t = lexer.next(); t != null && words.size() < max; t = lexer.next()) {
            switch (t.type()) {
                case OPEN -> depth++;
                case CLOSE -> depth = Math.max(0, depth - 1);
                case WORD -> {
                    if (depth == 0) {
                        words.add(t.text());
                    }
                }
                default -> {
                }
            }
        }
        return words;
    }

    /** The line of the first token, counted from the text's first line (1): what comments before it take. */
    static int firstTokenLine(String text) {
        SqlLexer.Token first = new SqlLexer(text).next();
        return first == null ? 1 : first.line();
    }
}
