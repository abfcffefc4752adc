package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.db.CleanOutcome;
import io.gladys.db.TableCleaner;
import io.gladys.session.StackSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Empties a named set of tables (-Dtarget=heuristics|events|all, or the pom's cleanTargets) in one
 * transaction and reports how many rows each lost. Refuses when another table would lose rows through
 * an ON DELETE CASCADE, unless -Dgladys.clean.allowCascade. Never touches the migration history.
 */
@Mojo(name = "clean", requiresProject = false, threadSafe = true)
public class CleanMojo extends AbstractGladysMojo {

    /** Which set of tables. */
    @Parameter(property = PropertyNames.TARGET_SHORT)
    protected String target;

    /** The same as {@code target}, under a namespaced name. */
    @Parameter(property = PropertyNames.TARGET)
    protected String gladysTarget;

    /** Let tables outside the target lose rows through ON DELETE CASCADE (they are reported). */
    @Parameter(property = PropertyNames.CLEAN_ALLOW_CASCADE, defaultValue = "false")
    protected boolean allowCascade;

    /** Say what would be deleted, delete nothing. */
    @Parameter(property = PropertyNames.CLEAN_DRY_RUN, defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected void run() throws MojoFailureException {
        String name = eitherOf(gladysTarget, target);
        try (StackSession stack = openSession()) {
            TableCleaner cleaner = TableCleaner.configured(stack.database(), stackConfig().database().cleanTargets());
            if (name == null || name.isBlank()) {
                throw new MojoFailureException("What should be cleaned? mvn gladys:clean -D" + PropertyNames.TARGET_SHORT + "=<target>, where "
                        + "the targets are: " + cleaner.describeTargets());
            }
            CleanOutcome o = dryRun ? cleaner.dryRun(name, allowCascade) : cleaner.clean(name, allowCascade);
            o.lines().forEach(console()::info);
        }
    }
}
