package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseShell;
import io.gladys.db.PsqlClient;
import io.gladys.output.DataSink;
import io.gladys.output.OutputFormat;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A database shell: with -Dsql= (or -Dc=) runs one command; without, an interactive session: the real
 * psql when it is on the PATH (credentials through its environment, never its command line), else a
 * built-in line-oriented SQL prompt. Works in both environments (never through docker exec).
 */
@Mojo(name = "psql", requiresProject = false, threadSafe = true)
public class PsqlMojo extends AbstractDatabaseMojo implements PrintsData {

    /** The command to run, as psql's -c (the same as sql). */
    @Parameter(property = PropertyNames.C_SHORT)
    protected String c;

    /** Which client: auto (psql when on the PATH), psql, or builtin. */
    @Parameter(property = PropertyNames.PSQL_CLIENT, defaultValue = "auto")
    protected String client;

    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON);
        String command = eitherOf(sql(), c);
        DatabaseShell.Client which;
        try {
            which = DatabaseShell.Client.valueOf(client.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("Unknown client '" + client + "': auto, psql or builtin "
                    + "(" + PropertyNames.PSQL_CLIENT + ").");
        }
        boolean one = command != null && !command.isBlank();
        try (DataSink data = openData(); StackSession stack = openSession()) {
            if (!one && data.file().isPresent()) {
                throw new MojoFailureException("<output> / -D" + PropertyNames.OUTPUT + " takes the result of one "
                        + "command (-D" + PropertyNames.SQL_SHORT + "=...); an interactive session stays on the terminal. Give -Dsql, or "
                        + "-D" + PropertyNames.OUTPUT + "=- for the session.");
            }
            DatabaseShell shell = DatabaseShell.forTarget(stack.database(), which);
            if (one) {
                int code = shell.command(command, f, data);
                if (code != 0) {
                    throw new MojoFailureException("psql failed (exit code " + code + ": "
                            + PsqlClient.exitMeaning(code) + ").");
                }
                data.commit();
                data.file().ifPresent(p -> console().info("Result of " + shell.describe() + " (" + f.name()
                        .toLowerCase(Locale.ROOT) + ") written to " + p));
                return;
            }
            PrintWriter out = stdout();
            console().info("Connecting to " + stack.database().display() + " with " + shell.describe()
                    + (shell.usesPsql() ? "" : "; \\? for help, \\q to quit"));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int result = shell.interactive(in, out, System.console() != null);
            out.flush();
            if (shell.usesPsql() && result != 0) {
                throw new MojoFailureException("psql ended with exit code " + result + ": "
                        + PsqlClient.exitMeaning(result) + ".");
            }
        }
    }
}
