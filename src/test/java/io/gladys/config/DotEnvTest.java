package io.gladys.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dotenv syntax GLADyS's .env uses, and what the loaders agree on. */
class DotEnvTest {

    private static Map<String, String> parse(Map<String, String> env, String... lines) {
        return DotEnv.parse(".env", List.of(lines), env);
    }

    @Test
    void readsCommentsQuotesExportAndExpansion() {
        Map<String, String> v = parse(Map.of("HOME_DIR", "/home/dev"),
                "# GLADyS Local Development Configuration",
                "",
                "export ORCHESTRATOR_PORT=50150",
                "MEMORY_PYTHON_PORT = 50151   # shifted by the workspace script",
                "STORAGE_PASSWORD='gladys#dev ${NOT_EXPANDED}'",
                "GREETING=\"two\\nlines and ${MEMORY_PYTHON_PORT}\"",
                "MEMORY_ADDRESS=localhost:${MEMORY_PYTHON_PORT}",
                "FALLBACK=${NOT_SET:-fallback}",
                "FROM_ENV=$HOME_DIR/gladys",
                "EMPTY=",
                "URL=http://localhost:11434/#anchor");
        assertThat(v).containsEntry("ORCHESTRATOR_PORT", "50150")
                .containsEntry("MEMORY_PYTHON_PORT", "50151")
                .containsEntry("STORAGE_PASSWORD", "gladys#dev ${NOT_EXPANDED}")
                .containsEntry("GREETING", "two\nlines and 50151")
                .containsEntry("MEMORY_ADDRESS", "localhost:50151")
                .containsEntry("FALLBACK", "fallback")
                .containsEntry("FROM_ENV", "/home/dev/gladys")
                .containsEntry("EMPTY", "")
                .containsEntry("URL", "http://localhost:11434/#anchor");
        assertThat(v.keySet()).startsWith("ORCHESTRATOR_PORT", "MEMORY_PYTHON_PORT");
    }

    @Test
    void aMalformedLineFailsWithItsNumberAndNeverShowsAValue() {
        assertThatThrownBy(() -> parse(Map.of(), "A=1", "# fine", "just some words"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 3: expected KEY=value (no '=').");
        assertThatThrownBy(() -> parse(Map.of(), "TOKEN=\"s3cret-value"))
                .hasMessageContaining(".env line 1: the value of TOKEN opens a \" quote that is not closed")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> parse(Map.of(), "PASSWORD='s3cret' trailing"))
                .hasMessageContaining(".env line 1: the value of PASSWORD has text after its closing quote")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> parse(Map.of(), "9LIVES=cat")).hasMessageContaining("line 1")
                .hasMessageContaining("'9LIVES' is not a variable name");
        assertThatThrownBy(() -> parse(Map.of(), "A=${MISSING}")).hasMessageContaining("${MISSING} is not set");
    }
}
