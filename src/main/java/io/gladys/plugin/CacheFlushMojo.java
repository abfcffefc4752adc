package io.gladys.plugin;

import io.gladys.grpc.SalienceCacheClient;
import io.gladys.report.Json;
import io.gladys.report.OutputFormat;
import io.gladys.stack.StackSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Map;

/** Empties the Salience Gateway's cache. */
@Mojo(name = "cache-flush", requiresProject = false, threadSafe = true)
public class CacheFlushMojo extends AbstractCacheMojo {


    @Override
    protected void run(StackSession stack, SalienceCacheClient cache, String gateway) {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        int flushed = cache.flush();
        if (f == OutputFormat.JSON) {
            console().data(Json.write(Map.of("entriesFlushed", flushed)));
        } else {
            console().info("Flushed " + flushed + (flushed == 1 ? " entry" : " entries") + " from cache.");
        }
    }
}
