package io.gladys.plugin;

import io.gladys.grpc.SalienceCache;
import io.gladys.proto.memory.GetCacheStatsResponse;
import io.gladys.report.CacheReport;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;

/** Cache statistics of the Salience Gateway: entries, capacity, hit rate, oldest entry. */
@Mojo(name = "cache-stats", requiresProject = false, threadSafe = true)
public class CacheStatsMojo extends AbstractCacheMojo {


    @Override
    protected void run(StackSession stack, SalienceCache cache, String gateway) {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        GetCacheStatsResponse stats = cache.stats();
        printReport(f, () -> CacheReport.statsText(gateway, stats, cache.list(0), System.currentTimeMillis() / 1000),
                () -> CacheReport.statsJson(gateway, stats), CacheReport.statsSummary(gateway, stats));
    }
}
