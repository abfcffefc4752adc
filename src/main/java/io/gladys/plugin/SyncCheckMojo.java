package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.output.OutputFormat;
import io.gladys.session.SyncCheckRun;
import io.gladys.sync.SyncOptions;
import io.gladys.sync.SyncReport;
import io.gladys.sync.Protoc;
import io.gladys.sync.SyncException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Is the environment in sync? Proto copies against the canonical protos (by content), generated stubs
 * against the protos (by meaning), applied migrations per environment, and images of Compose services
 * against their build contexts. Bound to validate, drift fails the build.
 */
@Mojo(name = "sync-check", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class SyncCheckMojo extends AbstractGladysMojo implements PrintsData {

    /** The canonical proto directory. */
    @Parameter(property = PropertyNames.SYNC_CHECK_PROTO_DIRECTORY, defaultValue = "proto")
    protected File protoDirectory;

    /** Where copies of the protos are kept; none given: copies are searched in the whole project. */
    @Parameter
    protected List<ProtoCopyConfig> protoCopies;

    /** Where generated stubs are searched; none given: the whole project. */
    @Parameter
    protected List<File> stubDirectories;

    /** Directory names never searched (default: target, .git, node_modules, .gladys, .venv, __pycache__). */
    @Parameter
    protected List<String> syncExcludes;

    /** The project's own command that copies the protos, for the "Action needed" list. */
    @Parameter(property = PropertyNames.SYNC_CHECK_COPY_COMMAND)
    protected String protoSyncCommand;

    /** The project's own command that regenerates the stubs, for the "Action needed" list. */
    @Parameter(property = PropertyNames.SYNC_CHECK_STUB_COMMAND)
    protected String stubCommand;

    /** Fail the build when something is out of sync. */
    @Parameter(property = PropertyNames.FAIL_ON_DRIFT, defaultValue = "true")
    protected boolean failOnDrift;

    /** Leave out the checks that need a running database or Docker engine (for CI). */
    @Parameter(property = PropertyNames.SYNC_CHECK_OFFLINE, defaultValue = "false")
    protected boolean offline;

    /** Count an environment whose database does not answer as drift. */
    @Parameter(property = PropertyNames.SYNC_CHECK_FAIL_IF_NOT_CHECKED, defaultValue = "false")
    protected boolean failIfNotChecked;

    /** The protoc version run to read the canonical protos (com.google.protobuf:protoc). */
    @Parameter(property = PropertyNames.PROTOC_VERSION, defaultValue = "4.36.2")
    protected String protocVersion;

    @Override
    protected void run() throws MojoFailureException {
        OutputFormat f = outputFormat(OutputFormat.TEXT, OutputFormat.JSON);
        try {
            SyncReport report = SyncCheckRun.run(stackConfig(), syncOptions(basedir()),
                    composeFile == null ? null : composeFile.toPath(), offline);
            printReport(f, report::text, report::json, report.drift() ? "Out of sync: "
                    + report.actions().size() + " action(s) needed" : "In sync");
            if (report.drift()) {
                if (failOnDrift) {
                    throw new MojoFailureException("The environment is out of sync: see \"Action needed\" above "
                            + "(" + PropertyNames.FAIL_ON_DRIFT + "=false reports without failing).");
                }
                console().warn("The environment is out of sync (" + PropertyNames.FAIL_ON_DRIFT + "=false: not failing).");
            }
        } catch (SyncException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** What the parameters say about the check; the environments and Docker are added by run(). */
    SyncOptions.Builder syncOptions(Path base) {
        SyncOptions.Builder options = SyncOptions.builder(base)
                .canonicalDir(base.resolve(protoDirectory.toPath()))
                .protoc(Protoc.resolvedBy(buildContext()::resolveArtifact, protocVersion))
                .offline(offline)
                .notCheckedIsDrift(failIfNotChecked)
                .copySyncCommand(protoSyncCommand)
                .stubCommand(stubCommand);
        (protoCopies == null ? List.<ProtoCopyConfig>of() : protoCopies)
                .forEach(c -> options.copyLocation(c.toLocation(base)));
        (stubDirectories == null ? List.<File>of() : stubDirectories)
                .forEach(d -> options.stubRoot(base.resolve(d.toPath())));
        return syncExcludes == null ? options : options.excludes(syncExcludes);
    }
}
