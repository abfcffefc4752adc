package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that acts on a selection of services: all, a group, a name, an alias, or a comma list. */
public abstract class AbstractServicesMojo extends AbstractGladysMojo {

    /** Which services: all, a group (memory), a name, an alias, or a comma-separated list. */
    @Parameter(property = PropertyNames.SERVICE_SHORT)
    protected String service;

    /** The same as {@code service}, under a name that cannot collide with other plugins. */
    @Parameter(property = PropertyNames.SERVICE)
    protected String gladysService;

    protected String selection() {
        String s = eitherOf(gladysService, service);
        return s == null ? "all" : s;
    }
}
