package io.gladys.sync;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerIgnoreTest {

    @Test
    void aBackslashEscapesTheNextCharacterAsDockerOnLinuxReadsIt() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("\\*.txt", "logs\\?", "dir\\sub"));
        assertThat(ignore.ignored("*.txt")).isTrue();
        assertThat(ignore.ignored("a.txt")).as("the star is literal").isFalse();
        assertThat(ignore.ignored("logs?")).isTrue();
        assertThat(ignore.ignored("logs1")).as("the question mark is literal").isFalse();
        // not a separator: "\s" is an escaped "s"
        assertThat(ignore.ignored("dirsub")).isTrue();
        assertThat(ignore.ignored("dir/sub")).isFalse();
    }

    @Test
    void wildcardsParentsAndExceptions() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("/build/", "**/*.pyc", "docs", "!docs/keep.md"));
        assertThat(ignore.ignored("build/out/a.class")).isTrue();
        assertThat(ignore.ignored("src/x/y.pyc")).isTrue();
        assertThat(ignore.ignored("src/x/y.py")).isFalse();
        assertThat(ignore.ignored("docs/other.md")).isTrue();
        assertThat(ignore.ignored("docs/keep.md")).isFalse();
        assertThat(ignore.hasExceptions()).isTrue();
    }
}
