package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.grpc.SalienceCache;
import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.report.IdPrefixes;
import io.gladys.report.CacheReport;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Removes one heuristic from the Salience Gateway's cache. The id may be shortened to a unique
 * prefix, as cache-list shows it. An id that is not cached fails the build (nothing was evicted).
 */
@Mojo(name = "cache-evict", requiresProject = false, threadSafe = true)
public class CacheEvictMojo extends AbstractCacheMojo {

    /** The heuristic id (or a unique prefix of it, as cache-list prints). */
    @Parameter(property = PropertyNames.ID_SHORT)
    protected String id;

    /** The same as {@code id}, under a namespaced name. */
    @Parameter(property = PropertyNames.ID)
    protected String gladysId;


    @Override
    protected void run(StackSession stack, SalienceCache cache, String gateway) throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        String wanted = eitherOf(gladysId, id);
        if (wanted == null) {
            throw new MojoFailureException("Which heuristic? Give its id: mvn gladys:cache-evict -D" + PropertyNames.ID_SHORT + "=<id> "
                    + "(mvn gladys:cache-list shows the cached ones).");
        }
        String target = wanted;
        if (!cache.evict(wanted)) {
            // not a whole cached id: try it as a prefix of one
            List<String> cached = cache.list(0).stream().map(CachedHeuristicInfo::getHeuristicId).toList();
            List<String> matches = IdPrefixes.matching(wanted, cached);
            if (matches.size() > 1) {
                throw new MojoFailureException("'" + wanted + "' matches " + matches.size() + " cached heuristics: "
                        + String.join(", ", matches) + ". Give more of the id.");
            }
            if (matches.isEmpty() || !cache.evict(matches.get(0))) {
                throw new MojoFailureException("Heuristic " + wanted + " is not in cache: nothing evicted. "
                        + "mvn gladys:cache-list shows what is cached.");
            }
            target = matches.get(0);
        }
        String evicted = target;
        String line = CacheReport.evictText(evicted);
        printReport(f, () -> List.of(line), () -> CacheReport.evictJson(evicted), line);
    }
}
