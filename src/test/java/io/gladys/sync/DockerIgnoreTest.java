package io.gladys.sync;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What ImageFreshnessTest does not cover of .dockerignore: the escape character. */
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
}
