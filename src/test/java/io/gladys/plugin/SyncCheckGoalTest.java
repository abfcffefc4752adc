package io.gladys.plugin;

import io.gladys.sync.CopyLocation;
import io.gladys.sync.SyncOptions;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** gladys:sync-check: the pom's {@code <protoCopies>} and the switches, as the SyncOptions the check takes. */
@MojoTest
class SyncCheckGoalTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "sync-check")
    void defaults(SyncCheckMojo mojo) {
        Path base = project.getBasedir().toPath();
        SyncOptions o = mojo.syncOptions(base).build();
        assertThat(o.canonicalDir()).isEqualTo(base.resolve("proto"));
        assertThat(o.copyLocations()).isEmpty();
        assertThat(o.stubRoots()).isEmpty();
        assertThat(o.excludes()).isEqualTo(SyncOptions.DEFAULT_EXCLUDES);
        assertThat(o.offline()).isFalse();
        assertThat(o.notCheckedIsDrift()).isFalse();
        assertThat(o.copySyncCommand()).isNull();
        assertThat(o.stubCommand()).isNull();
        assertThat(mojo.failOnDrift).isTrue();
        assertThat(mojo.protocVersion).isEqualTo("4.36.2");
        assertThat(mojo.composeFile).isNull();
    }

    @Test
    @InjectMojo(goal = "sync-check", pom = POM_START + """
            <protoDirectory>contracts</protoDirectory>
            <protoCopies>
              <protoCopy><directory>services/memory/proto</directory></protoCopy>
              <protoCopy><directory>services/orchestrator/proto</directory><protos><proto>types.proto</proto></protos></protoCopy>
            </protoCopies>
            <stubDirectories><stubDirectory>gen/python</stubDirectory></stubDirectories>
            <syncExcludes><syncExclude>build</syncExclude></syncExcludes>
            <protoSyncCommand>python scripts/proto_sync.py</protoSyncCommand>
            <stubCommand>make stubs</stubCommand>
            <offline>true</offline>
            <failIfNotChecked>true</failIfNotChecked>
            <failOnDrift>false</failOnDrift>
            <composeFile>deploy/compose.yaml</composeFile>
            """ + POM_END)
    void thePomBecomesTheSyncOptions(SyncCheckMojo mojo) {
        Path base = project.getBasedir().toPath();
        SyncOptions o = mojo.syncOptions(base).build();
        assertThat(o.canonicalDir()).isEqualTo(base.resolve("contracts"));
        assertThat(o.copyLocations()).containsExactly(
                new CopyLocation(base.resolve("services/memory/proto"), List.of()),
                new CopyLocation(base.resolve("services/orchestrator/proto"), List.of("types.proto")));
        assertThat(o.stubRoots()).containsExactly(base.resolve("gen/python"));
        assertThat(o.excludes()).containsExactly("build");
        assertThat(o.copySyncCommand()).isEqualTo("python scripts/proto_sync.py");
        assertThat(o.stubCommand()).isEqualTo("make stubs");
        assertThat(o.offline()).isTrue();
        assertThat(o.notCheckedIsDrift()).isTrue();
        assertThat(mojo.failOnDrift).isFalse();
        assertThat(mojo.composeFile).isEqualTo(base.resolve("deploy/compose.yaml").toFile());
    }

    @Test
    @InjectMojo(goal = "sync-check")
    @CommandLine({"gladys.syncCheck.offline=true", "gladys.syncCheck.failIfNotChecked=true", "gladys.failOnDrift=false",
            "gladys.protoc.version=4.30.0", "gladys.syncCheck.protoDirectory=api",
            "gladys.syncCheck.copyCommand=sync-protos", "gladys.syncCheck.stubCommand=gen-stubs",
            "gladys.composeFile=compose.yml"})
    void fromTheCommandLine(SyncCheckMojo mojo) {
        Path base = project.getBasedir().toPath();
        SyncOptions o = mojo.syncOptions(base).build();
        assertThat(o.canonicalDir()).isEqualTo(base.resolve("api"));
        assertThat(o.offline()).isTrue();
        assertThat(o.notCheckedIsDrift()).isTrue();
        assertThat(o.copySyncCommand()).isEqualTo("sync-protos");
        assertThat(o.stubCommand()).isEqualTo("gen-stubs");
        assertThat(mojo.failOnDrift).isFalse();
        assertThat(mojo.protocVersion).isEqualTo("4.30.0");
        assertThat(mojo.composeFile).isEqualTo(base.resolve("compose.yml").toFile());
    }

    @Test
    @InjectMojo(goal = "sync-check", pom = POM_START + "<protoCopies><protoCopy><protos><proto>a.proto</proto></protos>"
            + "</protoCopy></protoCopies>" + POM_END)
    void aProtoCopyWithoutADirectoryIsRejected(SyncCheckMojo mojo) {
        failsWith(mojo, "A <protoCopies><protoCopy> has no <directory>: give the directory that holds the copies of "
                + "a.proto.");
    }
}
