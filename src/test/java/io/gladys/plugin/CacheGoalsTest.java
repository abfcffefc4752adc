package io.gladys.plugin;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** cache-stats, cache-list, cache-flush, cache-evict. */
@MojoTest
class CacheGoalsTest extends GoalHarness {

    @Test
    @InjectMojo(goal = "cache-stats")
    void theCacheServiceDefaultsToTheGateway(CacheStatsMojo mojo) {
        assertThat(mojo.cacheService).isEqualTo("memory-rust");
    }

    @Test
    @InjectMojo(goal = "cache-flush")
    @CommandLine("gladys.cacheService=nosuch")
    void anUnknownCacheServiceIsNamed(CacheFlushMojo mojo) {
        assertThat(mojo.cacheService).isEqualTo("nosuch");
        failsWithParts(mojo, "nosuch", "memory-rust");
    }

    @Test
    @InjectMojo(goal = "cache-list")
    void listShowsAllByDefault(CacheListMojo mojo) {
        assertThat(mojo.limit).isZero();
        assertThat(mojo.gladysLimit).isNull();
    }

    @Test
    @InjectMojo(goal = "cache-list")
    @CommandLine({"limit=3", "gladys.limit=4"})
    void theNamespacedLimitWins(CacheListMojo mojo) {
        assertThat(mojo.limit).isEqualTo(3);
        assertThat(mojo.gladysLimit).isEqualTo(4);
    }

    @Test
    @InjectMojo(goal = "cache-list")
    @CommandLine("limit=-1")
    void aNegativeLimitIsRejected(CacheListMojo mojo) {
        failsWith(mojo, "limit must be 0 (all) or more, got -1.");
    }

    @Test
    @InjectMojo(goal = "cache-evict")
    void evictWithoutAnIdSaysHowToGiveOne(CacheEvictMojo mojo) {
        failsWith(mojo, "Which heuristic? Give its id: mvn gladys:cache-evict -Did=<id> "
                + "(mvn gladys:cache-list shows the cached ones).");
    }

    @Test
    @InjectMojo(goal = "cache-evict", pom = POM_START + "<id>3f2b</id>" + POM_END)
    @CommandLine("gladys.id=a15f")
    void evictTakesTheIdFromThePomOrTheCommandLine(CacheEvictMojo mojo) {
        assertThat(mojo.id).isEqualTo("3f2b");
        assertThat(mojo.gladysId).isEqualTo("a15f");
        assertThat(AbstractGladysMojo.eitherOf(mojo.gladysId, mojo.id)).isEqualTo("a15f");
    }
}
