package io.gladys.plugin;

import io.gladys.grpc.SalienceCache;
import io.gladys.report.CacheReport;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.List;

/** Empties the Salience Gateway's cache. */
@Mojo(name = "cache-flush", requiresProject = false, threadSafe = true)
public class CacheFlushMojo extends AbstractCacheMojo {


    @Override
    protected void run(StackSession stack, SalienceCache cache, String gateway) {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        int flushed = cache.flush();
        String line = CacheReport.flushText(flushed);
        printReport(f, () -> List.of(line), () -> CacheReport.flushJson(flushed), line);
    }
}
