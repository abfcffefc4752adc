package io.gladys.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartPolicyTest {

    @Test
    void theModesRestartWhatTheySay() {
        RestartPolicy onFailure = RestartPolicy.of("on-failure", 2);
        assertThat(onFailure.restarts(1, 0)).isTrue();
        assertThat(onFailure.restarts(137, 1)).as("a signal is a failure").isTrue();
        assertThat(onFailure.restarts(0, 0)).as("a clean exit is not").isFalse();
        assertThat(onFailure.restarts(1, 2)).as("maxRestarts reached").isFalse();
        RestartPolicy always = RestartPolicy.of("ALWAYS", null);
        assertThat(always.maxRestarts()).isEqualTo(RestartPolicy.DEFAULT_MAX_RESTARTS);
        assertThat(always.restarts(0, 4)).isTrue();
        assertThat(RestartPolicy.of(null, null)).isEqualTo(RestartPolicy.NO);
        assertThat(RestartPolicy.NO.restarts(1, 0)).isFalse();
        assertThat(onFailure.describe()).isEqualTo("on-failure (max 2)");
    }

    @Test
    void theWaitDoublesUpToThirtySeconds() {
        assertThat(RestartPolicy.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(RestartPolicy.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RestartPolicy.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RestartPolicy.delay(50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> RestartPolicy.of("sometimes", null)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("Unknown <restart> 'sometimes'").hasMessageContaining("on-failure");
        assertThatThrownBy(() -> RestartPolicy.of("no", 3)).hasMessageContaining("needs <restart>on-failure");
        assertThatThrownBy(() -> RestartPolicy.of("always", -1)).hasMessageContaining("0 or more");
    }

    @Test
    void aCatalogFileAndAnOverrideCarryThePolicy() {
        ServiceDefinition base = ServiceDefinition.builder("svc").build();
        ServiceDefinition override = ServiceDefinition.builder("svc").restart(RestartPolicy.of("always", 1)).build();
        assertThat(base.restart()).isEqualTo(RestartPolicy.NO);
        assertThat(base.mergedWith(override).restart()).isEqualTo(new RestartPolicy(RestartPolicy.Mode.ALWAYS, 1));
        assertThat(base.mergedWith(ServiceDefinition.builder("svc").build()).restart()).isEqualTo(RestartPolicy.NO);
    }
}
