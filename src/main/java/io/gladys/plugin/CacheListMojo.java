package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.grpc.SalienceCache;
import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.report.CacheReport;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** The heuristics in the Salience Gateway's cache, most recently used first, with hits and age. */
@Mojo(name = "cache-list", requiresProject = false, threadSafe = true)
public class CacheListMojo extends AbstractCacheMojo {

    /** At most this many entries (0: all). */
    @Parameter(property = PropertyNames.LIMIT_SHORT, defaultValue = "0")
    protected int limit;

    /** The same as {@code limit}, under a namespaced name. */
    @Parameter(property = PropertyNames.LIMIT)
    protected Integer gladysLimit;


    @Override
    protected void run(StackSession stack, SalienceCache cache, String gateway) {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        int n = gladysLimit != null ? gladysLimit : limit;
        if (n < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or more, got " + n + ".");
        }
        List<CachedHeuristicInfo> entries = cache.list(n);
        printReport(f, () -> CacheReport.listText(entries, System.currentTimeMillis() / 1000),
                () -> CacheReport.listJson(entries), CacheReport.listSummary(entries));
    }
}
