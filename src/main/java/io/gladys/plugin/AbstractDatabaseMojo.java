package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.output.StdoutSink;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.PrintWriter;

/** The database goals: they work on the stack's database of the selected environment. */
public abstract class AbstractDatabaseMojo extends AbstractGladysMojo {

    /** SQL to run. */
    @Parameter(property = PropertyNames.SQL_SHORT)
    protected String sql;

    /** The same as {@code sql}, under a namespaced name. */
    @Parameter(property = PropertyNames.SQL)
    protected String gladysSql;

    protected String sql() {
        return eitherOf(gladysSql, sql);
    }

    /** Standard output for an interactive session's results (flushed by the goal). */
    protected static PrintWriter stdout() {
        return StdoutSink.stdout();
    }
}
