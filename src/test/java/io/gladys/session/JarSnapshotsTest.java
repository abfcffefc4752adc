package io.gladys.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class JarSnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void aJarIsCopiedByItsContentAndAReinstallGivesANewCopy() throws Exception {
        Path jar = dir.resolve("plugin-1.0-SNAPSHOT.jar");
        Path lib = dir.resolve("lib");
        Files.writeString(jar, "first build");
        Path first = JarSnapshots.pin(jar, lib);
        assertThat(first).hasContent("first build").hasParent(lib);
        assertThat(JarSnapshots.pin(jar, lib)).as("the same jar again: the remembered copy").isEqualTo(first);

        Files.writeString(jar, "second build");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        Path second = JarSnapshots.pin(jar, lib);
        assertThat(second).isNotEqualTo(first).hasContent("second build");
        assertThat(first).as("a running service may still use the old copy").hasContent("first build");

        Files.delete(second);
        assertThat(JarSnapshots.pin(jar, lib)).as("a remembered copy that is gone is made again")
                .isEqualTo(second).hasContent("second build");
    }
}
