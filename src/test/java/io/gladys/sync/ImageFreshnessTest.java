package io.gladys.sync;

import io.gladys.sync.DockerImages.ComposeImage;
import io.gladys.sync.ImageFreshness.ImageState;
import io.gladys.sync.ImageFreshness.ImageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFreshnessTest {

    private static final Instant BUILT = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path context() {
        Path ctx = dir.resolve("services/memory");
        Fixtures.write(ctx.resolve("Dockerfile"), "FROM python:3.12\nCOPY . /app\n");
        Fixtures.write(ctx.resolve("app/main.py"), "print('memory')\n");
        Fixtures.write(ctx.resolve("tests/test_main.py"), "def test(): pass\n");
        Fixtures.write(ctx.resolve("docs/notes.md"), "notes\n");
        Fixtures.write(ctx.resolve("docs/keep.md"), "kept\n");
        Fixtures.touchTree(ctx, BUILT.minusSeconds(3600));
        return ctx;
    }

    private static ImageState check(Path ctx, Instant created) {
        return ImageFreshness.check(new ComposeImage("memory-python", "gladys-memory-python", created, ctx, null, null));
    }

    @Test
    void anImageBuiltAfterEveryFileOfItsContextIsFresh() {
        Path ctx = context();

        ImageState s = check(ctx, BUILT);

        assertThat(s.status()).isEqualTo(ImageStatus.FRESH);
        assertThat(s.drift()).isFalse();
    }

    @Test
    void aFileChangedAfterTheBuildMakesTheImageStaleAndIsNamed() {
        Path ctx = context();
        Fixtures.touch(ctx.resolve("app/main.py"), BUILT.plusSeconds(60));

        ImageState s = check(ctx, BUILT);

        assertThat(s.status()).isEqualTo(ImageStatus.STALE);
        assertThat(s.newestFile()).isEqualTo(ctx.resolve("app/main.py"));
        assertThat(s.newestModified()).isEqualTo(BUILT.plusSeconds(60));
        assertThat(s.drift()).isTrue();
    }

    @Test
    void filesLeftOutByDockerignoreDoNotCount() {
        Path ctx = context();
        Fixtures.write(ctx.resolve(".dockerignore"), "# not sent to the daemon\ntests/\n**/*.md\n!docs/keep.md\n");
        Fixtures.touch(ctx.resolve(".dockerignore"), BUILT.minusSeconds(3600));
        Fixtures.touch(ctx.resolve("tests/test_main.py"), BUILT.plusSeconds(60));
        Fixtures.touch(ctx.resolve("docs/notes.md"), BUILT.plusSeconds(60));

        assertThat(check(ctx, BUILT).status()).isEqualTo(ImageStatus.FRESH);

        // the exception brings docs/keep.md back into the context
        Fixtures.touch(ctx.resolve("docs/keep.md"), BUILT.plusSeconds(120));
        ImageState s = check(ctx, BUILT);
        assertThat(s.status()).isEqualTo(ImageStatus.STALE);
        assertThat(s.newestFile()).isEqualTo(ctx.resolve("docs/keep.md"));
    }

    @Test
    void theDockerfileCountsEvenWhenIgnoredOrOutsideTheContext() {
        Path ctx = context();
        Fixtures.write(ctx.resolve(".dockerignore"), "Dockerfile\n");
        Fixtures.touch(ctx.resolve(".dockerignore"), BUILT.minusSeconds(3600));
        Fixtures.touch(ctx.resolve("Dockerfile"), BUILT.plusSeconds(5));
        assertThat(check(ctx, BUILT).status()).isEqualTo(ImageStatus.STALE);

        Fixtures.touch(ctx.resolve("Dockerfile"), BUILT.minusSeconds(5));
        Path outside = dir.resolve("docker/memory.Dockerfile");
        Fixtures.write(outside, "FROM python:3.12\n");
        Fixtures.touch(outside, BUILT.plusSeconds(5));
        ImageState s = ImageFreshness.check(new ComposeImage("memory-python", "img", BUILT, ctx, outside, null));
        assertThat(s.status()).isEqualTo(ImageStatus.STALE);
        assertThat(s.newestFile()).isEqualTo(outside);
    }

    @Test
    void anImageNotBuiltYetOrAMissingContext() {
        Path ctx = context();
        assertThat(check(ctx, null).status()).isEqualTo(ImageStatus.NOT_BUILT);
        ImageState missing = check(dir.resolve("nowhere"), BUILT);
        assertThat(missing.status()).isEqualTo(ImageStatus.NOT_CHECKED);
        assertThat(missing.reason()).contains("does not exist");
        assertThat(missing.drift()).isFalse();
    }

    @Test
    void dockerignoreRulesMatchAsDockerMatchesThem() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("/build", "*.pyc", "**/__pycache__", "docs/*.md",
                "!docs/README.md", "data/**", "a?c", "# comment", ""));

        assertThat(ignore.ignored("build")).isTrue();
        assertThat(ignore.ignored("build/out.bin")).isTrue();
        assertThat(ignore.ignored("src/build")).isFalse();
        assertThat(ignore.ignored("x.pyc")).isTrue();
        // "*" stays within one segment: a top-level rule does not reach into directories
        assertThat(ignore.ignored("pkg/x.pyc")).isFalse();
        assertThat(ignore.ignored("pkg/sub/__pycache__/m.pyc")).isTrue();
        assertThat(ignore.ignored("__pycache__/m.pyc")).isTrue();
        assertThat(ignore.ignored("docs/guide.md")).isTrue();
        assertThat(ignore.ignored("docs/README.md")).isFalse();
        assertThat(ignore.ignored("docs/sub/guide.md")).isFalse();
        assertThat(ignore.ignored("data/x/y")).isTrue();
        assertThat(ignore.ignored("abc")).isTrue();
        assertThat(ignore.ignored("abbc")).isFalse();
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @Test
    void staleImagesAreReportedWithTheRebuildCommand() {
        Path ctx = context();
        Fixtures.touch(ctx.resolve("app/main.py"), BUILT.plusSeconds(60));
        Path project = Fixtures.project(dir);
        Fixtures.write(project.resolve("services/orchestrator/proto/common.proto"),
                Fixtures.read(project.resolve("proto/common.proto")));
        Path compose = dir.resolve("docker-compose.yml");
        DockerImages engine = () -> List.of(
                new ComposeImage("memory-python", "gladys-memory-python", BUILT, ctx, null, compose));

        SyncReport report = new SyncCheck(SyncOptions.builder(dir).canonicalDir(project.resolve("proto"))
                .excludes(List.of("target", "node_modules")).docker(engine).build()).run();

        assertThat(report.text()).contains("Docker Images:", "  ❌ memory-python: image STALE (built "
                + "2025-03-01T12:00:00Z; services/memory/app/main.py changed 2025-03-01T12:01:00Z)");
        assertThat(report.actions()).containsExactly("Run: docker compose -f docker-compose.yml up -d --build "
                + "memory-python");
        assertThat(report.drift()).isTrue();

        DockerImages down = () -> {
            throw new IllegalStateException("Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
        };
        SyncReport noEngine = new SyncCheck(SyncOptions.builder(dir).canonicalDir(project.resolve("proto"))
                .excludes(List.of("target", "node_modules")).docker(down).build()).run();
        assertThat(noEngine.text()).contains("  ⚠️  not checked (the Docker engine did not answer: Cannot connect to "
                + "the Docker daemon at unix:///var/run/docker.sock)");
        assertThat(noEngine.drift()).isFalse();
    }
}
