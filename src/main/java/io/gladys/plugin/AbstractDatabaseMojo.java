package io.gladys.plugin;

import org.apache.maven.plugins.annotations.Parameter;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The database goals: they work on the stack's database of the selected environment. */
public abstract class AbstractDatabaseMojo extends AbstractGladysMojo {

    /** SQL to run. */
    @Parameter(property = "sql")
    protected String sql;

    /** The same as {@code sql}, under a namespaced name. */
    @Parameter(property = "gladys.sql")
    protected String gladysSql;

    protected String sql() {
        return eitherOf(gladysSql, sql);
    }

    /**
     * Results are data: they go to standard output as they are, not through the build log, and
     * straight to the file descriptor with a large buffer (Maven's System.out may filter every
     * character for colour codes, which a million rows would pay for). Flushed by the goal.
     */
    protected static PrintWriter stdout() {
        System.out.flush();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16), false);
    }
}
