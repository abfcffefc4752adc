package io.gladys.db;

import java.util.ArrayList;
import java.util.List;

/**
 * What a clean did (or, for a dry run, would do): rows deleted per table of the target, rows that
 * other tables lost through ON DELETE CASCADE (only when that was allowed), and notes such as
 * references set to NULL.
 *
 * @param target   the clean target's name
 * @param deleted  per table of the target, in the order they were emptied
 * @param cascaded tables outside the target that lost rows through a cascade
 * @param notes    other effects (ON DELETE SET NULL / SET DEFAULT)
 * @param dryRun   whether everything was rolled back afterwards
 */
public record CleanOutcome(String target, List<TableRows> deleted, List<TableRows> cascaded, List<String> notes,
                           boolean dryRun) {

    public record TableRows(String table, long rows) {
    }

    public long totalRows() {
        return deleted.stream().mapToLong(TableRows::rows).sum() + cascaded.stream().mapToLong(TableRows::rows).sum();
    }

    /** The report, one line each: "heuristic_fires: 12 rows deleted". */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? " would be deleted" : " deleted";
        for (TableRows t : deleted) {
            lines.add(t.table() + ": " + rows(t.rows()) + verb);
        }
        for (TableRows t : cascaded) {
            lines.add(t.table() + ": " + rows(t.rows()) + verb + " through ON DELETE CASCADE");
        }
        lines.addAll(notes);
        if (dryRun) {
            lines.add("Dry run: nothing was changed.");
        }
        return lines;
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }
}
