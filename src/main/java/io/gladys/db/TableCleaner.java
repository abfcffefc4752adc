package io.gladys.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Empties a named set of tables (a clean target) with DELETE, in one transaction, children before
 * parents, and says how many rows each lost. It refuses, before deleting anything, when a table
 * outside the target would lose rows through ON DELETE CASCADE (unless that is allowed) or when
 * rows elsewhere still reference the target without a cascade. Table names come from the
 * configuration, are looked up in the catalog, and only the catalog's names, quoted, reach SQL.
 * The migration history is never emptied.
 */
public final class TableCleaner {

    /** The target that empties every table of the current schema (except the migration history). */
    public static final String ALL = "all";

    /** GLADyS's targets: heuristics with their fires; events with the fires that point at them. */
    public static final Map<String, List<String>> GLADYS_TARGETS = Map.of(
            "heuristics", List.of("heuristics", "heuristic_fires"),
            "events", List.of("episodic_events", "heuristic_fires"));

    private static final String LOCK_TIMEOUT = "10s";

    private final DatabaseTarget target;
    /** target name to tables; ALL maps to an empty list (discovered from the catalog) unless configured */
    private final Map<String, List<String>> targets;

    public TableCleaner(DatabaseTarget target, Map<String, List<String>> targets) {
        this.target = target;
        Map<String, List<String>> t = new TreeMap<>(targets);
        t.putIfAbsent(ALL, List.of());
        this.targets = t;
    }

    /** A cleaner with the targets of {@code <cleanTargets>} (name to comma-separated tables), or GLADyS's. */
    public static TableCleaner configured(DatabaseTarget target, Map<String, String> cleanTargets) {
        return new TableCleaner(target, targets(cleanTargets));
    }

    /** Parses {@code <cleanTargets>}; an empty or missing map gives GLADyS's targets. */
    public static Map<String, List<String>> targets(Map<String, String> configured) {
        if (configured == null || configured.isEmpty()) {
            return GLADYS_TARGETS;
        }
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : configured.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().strip();
            List<String> tables = e.getValue() == null ? List.of() : Arrays.stream(e.getValue().split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (name.isEmpty()) {
                throw new DatabaseException("<cleanTargets> has an entry without a name.");
            }
            if (tables.isEmpty()) {
                throw new DatabaseException("Clean target '" + name + "' in <cleanTargets> lists no tables; give them "
                        + "comma-separated, e.g. <" + name + ">heuristics, heuristic_fires</" + name + ">.");
            }
            parsed.put(name, tables);
        }
        return parsed;
    }

    /** The valid target names, sorted. */
    public List<String> targetNames() {
        return List.copyOf(targets.keySet());
    }

    /** "all (every table ...), events (episodic_events, heuristic_fires), ..." */
    public String describeTargets() {
        return targets.entrySet().stream().map(e -> e.getKey() + " (" + (e.getValue().isEmpty()
                        ? "every table of the schema except " + Migrations.HISTORY_TABLE
                        : String.join(", ", e.getValue())) + ")")
                .collect(Collectors.joining(", "));
    }

    /** Deletes every row of the target's tables, in one transaction. */
    public CleanOutcome clean(String targetName, boolean allowCascade) {
        return run(targetName, allowCascade, false);
    }

    /** The same checks and deletes as {@link #clean}, rolled back: how many rows would go. */
    public CleanOutcome dryRun(String targetName, boolean allowCascade) {
        return run(targetName, allowCascade, true);
    }

    private List<String> tablesOf(String targetName) {
        if (targetName == null || targetName.isBlank()) {
            throw new DatabaseException("Name a clean target. Valid targets: " + describeTargets() + ".");
        }
        List<String> tables = targets.get(targetName.strip());
        if (tables == null) {
            throw new DatabaseException("Unknown clean target '" + targetName.strip() + "'. Valid targets: "
                    + describeTargets() + ".");
        }
        return tables;
    }

    /** A table as the catalog knows it; {@code shown} leaves out the schema when it is the current one. */
    private record Table(long oid, String schema, String name, String shown) {
        String sql() {
            return quote(schema) + "." + quote(name);
        }

        static Table read(ResultSet rs) throws SQLException {
            return new Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
        }
    }

    /** Columns read by {@link Table#read}: oid, schema, name, shown name. */
    private static final String TABLE_COLUMNS = "c.oid, n.nspname, c.relname, CASE WHEN n.nspname = current_schema() "
            + "THEN c.relname::text ELSE n.nspname || '.' || c.relname END";

    /** A foreign key: child's columns reference parent; onDelete is pg_constraint.confdeltype. */
    private record ForeignKey(String name, long child, long parent, char onDelete, List<String> columns) {
        String action() {
            return switch (onDelete) {
                case 'c' -> "ON DELETE CASCADE";
                case 'n' -> "ON DELETE SET NULL";
                case 'd' -> "ON DELETE SET DEFAULT";
                case 'r' -> "ON DELETE RESTRICT";
                default -> "ON DELETE NO ACTION";
            };
        }
    }

    private CleanOutcome run(String targetName, boolean allowCascade, boolean dryRun) {
        String name = targetName == null ? null : targetName.strip();
        List<String> configured = tablesOf(name);
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            try {
                CleanOutcome outcome = clean(c, name, configured, allowCascade, dryRun);
                if (dryRun) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new DatabaseException("Clean target '" + name + "': the tables are in use by another session "
                        + "(waited " + LOCK_TIMEOUT + " for a lock). Stop the services that write to them, or try "
                        + "again. Nothing was deleted.", e);
            }
            throw new DatabaseException("Cleaning target '" + name + "' failed, and nothing was deleted: "
                    + DatabaseErrors.statementFailure(e), e);
        }
    }

    private CleanOutcome clean(Connection c, String name, List<String> configured, boolean allowCascade,
                               boolean dryRun) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        }
        Map<Long, Table> tables = new LinkedHashMap<>();
        for (Table t : configured.isEmpty() ? allTables(c) : resolve(c, name, configured)) {
            tables.put(t.oid(), t);
        }
        if (tables.isEmpty()) {
            return new CleanOutcome(name, List.of(), List.of(), List.of("The schema has no tables to clean."), dryRun);
        }
        List<ForeignKey> keys = foreignKeys(c);
        Map<Long, Table> known = catalogTables(c);

        // tables outside the target that a cascade reaches, directly or through one another
        Set<Long> cascadeReach = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(tables.keySet());
        while (!todo.isEmpty()) {
            long parent = todo.pop();
            for (ForeignKey k : keys) {
                if (k.parent() == parent && k.onDelete() == 'c' && !tables.containsKey(k.child())
                        && cascadeReach.add(k.child())) {
                    todo.push(k.child());
                }
            }
        }
        // lock what is deleted and what references it, so the counts below hold until commit
        Set<Long> locked = new LinkedHashSet<>(tables.keySet());
        keys.stream().filter(k -> tables.containsKey(k.parent())).forEach(k -> locked.add(k.child()));
        locked.addAll(cascadeReach);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + locked.stream().map(oid -> known.get(oid).sql()).collect(Collectors.joining(", "))
                    + " IN SHARE ROW EXCLUSIVE MODE");
        }

        List<String> notes = new ArrayList<>();
        String had = dryRun ? " would have " : " had ";
        for (ForeignKey k : keys) {
            if (!tables.containsKey(k.parent()) || tables.containsKey(k.child())) {
                continue;
            }
            Table child = known.get(k.child());
            Table parent = known.get(k.parent());
            long referencing = referencingRows(c, child, k);
            if (referencing == 0) {
                continue;
            }
            switch (k.onDelete()) {
                case 'c' -> {
                    if (!allowCascade) {
                        throw new DatabaseException("Clean target '" + name + "' would also delete " + rows(referencing)
                                + " of " + display(child) + ", which is not in the target: its foreign key "
                                + k.name() + " (" + String.join(", ", k.columns()) + ") references " + display(parent)
                                + " " + k.action() + ". Add " + display(child) + " to the target, or allow the "
                                + "cascade. Nothing was deleted.");
                    }
                }
                case 'n', 'd' -> notes.add(display(child) + ": " + rows(referencing) + had
                        + String.join(", ", k.columns()) + (k.onDelete() == 'n' ? " set to NULL" : " set to its default")
                        + " (" + k.name() + " " + k.action() + ")");
                default -> {
                    if (!cascadeReach.contains(k.child())) {
                        throw new DatabaseException("Clean target '" + name + "' cannot empty " + display(parent) + ": "
                                + rows(referencing) + " of " + display(child) + " reference it through " + k.name()
                                + " (" + k.action() + "), and " + display(child) + " is not in the target. Add it to "
                                + "the target or clean it first. Nothing was deleted.");
                    }
                }
            }
        }

        Map<Long, Long> before = new LinkedHashMap<>();
        for (long oid : cascadeReach) {
            before.put(oid, count(c, known.get(oid)));
        }
        List<CleanOutcome.TableRows> deleted = new ArrayList<>();
        for (Table t : childrenFirst(tables, keys)) {
            try (Statement s = c.createStatement()) {
                deleted.add(new CleanOutcome.TableRows(display(t), s.executeLargeUpdate("DELETE FROM " + t.sql())));
            } catch (SQLException e) {
                throw new DatabaseException("Clean target '" + name + "': deleting the rows of " + display(t)
                        + " failed, so nothing was deleted: " + DatabaseErrors.statementFailure(e), e);
            }
        }
        List<CleanOutcome.TableRows> cascaded = new ArrayList<>();
        for (Map.Entry<Long, Long> e : before.entrySet()) {
            long lost = e.getValue() - count(c, known.get(e.getKey()));
            if (lost > 0) {
                cascaded.add(new CleanOutcome.TableRows(display(known.get(e.getKey())), lost));
            }
        }
        return new CleanOutcome(name, deleted, cascaded, notes, dryRun);
    }

    /** The target's tables, looked up by name in the catalog (exact, then folded to lower case as SQL does). */
    private List<Table> resolve(Connection c, String targetName, List<String> names) throws SQLException {
        List<Table> found = new ArrayList<>();
        String sql = "SELECT " + TABLE_COLUMNS + ", c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = coalesce(?, current_schema()) AND c.relname = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String configured : names) {
                int dot = configured.indexOf('.');
                String schema = dot < 0 ? null : configured.substring(0, dot);
                String table = dot < 0 ? configured : configured.substring(dot + 1);
                Table t = null;
                for (String candidate : new LinkedHashSet<>(List.of(table, table.toLowerCase(java.util.Locale.ROOT)))) {
                    ps.setString(1, schema);
                    ps.setString(2, candidate);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            String kind = rs.getString(5);
                            if (!kind.equals("r") && !kind.equals("p")) {
                                throw new DatabaseException("Clean target '" + targetName + "' names " + configured
                                        + ", which is not a table (relkind " + kind + "). Nothing was deleted.");
                            }
                            t = Table.read(rs);
                            break;
                        }
                    }
                }
                if (t == null) {
                    throw new DatabaseException("Clean target '" + targetName + "' names the table " + configured
                            + ", which does not exist in " + target.display()
                            + ". Check <cleanTargets> (or whether the migrations ran). Nothing was deleted.");
                }
                if (t.name().equals(Migrations.HISTORY_TABLE)) {
                    throw new DatabaseException("Clean target '" + targetName + "' names " + Migrations.HISTORY_TABLE
                            + ", the migration history, which clean never empties. Nothing was deleted.");
                }
                found.add(t);
            }
        }
        return found;
    }

    /** Every ordinary and partitioned table of the current schema but the history (partitions go with their parent). */
    private static List<Table> allTables(Connection c) throws SQLException {
        List<Table> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TABLE_COLUMNS + " FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ? ORDER BY c.relname")) {
            ps.setString(1, Migrations.HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(Table.read(rs));
                }
            }
        }
        return all;
    }

    private static List<ForeignKey> foreignKeys(Connection c) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        // conparentid = 0: the constraint itself, not its copies on partitions
        try (PreparedStatement ps = c.prepareStatement("SELECT con.conname, con.conrelid::bigint, "
                + "con.confrelid::bigint, con.confdeltype, ARRAY(SELECT a.attname FROM unnest(con.conkey) "
                + "WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid "
                + "AND a.attnum = k.attnum ORDER BY k.ord)::text[] FROM pg_constraint con "
                + "WHERE con.contype = 'f' AND con.conparentid = 0 ORDER BY con.conname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] cols = (String[]) rs.getArray(5).getArray();
                keys.add(new ForeignKey(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4).charAt(0),
                        List.of(cols)));
            }
        }
        return keys;
    }

    /** Every table of the database by oid, to name the ends of foreign keys. */
    private static Map<Long, Table> catalogTables(Connection c) throws SQLException {
        Map<Long, Table> known = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TABLE_COLUMNS + " FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Table t = Table.read(rs);
                known.put(t.oid(), t);
            }
        }
        return known;
    }

    /** Rows of {@code child} whose key columns are all set: with every parent row gone, each is affected. */
    private static long referencingRows(Connection c, Table child, ForeignKey k) throws SQLException {
        String where = k.columns().stream().map(col -> quote(col) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + child.sql() + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection c, Table t) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t.sql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A table is emptied only once no remaining table of the target references it. In a cycle of
     * references inside the target no order is safe; the rest go by name and the server decides.
     */
    private static List<Table> childrenFirst(Map<Long, Table> tables, List<ForeignKey> keys) {
        List<Table> order = new ArrayList<>();
        Set<Long> remaining = new LinkedHashSet<>(tables.keySet());
        while (!remaining.isEmpty()) {
            List<Long> ready = remaining.stream().filter(parent -> keys.stream().noneMatch(k -> k.parent() == parent
                    && k.child() != parent && remaining.contains(k.child()))).toList();
            if (ready.isEmpty()) {
                ready = List.copyOf(remaining);
            }
            List<Table> batch = ready.stream().map(tables::get).sorted(Comparator.comparing(Table::name)).toList();
            order.addAll(batch);
            batch.forEach(t -> remaining.remove(t.oid()));
        }
        return order;
    }

    private static String display(Table t) {
        return t.shown();
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }

    /** A quoted SQL identifier: double quotes, inner ones doubled. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
