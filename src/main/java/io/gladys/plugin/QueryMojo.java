package io.gladys.plugin;

import io.gladys.db.QueryResult;
import io.gladys.db.QueryRunner;
import io.gladys.report.OutputFormat;
import io.gladys.stack.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.PrintWriter;

/**
 * Runs one SQL statement (-Dsql=) or a script (-Dgladys.sql.file=, in one transaction) and prints the
 * rows as an aligned table, CSV or JSON (-Dgladys.format=), streamed: a large result prints in
 * constant memory. DML prints its count. A SQL error fails the build with the server's message.
 */
@Mojo(name = "query", requiresProject = false, threadSafe = true)
public class QueryMojo extends AbstractDatabaseMojo {

    /** A file of ;-separated statements, run in one transaction (rolled back whole on an error). */
    @Parameter(property = "gladys.sql.file")
    protected File sqlFile;

    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON);
        if ((sql() == null || sql().isBlank()) && sqlFile == null) {
            throw new MojoFailureException("What should run? mvn gladys:query -Dsql=\"SELECT ...\" "
                    + "or -Dgladys.sql.file=script.sql");
        }
        if (sql() != null && !sql().isBlank() && sqlFile != null) {
            throw new MojoFailureException("Give either -Dsql or -Dgladys.sql.file, not both.");
        }
        try (StackSession stack = openSession()) {
            QueryRunner runner = new QueryRunner(stack.database());
            PrintWriter out = stdout();
            QueryResult r;
            try {
                r = sqlFile != null ? runner.runFile(basedir().resolve(sqlFile.toPath()), f, out)
                        : runner.run(sql(), f, out);
            } finally {
                out.flush(); // what streamed before an error is shown
            }
            if (f == OutputFormat.TEXT) {
                console().info(r.summary());
            }
        }
    }
}
