package io.gladys.local.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentMessageTest {

    private static AgentMessage roundTrip(AgentMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return AgentMessage.read(new ByteArrayInputStream(out.toByteArray())).orElseThrow();
    }

    @Test
    void anyTextSurvivesTheWire() throws Exception {
        AgentMessage m = AgentMessage.request("launch").put("arg", "sh").put("arg", "-c")
                .put("arg", "printf 'a\\nb\\r\\n' = \\\\ é").put("env", "A=b=c").build();
        AgentMessage back = roundTrip(m);
        assertThat(back.head()).isEqualTo("gladys-agent/1 launch");
        assertThat(back.all("arg")).containsExactly("sh", "-c", "printf 'a\\nb\\r\\n' = \\\\ é");
        assertThat(back.get("env")).contains("A=b=c");
    }

    @Test
    void badInputIsABadMessage() {
        assertThatThrownBy(() -> AgentMessage.read(stream("hello\nno equals sign\n\n")))
                .isInstanceOf(AgentMessage.BadMessage.class);
        assertThatThrownBy(() -> AgentMessage.read(stream("hello\nkey=v")))
                .isInstanceOf(AgentMessage.BadMessage.class).hasMessageContaining("inside a line");
        assertThatThrownBy(() -> AgentMessage.read(stream("hello\nkey=v\n")))
                .isInstanceOf(AgentMessage.BadMessage.class).hasMessageContaining("before its empty line");
        assertThatThrownBy(() -> AgentMessage.read(stream("x".repeat(AgentMessage.MAX_LINE + 1))))
                .isInstanceOf(AgentMessage.BadMessage.class).hasMessageContaining("longer than");
    }

    @Test
    void aLaunchKeepsEverythingItNeedsToRunAgain() throws Exception {
        LaunchSpec spec = new LaunchSpec("svc", "id-1", java.util.List.of("java", "-cp", "a b", "Main"), Path.of("/w d"),
                java.util.Map.of("PATH", "/bin", "PASS", "p=w\nd"), "INT",
                io.gladys.catalog.RestartPolicy.of("on-failure", 4), 1000, 2, Path.of("/x.part"), Path.of("/x.jsa"));
        assertThat(LaunchSpec.of(roundTrip(spec.toRequest()))).isEqualTo(spec);
    }

    @Test
    void aSocketPathTooLongForTheSystemGoesToAShortPrivateDirectory() {
        Path deep = Path.of("/tmp", "a".repeat(60), "b".repeat(60), ".gladys");
        AgentEndpoint endpoint = new AgentEndpoint(deep);
        assertThat(endpoint.socket().toString().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AgentEndpoint.MAX_PATH_BYTES);
        assertThat(endpoint.socket().getParent().getFileName().toString()).startsWith("gladys-");
        assertThat(new AgentEndpoint(Path.of("/tmp/p/.gladys")).socket()).isEqualTo(Path.of("/tmp/p/.gladys/agent/agent.sock"));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
