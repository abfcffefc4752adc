package io.gladys.db;

import io.gladys.output.OutputFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clean goal's core on the reference schema: heuristic_fires references heuristics and
 * episodic_events ON DELETE CASCADE; episodic_events references heuristics ON DELETE SET NULL.
 */
@ExtendWith(SharedPostgres.class)
class TableCleanerTest {

    static final String H1 = "3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11";
    static final String H2 = "8c41d7a2-5e9f-4b3c-8d20-7f1e6a9b3c22";

    DatabaseTarget db;

    @BeforeEach
    void data() {
        db = SharedPostgres.referenceDatabase("clean");
        sql("INSERT INTO episodic_events (id, timestamp, raw_text, matched_heuristic_id) VALUES "
                + "('e1', now(), 'good morning', '" + H1 + "'), ('e2', now(), 'meeting', NULL), "
                + "('e3', now(), 'battery', NULL);"
                + "INSERT INTO heuristic_fires (heuristic_id, event_id) VALUES "
                + "('" + H1 + "', 'e1'), ('" + H2 + "', 'e2'), ('" + H1 + "', NULL)");
    }

    private String sql(String sql) {
        StringWriter out = new StringWriter();
        new QueryRunner(db).run(sql, OutputFormat.CSV, out);
        return out.toString();
    }

    private String counts() {
        return sql("SELECT (SELECT count(*) FROM heuristics) AS h, (SELECT count(*) FROM episodic_events) AS e, "
                + "(SELECT count(*) FROM heuristic_fires) AS f, (SELECT count(*) FROM gladys_schema_history) AS m")
                .lines().skip(1).findFirst().orElseThrow();
    }

    private TableCleaner gladys() {
        return TableCleaner.configured(db, Map.of());
    }

    @Test
    void heuristicsTakesTheirFiresAndUnlinksEvents() {
        assertThat(counts()).isEqualTo("6,3,3,2");
        CleanOutcome o = gladys().clean("heuristics", false);
        assertThat(o.deleted()).containsExactly(new CleanOutcome.TableRows("heuristic_fires", 3),
                new CleanOutcome.TableRows("heuristics", 6));
        assertThat(o.cascaded()).isEmpty();
        assertThat(o.notes()).containsExactly("episodic_events: 1 row had matched_heuristic_id set to NULL "
                + "(episodic_events_matched_heuristic_id_fkey ON DELETE SET NULL)");
        assertThat(o.lines()).startsWith("heuristic_fires: 3 rows deleted", "heuristics: 6 rows deleted");
        assertThat(counts()).isEqualTo("0,3,0,2");
        assertThat(sql("SELECT count(*) FROM episodic_events WHERE matched_heuristic_id IS NOT NULL"))
                .isEqualTo("count\n0\n");
    }

    @Test
    void eventsTakesTheirFiresAndLeavesHeuristics() {
        CleanOutcome o = gladys().clean("events", false);
        // children first: the fires reference the events
        assertThat(o.deleted()).containsExactly(new CleanOutcome.TableRows("heuristic_fires", 3),
                new CleanOutcome.TableRows("episodic_events", 3));
        assertThat(counts()).isEqualTo("6,0,0,2");
    }

    @Test
    void aCascadeIntoATableOutsideTheTargetIsRefusedUnlessAllowed() {
        TableCleaner cleaner = new TableCleaner(db, Map.of("events-only", List.of("episodic_events")));
        assertThatThrownBy(() -> cleaner.clean("events-only", false))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("Clean target 'events-only' would also delete 2 rows of heuristic_fires, which is not in "
                        + "the target: its foreign key heuristic_fires_event_id_fkey (event_id) references "
                        + "episodic_events ON DELETE CASCADE. Add heuristic_fires to the target, or allow the cascade. "
                        + "Nothing was deleted.");
        assertThat(counts()).isEqualTo("6,3,3,2");

        CleanOutcome o = cleaner.clean("events-only", true);
        assertThat(o.deleted()).containsExactly(new CleanOutcome.TableRows("episodic_events", 3));
        assertThat(o.cascaded()).containsExactly(new CleanOutcome.TableRows("heuristic_fires", 2));
        assertThat(o.lines()).contains("heuristic_fires: 2 rows deleted through ON DELETE CASCADE");
        assertThat(counts()).isEqualTo("6,0,1,2");
    }

    @Test
    void rowsThatStillReferenceTheTargetWithoutCascadeAreRefused() {
        sql("CREATE TABLE reviews (heuristic_id text REFERENCES heuristics (id), note text);"
                + "INSERT INTO reviews VALUES ('" + H2 + "', 'keep')");
        assertThatThrownBy(() -> gladys().clean("heuristics", true))
                .hasMessage("Clean target 'heuristics' cannot empty heuristics: 1 row of reviews reference it through "
                        + "reviews_heuristic_id_fkey (ON DELETE NO ACTION), and reviews is not in the target. Add it "
                        + "to the target or clean it first. Nothing was deleted.");
        assertThat(counts()).isEqualTo("6,3,3,2");
    }

    @Test
    void allEmptiesEveryTableButTheMigrationHistory() {
        sql("CREATE TABLE extra (id int); INSERT INTO extra VALUES (1), (2)");
        CleanOutcome o = gladys().clean("all", false);
        assertThat(o.deleted()).extracting(CleanOutcome.TableRows::table)
                .containsExactly("extra", "heuristic_fires", "episodic_events", "heuristics");
        assertThat(o.totalRows()).isEqualTo(3 + 3 + 2 + 6);
        assertThat(counts()).isEqualTo("0,0,0,2");
    }

    @Test
    void aDryRunCountsAndChangesNothing() {
        CleanOutcome o = gladys().dryRun("heuristics", false);
        assertThat(o.dryRun()).isTrue();
        assertThat(o.totalRows()).isEqualTo(9);
        assertThat(o.lines()).contains("heuristics: 6 rows would be deleted", "Dry run: nothing was changed.")
                .anyMatch(l -> l.contains("would have matched_heuristic_id set to NULL"));
        assertThat(counts()).isEqualTo("6,3,3,2");
    }

    @Test
    void anUnknownTargetListsTheValidOnes() {
        assertThatThrownBy(() -> gladys().clean("heuristic", false))
                .hasMessage("Unknown clean target 'heuristic'. Valid targets: all (every table of the schema except "
                        + "gladys_schema_history), events (episodic_events, heuristic_fires), heuristics (heuristics, "
                        + "heuristic_fires).");
        assertThatThrownBy(() -> gladys().clean(" ", false)).hasMessageStartingWith("Name a clean target.");
        assertThat(gladys().targetNames()).containsExactly("all", "events", "heuristics");
    }

    @Test
    void configuredTableNamesAreCheckedAgainstTheCatalogAndNeverRunAsSql() {
        sql("CREATE VIEW recent AS SELECT * FROM episodic_events");
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put("sneaky", "heuristics; DROP TABLE heuristics");
        configured.put("typo", "heuristic_fires, heurstics");
        configured.put("history", "gladys_schema_history");
        configured.put("view", "recent");
        configured.put("upper", " HEURISTIC_FIRES , public.Heuristics ");
        TableCleaner cleaner = TableCleaner.configured(db, configured);
        assertThatThrownBy(() -> cleaner.clean("sneaky", false))
                .hasMessageContaining("names the table heuristics; DROP TABLE heuristics, which does not exist");
        assertThatThrownBy(() -> cleaner.clean("typo", false))
                .hasMessageContaining("names the table heurstics, which does not exist in " + db.display());
        assertThatThrownBy(() -> cleaner.clean("history", false))
                .hasMessageContaining("the migration history, which clean never empties");
        assertThatThrownBy(() -> cleaner.clean("view", false)).hasMessageContaining("recent, which is not a table");
        assertThat(counts()).isEqualTo("6,3,3,2");
        assertThat(cleaner.clean("upper", false).totalRows()).isEqualTo(9);
        assertThat(cleaner.targetNames()).contains("all", "upper").doesNotContain("heuristics");

        assertThatThrownBy(() -> TableCleaner.targets(Map.of("empty", " , ")))
                .hasMessageContaining("Clean target 'empty' in <cleanTargets> lists no tables");
    }

    @Test
    void aWrongPasswordIsOneLineWithoutThePassword() {
        String secret = "Clean-Secret-77";
        TableCleaner wrong = TableCleaner.configured(SharedPostgres.withPassword(db, secret), Map.of());
        assertThatThrownBy(() -> wrong.clean("heuristics", false)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("refused the credentials").hasMessageNotContaining(secret);
    }
}
