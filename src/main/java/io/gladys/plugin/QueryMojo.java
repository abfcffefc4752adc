package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.db.QueryResult;
import io.gladys.db.QueryRunner;
import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.Locale;

/**
 * Runs one SQL statement (-Dsql=) or a script (-Dgladys.sql.file=, in one transaction) and prints the
 * rows as an aligned table, CSV or JSON (-Dgladys.format=), streamed: a large result prints in
 * constant memory. DML prints its count. A SQL error fails the build with the server's message.
 */
@Mojo(name = "query", requiresProject = false, threadSafe = true)
public class QueryMojo extends AbstractDatabaseMojo implements PrintsData {

    /** A file of ;-separated statements, run in one transaction (rolled back whole on an error). */
    @Parameter(property = PropertyNames.SQL_FILE)
    protected File sqlFile;

    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON);
        if ((sql() == null || sql().isBlank()) && sqlFile == null) {
            throw new MojoFailureException("What should run? mvn gladys:query -D" + PropertyNames.SQL_SHORT + "=\"SELECT ...\" "
                    + "or -D" + PropertyNames.SQL_FILE + "=script.sql");
        }
        if (sql() != null && !sql().isBlank() && sqlFile != null) {
            throw new MojoFailureException("Give either -D" + PropertyNames.SQL_SHORT + " or -D" + PropertyNames.SQL_FILE + ", not both.");
        }
        try (DataSink out = openData(); StackSession stack = openSession()) {
            QueryRunner runner = new QueryRunner(stack.database());
            QueryResult r = sqlFile != null ? runner.runFile(basedir().resolve(sqlFile.toPath()), f, out)
                    : runner.run(sql(), f, out);
            out.commit();
            if (f == OutputFormat.TEXT || out.file().isPresent()) {
                console().info(r.summary() + out.file().map(p -> " (" + f.name().toLowerCase(Locale.ROOT)
                        + " written to " + p + ")").orElse(""));
            }
        }
    }
}
