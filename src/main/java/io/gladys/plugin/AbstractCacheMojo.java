package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.grpc.SalienceCache;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The cache goals: they call the Salience Gateway's cache RPCs. */
public abstract class AbstractCacheMojo extends AbstractGladysMojo implements PrintsData {

    /** The service that carries the cache (gladys.memory.SalienceGateway). */
    @Parameter(property = PropertyNames.CACHE_SERVICE, defaultValue = "memory-rust")
    protected String cacheService;

    @Override
    protected final void run() throws MojoFailureException {
        try (StackSession stack = openSession()) {
            run(stack, stack.cache(cacheService, rpcDeadline()), cacheService + " at " + stack.addresses()
                    .address(stack.catalog().resolve(cacheService).get(0)));
        }
    }

    protected abstract void run(StackSession stack, SalienceCache cache, String gateway)
            throws MojoFailureException;
}
