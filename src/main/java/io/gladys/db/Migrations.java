package io.gladys.db;

import io.gladys.config.PropertyNames;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Versioned SQL migrations named as GLADyS names them ({@code 001_initial_schema.sql}: version,
 * underscore, description), applied with Flyway: a history table with checksums, who applied each
 * one, when and how long it took; one transaction per migration, so a failed one leaves the schema
 * as it was.
 * <p>
 * Before anything runs, the directory and the history are checked (see {@link #status()}): a file
 * Flyway would treat as something else than a versioned migration, two files with one version, a
 * file edited or renamed after it was applied, a new file with a version below the newest applied
 * one, an applied file that is gone. Each blocks migrate with a message that names the file and
 * says what to do; nothing is applied while one is there.
 */
public final class Migrations {

    /** The history table; never emptied by clean. */
    public static final String HISTORY_TABLE = "gladys_schema_history";

    /** The reference stack's own schema, shipped in the plugin. */
    public static final String BUNDLED_REFERENCE_SCHEMA = "classpath:io/gladys/reference/migrations";

    /**
     * Flyway logs through java.util.logging, silenced: the goals print their own summary, and
     * failures come back as exceptions with a full message. Held so the level sticks.
     */
    private static final java.util.logging.Logger FLYWAY_LOG = quiet("org.flywaydb");

    private static final Set<MigrationState> APPLIED_STATES = Set.of(MigrationState.SUCCESS,
            MigrationState.BASELINE, MigrationState.FAILED, MigrationState.MISSING_SUCCESS,
            MigrationState.MISSING_FAILED, MigrationState.FUTURE_SUCCESS, MigrationState.FUTURE_FAILED,
            MigrationState.OUT_OF_ORDER);

    private final DatabaseTarget target;
    private final String location;
    /** the directory behind a filesystem location, whose files are checked; null for classpath */
    private final Path directory;
    private String installedBy = defaultInstalledBy();
    /** read subdirectories of the directory too (GLADyS keeps retired migrations in archive/) */
    private boolean recursive;
    /** the schema a database without history starts from, or null */
    private SchemaBaseline baseline;
    /** the directory Flyway reads when subdirectories must be left out (made on first need) */
    private Path flatView;

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.OFF);
        return l;
    }

    /**
     * @param location a Flyway location: {@code filesystem:/path} or {@code classpath:path}
     */
    public Migrations(DatabaseTarget target, String location) {
        this.target = target;
        this.location = location;
        this.directory = location.startsWith("filesystem:") ? Path.of(location.substring("filesystem:".length()))
                : null;
    }

    /** The migrations in a directory; an error that says so when it does not exist. */
    public static Migrations inDirectory(DatabaseTarget target, Path dir) {
        return new Migrations(target, filesystem(dir));
    }

    public static String filesystem(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new DatabaseException("The migrations directory " + dir + " is a file, not a directory.");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatabaseException("The migrations directory " + dir + " does not exist. Put the migrations "
                    + "there (<version>_<description>.sql, e.g. 001_initial_schema.sql), or point "
                    + "<database><migrations> at the directory that holds them.");
        }
        return "filesystem:" + dir.toAbsolutePath().normalize();
    }

    /** Whether migrations in subdirectories of the directory count (default: only the files directly in it). */
    public Migrations recursive(boolean value) {
        this.recursive = value;
        return this;
    }

    /** The schema a database without history gets first, as its baseline (null: none). */
    public Migrations baseline(SchemaBaseline value) {
        this.baseline = value;
        return this;
    }

    /** Who the history records as having applied the migrations (default: the operating system user). */
    public Migrations installedBy(String who) {
        this.installedBy = who == null || who.isBlank() ? defaultInstalledBy() : who;
        return this;
    }

    /** The database the migrations are for. */
    public DatabaseTarget target() {
        return target;
    }

    String location() {
        return location;
    }

    boolean isRecursive() {
        return recursive;
    }

    SchemaBaseline schemaBaseline() {
        return baseline;
    }

    private static String defaultInstalledBy() {
        String user = System.getProperty("user.name", "unknown");
        return user.length() > 100 ? user.substring(0, 100) : user;
    }

    /**
     * What a migrate run did.
     *
     * @param applied       how many migrations ran
     * @param schemaVersion the schema's version afterwards (null when none is applied)
     * @param migrations    the migrations that ran, "001 initial schema"
     * @param notes         things worth saying that are not errors (a file already applied, future versions)
     */
    public record Outcome(int applied, String schemaVersion, List<String> migrations, List<String> notes) {
        public Outcome(int applied, String schemaVersion, List<String> migrations) {
            this(applied, schemaVersion, migrations, List.of());
        }
    }

    /** Applies every pending migration, in version order. */
    public Outcome migrate() {
        return migrate(null);
    }

    /**
     * Applies pending migrations: all of them, or with {@code onlyFile} exactly that one, which
     * must then be the next one due (migrations run in version order; applying a later file before
     * an earlier pending one is refused). {@code onlyFile} is a file name (with or without .sql),
     * a path ending in one, or a version ({@code 003} or {@code 3}). A file already applied is a
     * note, not an error.
     */
    public Outcome migrate(String onlyFile) {
        List<String> baselined = new ArrayList<>();
        if (baseline != null) {
            SchemaBaseline.Outcome b = baseline.establish(target, this);
            if (b != SchemaBaseline.Outcome.ALREADY_BASELINED) {
                baselined.add((b == SchemaBaseline.Outcome.APPLIED ? "Applied " : "Adopted the existing schema as ")
                        + baseline.schema().getFileName() + (baseline.extensions().isEmpty() ? ""
                        : " (extensions " + String.join(", ", baseline.extensions()) + ")")
                        + " as the baseline (version " + SchemaBaseline.VERSION + ") of " + target.display() + ".");
            }
        }
        Outcome o = migrateFiles(onlyFile);
        if (baselined.isEmpty()) {
            return o;
        }
        List<String> notes = new ArrayList<>(baselined);
        notes.addAll(o.notes());
        return new Outcome(o.applied(), o.schemaVersion() == null ? SchemaBaseline.VERSION : o.schemaVersion(),
                o.migrations(), notes);
    }

    private Outcome migrateFiles(String onlyFile) {
        MigrationStatus status = status();
        requireNothingBlocking(status);
        List<String> notes = new ArrayList<>(notes(status));
        List<MigrationStatus.Migration> toRun = select(status, onlyFile, notes);
        if (toRun.isEmpty()) {
            return new Outcome(0, status.currentVersion(), List.of(), notes);
        }
        String last = toRun.get(toRun.size() - 1).version();
        Flyway flyway = flyway(c -> c.target(MigrationVersion.fromVersion(last)));
        try {
            MigrateResult r = flyway.migrate();
            List<String> names = r.migrations.stream().map(m -> m.version + " " + m.description).toList();
            return new Outcome(r.migrationsExecuted, r.targetSchemaVersion != null ? r.targetSchemaVersion
                    : status.currentVersion(), names, notes);
        } catch (FlywayMigrateException e) {
            SQLException sql = cause(e, SQLException.class);
            String message = failure(e, status);
            throw sql == null ? new DatabaseException(message, e) : MissingExtensionException.of(message, sql, target);
        } catch (FlywayException e) {
            throw new DatabaseException(flywayFailure(e), e);
        }
    }

    /**
     * The dry run of {@link #migrate(String)}: the same checks (and the same errors), and the
     * migrations it would apply, in order, without applying them.
     */
    public List<MigrationStatus.Migration> plan(String onlyFile) {
        MigrationStatus status = status();
        requireNothingBlocking(status);
        return select(status, onlyFile, new ArrayList<>());
    }

    /**
     * Where the database stands: applied and pending migrations and the problems found. Does not
     * change anything; problems are reported here, not thrown (connection failures are).
     */
    public MigrationStatus status() {
        try (Connection c = target.connect()) {
            return status(c);
        } catch (SQLException e) {
            throw new DatabaseException("Reading the migration state of " + target.display() + " failed: "
                    + DatabaseErrors.statementFailure(e), e);
        }
    }

    private MigrationStatus status(Connection c) throws SQLException {
        List<MigrationStatus.Problem> problems = new ArrayList<>();
        if (directory != null) {
            filesystem(directory);
            problems.addAll(MigrationFiles.scan(directory, recursive).problems());
        }
        boolean hasHistory = historyExists(c);
        if (!problems.isEmpty()) {
            // Flyway refuses to read such a directory: show the history as it is and the file problems
            return new MigrationStatus(location, hasHistory ? historyRows(c) : List.of(), List.of(), problems);
        }
        MigrationInfo[] all;
        try {
            all = flyway(cfg -> cfg).info().all();
        } catch (FlywayException e) {
            throw new DatabaseException(flywayFailure(e), e);
        }
        List<MigrationStatus.Migration> applied = new ArrayList<>();
        List<MigrationStatus.Migration> pending = new ArrayList<>();
        String newestApplied = null;
        for (MigrationInfo i : all) {
            if (APPLIED_STATES.contains(i.getState()) && i.getInstalledOn() != null) {
                applied.add(migration(i));
                if (i.getVersion() != null && i.getState() != MigrationState.FUTURE_SUCCESS) {
                    newestApplied = i.getVersion().getVersion();
                }
            }
        }
        for (MigrationInfo i : all) {
            String script = i.getScript();
            switch (i.getState()) {
                case PENDING -> pending.add(migration(i));
                case IGNORED -> problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.OUT_OF_ORDER, script,
                        script + " (version " + i.getVersion() + ") is not applied, but the database is already at "
                                + "version " + newestApplied + ": it arrived out of order (a merge?). Migrations run "
                                + "in version order, so renumber it above " + newestApplied + ".", true));
                case MISSING_SUCCESS, MISSING_FAILED -> problems.add(new MigrationStatus.Problem(
                        MigrationStatus.Kind.MISSING_FILE, script, "Migration " + i.getVersion() + " (" + script
                        + ") was applied on " + i.getInstalledOn() + " but its file is gone from " + where()
                        + ". Restore it; if it was removed on purpose, run repair to mark it deleted.", true));
                case FAILED -> problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.FAILED, script,
                        "Migration " + script + " failed part way on " + i.getInstalledOn() + " (it ran outside a "
                        + "transaction, so some of it may have taken effect). Check the database by hand, fix the "
                        + "file, then run repair to remove the failed entry.", true));
                case FUTURE_SUCCESS, FUTURE_FAILED -> problems.add(new MigrationStatus.Problem(
                        MigrationStatus.Kind.FUTURE, script, "The database has migration " + i.getVersion() + " ("
                        + script + "), newer than any file in " + where() + " (migrated from a newer branch?).",
                        false));
                default -> {
                }
            }
            if (i.getState() == MigrationState.SUCCESS && i.getResolvedChecksum() != null) {
                if (!i.isChecksumMatching()) {
                    problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.CHECKSUM_MISMATCH, script,
                            script + " was changed after it was applied on " + i.getInstalledOn() + " (checksum "
                                    + i.getAppliedChecksum() + " in the history, " + i.getResolvedChecksum()
                                    + " now). Restore the file as it was applied (e.g. git checkout) and put the "
                                    + "change in a new migration; if the edit is intended and already reflected "
                                    + "in the database, run repair to record the new checksum.", true));
                } else if (!i.isDescriptionMatching()) {
                    problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.DESCRIPTION_MISMATCH, script,
                            "Migration " + i.getVersion() + " was applied as '" + i.getAppliedDescription()
                                    + "' and its file is now " + script + ". Rename it back, or run repair to "
                                    + "record the new name.", true));
                }
            }
            if (!i.isVersioned() || (i.getType() != null && i.getType().isBaseline() && i.getInstalledOn() == null)) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.BAD_NAME, script, script
                        + " is not a versioned migration for Flyway (" + i.getType() + "). "
                        + MigrationFiles.whyNot(script), true));
            }
        }
        anotherSet(c, hasHistory).ifPresent(p -> {
            // one explanation instead of a changed, renamed or missing file each
            problems.removeIf(q -> ANOTHER_SET_SYMPTOMS.contains(q.kind()));
            problems.add(p);
        });
        if (!hasHistory && !pending.isEmpty() && schemaHasObjects(c)) {
            problems.add(new MigrationStatus.Problem(MigrationStatus.Kind.UNTRACKED_SCHEMA, null,
                    "The database " + target.display() + " already has tables but no migration history ("
                            + HISTORY_TABLE + "): its schema was made by other means, and applying the "
                            + "migrations on top of it could fail half way or duplicate it. If the schema matches "
                            + "the migrations up to some version, baseline it at that version; else use an empty "
                            + "database.", true));
        }
        return new MigrationStatus(location, applied, pending, problems);
    }

    private static final Set<MigrationStatus.Kind> ANOTHER_SET_SYMPTOMS = Set.of(MigrationStatus.Kind.CHECKSUM_MISMATCH,
            MigrationStatus.Kind.DESCRIPTION_MISMATCH, MigrationStatus.Kind.MISSING_FILE, MigrationStatus.Kind.OUT_OF_ORDER,
            MigrationStatus.Kind.FUTURE);

    /**
     * Whether the history was written by other migrations than the directory holds: a version whose
     * file has another name and another content than what was applied, or no applied version left
     * in a directory that has files. An edited file (same name) or a renamed one (same content)
     * stays its own problem.
     */
    private Optional<MigrationStatus.Problem> anotherSet(Connection c, boolean hasHistory)
            throws SQLException {
        if (directory == null || !hasHistory) {
            return Optional.empty();
        }
        java.util.Map<MigrationVersion, MigrationFiles.File> files = new java.util.LinkedHashMap<>();
        for (MigrationFiles.File f : MigrationFiles.scan(directory, recursive).files()) {
            files.putIfAbsent(MigrationVersion.fromVersion(f.version()), f);
        }
        // applied SQL migrations only: a baseline marker or a deleted entry was never a file
        List<MigrationStatus.Migration> applied = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, description, checksum FROM " + HISTORY_TABLE
                + " WHERE success AND type = 'SQL' AND version IS NOT NULL ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                applied.add(new MigrationStatus.Migration(rs.getString(1), rs.getString(2), null,
                        (Integer) rs.getObject(3), null, null, null, true));
            }
        }
        boolean replaced = false;
        boolean anyKept = false;
        for (MigrationStatus.Migration h : applied) {
            MigrationFiles.File f = files.get(MigrationVersion.fromVersion(h.version()));
            if (f == null) {
                continue;
            }
            boolean sameName = h.description().equals(f.description());
            boolean sameContent = java.util.Objects.equals(h.checksum(), MigrationFiles.checksum(f.path()));
            if (!sameName && !sameContent) {
                replaced = true;
            } else {
                anyKept = true;
            }
        }
        boolean allGone = !applied.isEmpty() && !anyKept && !replaced && !files.isEmpty();
        if (!replaced && !allGone) {
            return Optional.empty();
        }
        String history = applied.stream().map(h -> h.version() + " '" + h.description() + "'")
                .collect(Collectors.joining(", "));
        String here = files.values().stream().map(MigrationFiles.File::name).collect(Collectors.joining(", "));
        String message = "The migration history of " + target.display() + " was written by another set of "
                + "migrations than " + where() + " holds.\n"
                + "      history: " + history + "\n"
                + "      files:   " + here + "\n"
                + "    The files are not at fault: this database was migrated from elsewhere (for instance with the "
                + "reference schema the plugin applies on a first start while <database><migrations> did not exist yet). "
                + "Ways out: point <database><migrations> at the directory that made the history; or, for the "
                + "database the plugin manages, recreate it with these migrations, which deletes its data: "
                + "mvn gladys:reset -D" + PropertyNames.DB_RECREATE + "=true; or use another, empty database.";
        return Optional.of(new MigrationStatus.Problem(MigrationStatus.Kind.ANOTHER_SET, null, message, true));
    }

    /**
     * Records the migrations up to and including {@code version} as applied without running them,
     * for a database whose schema was made before it had a history. Refused when there is one.
     */
    public Outcome baseline(String version) {
        if (version == null || !version.matches("\\d+(\\.\\d+)*")) {
            throw new DatabaseException("The baseline version must be a migration version such as 009, got '"
                    + version + "'.");
        }
        try (Connection c = target.connect()) {
            if (historyExists(c)) {
                throw new DatabaseException("The database " + target.display() + " already has a migration history ("
                        + HISTORY_TABLE + "); baseline is only for a database without one.");
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.statementFailure(e), e);
        }
        try {
            flyway(c -> c.baselineVersion(version).baselineDescription("baseline")).baseline();
        } catch (FlywayException e) {
            throw new DatabaseException(flywayFailure(e), e);
        }
        return new Outcome(0, version, List.of(), List.of("Recorded version " + version
                + " as the baseline: migrations up to it count as applied."));
    }

    /**
     * Records a baseline in a history that does not exist yet (a schema file applied or adopted
     * by {@link SchemaBaseline}): later numbered migrations run on top of it.
     */
    void recordBaseline(String version, String description) {
        try {
            flyway(c -> c.baselineVersion(version).baselineDescription(description)).baseline();
        } catch (FlywayException e) {
            throw new DatabaseException(flywayFailure(e), e);
        }
    }

    /**
     * Makes the history agree with the files, on purpose: records the current checksum and name of
     * files changed after they were applied, marks applied migrations whose file is gone as deleted,
     * and removes entries of failed migrations. Changes no schema; returns what it did, one line each.
     */
    public List<String> repair() {
        if (directory != null) {
            filesystem(directory);
            List<MigrationStatus.Problem> files = MigrationFiles.scan(directory, recursive).problems();
            if (!files.isEmpty()) {
                throw new DatabaseException(blockingMessage(files));
            }
        }
        try (Connection c = target.connect()) {
            if (!historyExists(c)) {
                return List.of();
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.statementFailure(e), e);
        }
        try {
            RepairResult r = flyway(c -> c).repair();
            List<String> done = new ArrayList<>();
            r.migrationsAligned.forEach(m -> done.add("Recorded the current checksum and name of " + m.version + " "
                    + m.description));
            r.migrationsDeleted.forEach(m -> done.add("Marked " + m.version + " " + m.description
                    + " as deleted (its file is gone)"));
            r.migrationsRemoved.forEach(m -> done.add("Removed the failed entry of " + m.version + " "
                    + m.description));
            return done;
        } catch (FlywayException e) {
            throw new DatabaseException(flywayFailure(e), e);
        }
    }

    private void requireNothingBlocking(MigrationStatus status) {
        List<MigrationStatus.Problem> blocking = status.blocking();
        if (!blocking.isEmpty()) {
            throw new DatabaseException(blockingMessage(blocking));
        }
    }

    private String blockingMessage(List<MigrationStatus.Problem> blocking) {
        return "Migrations of " + target.display() + " from " + where() + " cannot run until this is resolved "
                + "(nothing was applied):\n" + blocking.stream().map(p -> "  - " + p.message())
                .collect(Collectors.joining("\n"));
    }

    private static List<String> notes(MigrationStatus status) {
        return status.problems().stream().filter(p -> !p.blocking()).map(MigrationStatus.Problem::message).toList();
    }

    /** The pending migrations to run: all, or the one {@code onlyFile} names (see {@link #migrate(String)}). */
    private List<MigrationStatus.Migration> select(MigrationStatus status, String onlyFile, List<String> notes) {
        if (onlyFile == null || onlyFile.isBlank()) {
            return status.pending();
        }
        String wanted = onlyFile.strip();
        Optional<MigrationStatus.Migration> applied = status.applied().stream().filter(m -> matches(m, wanted))
                .findFirst();
        if (applied.isPresent()) {
            notes.add(applied.get().script() + " was already applied on " + applied.get().installedOn()
                    + "; nothing to do.");
            return List.of();
        }
        Optional<MigrationStatus.Migration> found = status.pending().stream().filter(m -> matches(m, wanted))
                .findFirst();
        if (found.isEmpty()) {
            List<String> known = new ArrayList<>();
            status.pending().forEach(m -> known.add(m.script() + " (pending)"));
            throw new DatabaseException("No migration matches '" + wanted + "' in " + where() + ". "
                    + (known.isEmpty() ? "No migration is pending." : "Pending: " + String.join(", ", known) + "."));
        }
        int index = status.pending().indexOf(found.get());
        if (index > 0) {
            List<String> before = status.pending().subList(0, index).stream()
                    .map(MigrationStatus.Migration::script).toList();
            throw new DatabaseException("Cannot apply " + found.get().script() + " alone: " + String.join(", ", before)
                    + (before.size() == 1 ? " comes" : " come") + " before it and " + (before.size() == 1 ? "is" : "are")
                    + " not applied yet, and migrations run in version order. Apply " + before.get(0)
                    + " first, or run migrate without a file to apply all pending ones.");
        }
        return List.of(found.get());
    }

    private static boolean matches(MigrationStatus.Migration m, String wanted) {
        if (m.script() == null) {
            return false;
        }
        String name = Path.of(wanted).getFileName().toString();
        if (name.equals(m.script()) || (name + ".sql").equals(m.script())
                || Path.of(m.script()).getFileName().toString().equals(name)) {
            return true;
        }
        return wanted.matches("\\d+(\\.\\d+)*") && m.version() != null
                && MigrationVersion.fromVersion(wanted).equals(MigrationVersion.fromVersion(m.version()));
    }

    private String where() {
        return directory != null ? directory.toString() : location;
    }

    /** The failure of one migration: which file, which statement and line, what the server said. */
    private String failure(FlywayMigrateException e, MigrationStatus before) {
        String script = e.getMigration() != null ? e.getMigration().getScript() : "a migration";
        FlywaySqlScriptException sqlFailure = cause(e, FlywaySqlScriptException.class);
        SQLException sql = cause(e, SQLException.class);
        StringBuilder b = new StringBuilder("Migration ").append(script).append(" failed");
        if (sqlFailure != null && sqlFailure.getLineNumber() > 0) {
            b.append(" at line ").append(sqlFailure.getLineNumber());
        }
        b.append(e.isExecutableInTransaction()
                ? " and was rolled back: the database is as it was before it."
                : ". It ran outside a transaction (it holds statements PostgreSQL cannot run in one), so the "
                        + "statements before the failing one took effect: check the database, then run repair.");
        if (sql != null) {
            SqlStatement statement = sqlFailure != null && sqlFailure.getStatement() != null
                    ? flywayStatement(sqlFailure.getStatement(), sqlFailure.getLineNumber()) : null;
            b.append('\n').append(statement != null ? DatabaseErrors.statementFailure(sql, statement)
                    : DatabaseErrors.statementFailure(sql));
        } else {
            b.append('\n').append(DatabaseErrors.firstLine(e));
        }
        List<String> earlier = appliedSince(before);
        if (!earlier.isEmpty()) {
            b.append("\nApplied before it in this run, and kept: ").append(String.join(", ", earlier)).append('.');
        }
        Optional<String> extension = sql == null ? Optional.empty() : MissingExtensionException.missingExtension(sql);
        if (extension.isPresent()) {
            // the file is fine: the server lacks what it asks for (the goal adds the ways out)
            b.append("\nLater migrations were not run. The server has no extension \"").append(extension.get())
                    .append("\" installed; once it has, run migrate (or start) again.");
        } else {
            b.append("\nLater migrations were not run. Fix ").append(script).append(" and run migrate again.");
        }
        return b.toString();
    }

    /**
     * Flyway's failed statement keeps the comments before it, but its line number is that of the
     * statement's first token: count back so that error lines are the file's lines.
     */
    private static SqlStatement flywayStatement(String text, int firstTokenLine) {
        int before = SqlStatement.firstTokenLine(text) - 1;
        return SqlStatement.of(text, 1, Math.max(1, firstTokenLine - before));
    }

    /** Migrations applied since the status was taken (best effort: the failure message must not fail). */
    private List<String> appliedSince(MigrationStatus before) {
        Set<String> had = before.applied().stream().map(MigrationStatus.Migration::script).collect(Collectors.toSet());
        try {
            return status().applied().stream().filter(m -> m.success() && !had.contains(m.script()))
                    .map(MigrationStatus.Migration::script).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private String flywayFailure(FlywayException e) {
        if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            return "The database " + target.display() + " already has tables but no migration history ("
                    + HISTORY_TABLE + "); baseline it at the version its schema has, or use an empty database.";
        }
        if (e.getErrorCode() == CoreErrorCode.DUPLICATE_VERSIONED_MIGRATION) {
            return "Two migrations in " + where() + " have the same version: "
                    + DatabaseErrors.firstLine(e).replace("Found more than one migration with ", "") + ".";
        }
        SQLException sql = cause(e, SQLException.class);
        String detail = sql != null ? DatabaseErrors.statementFailure(sql) : DatabaseErrors.firstLine(e);
        return "Migrations of " + target.display() + " from " + where() + " failed: " + detail;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static MigrationStatus.Migration migration(MigrationInfo i) {
        return new MigrationStatus.Migration(i.getVersion() == null ? null : i.getVersion().getVersion(),
                i.getDescription(), i.getScript(), i.getChecksum(), i.getInstalledBy(),
                i.getInstalledOn() == null ? null : i.getInstalledOn().toInstant(), i.getExecutionTime(),
                !i.getState().isFailed());
    }

    static boolean historyExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(quote_ident(current_schema()) || '.' "
                + "|| quote_ident(?)) IS NOT NULL")) {
            ps.setString(1, HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean schemaHasObjects(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r','p','v','m','f'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Where Flyway reads: the location itself, or, when subdirectories hold SQL files that must be
     * left out (Flyway always reads a directory whole), a copy of just the files directly in it.
     */
    private String flywayLocation() {
        if (directory == null || recursive || !MigrationFiles.hasNestedSql(directory)) {
            return location;
        }
        try {
            if (flatView == null) {
                flatView = Files.createTempDirectory("gladys-migrations-");
                flatView.toFile().deleteOnExit();
            }
            try (var old = Files.list(flatView)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (MigrationFiles.File f : MigrationFiles.scan(directory, false).files()) {
                Path copy = flatView.resolve(f.name());
                Files.copy(f.path(), copy);
                copy.toFile().deleteOnExit();
            }
        } catch (java.io.IOException e) {
            throw new DatabaseException("Cannot prepare the migrations of " + directory + ": " + e.getMessage(), e);
        }
        return "filesystem:" + flatView;
    }

    /** The history as recorded, for when Flyway cannot read the directory. */
    private static List<MigrationStatus.Migration> historyRows(Connection c) throws SQLException {
        // HISTORY_TABLE is a constant identifier, not input
        try (PreparedStatement ps = c.prepareStatement("SELECT version, description, script, checksum, installed_by, "
                + "installed_on, execution_time, success FROM " + HISTORY_TABLE + " ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            List<MigrationStatus.Migration> rows = new ArrayList<>();
            while (rs.next()) {
                java.sql.Timestamp on = rs.getTimestamp(6);
                rows.add(new MigrationStatus.Migration(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5), on == null ? null : on.toInstant(),
                        (Integer) rs.getObject(7), rs.getBoolean(8)));
            }
            return rows;
        }
    }

    private Flyway flyway(java.util.function.UnaryOperator<FluentConfiguration> extra) {
        FluentConfiguration c = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(target.jdbcUrl(), target.user(), target.password().reveal())
                .locations(flywayLocation())
                .table(HISTORY_TABLE)
                // GLADyS names migrations 001_initial_schema.sql: no "V" prefix, one underscore
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .sqlMigrationSuffixes(".sql")
                .validateMigrationNaming(true)
                // SQL callbacks (afterMigrate.sql, ...) would run outside the history: never
                .skipDefaultCallbacks(true)
                .outputQueryResults(false)
                .installedBy(installedBy)
                .cleanDisabled(true)
                .connectRetries(0)
                .loggers(JavaUtilLogCreator.class.getName());
        return extra.apply(c).load();
    }
}
