import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseSettings;
import io.gladys.health.HealthResult;
import io.gladys.session.StackConfig;
import io.gladys.session.StackSession;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A prototype of the stack agent's answering side (bench only, not the plugin): one JVM that opens a
 * session on a running reference stack (warm gRPC channels and a JDBC probe), answers "health" on a
 * Unix domain socket with a live probe of every service, and prints its resident memory after the
 * first answer. Run by bench/agent-prototype.sh:
 *   java <flags> -cp CP bench/agent/AgentPrototype.java SOCKET BASEDIR DBPORT ORCH PY RUST EXEC
 */
public class AgentPrototype {
    public static void main(String[] a) throws Exception {
        Path socket = Path.of(a[0]);
        Path base = Path.of(a[1]);
        int[] p = new int[5];
        for (int i = 0; i < 5; i++) {
            p[i] = Integer.parseInt(a[2 + i]);
        }
        List<ServiceDefinition> ports = List.of(
                ServiceDefinition.builder("db").localPort(p[0]).build(),
                ServiceDefinition.builder("orchestrator").localPort(p[1]).build(),
                ServiceDefinition.builder("memory-python").localPort(p[2]).build(),
                ServiceDefinition.builder("memory-rust").localPort(p[3]).build(),
                ServiceDefinition.builder("executive-stub").localPort(p[4]).build());
        StackConfig config = StackConfig.builder(base, base.resolve(".gladys")).services(ports).useDefaultCatalog(true)
                .java(JavaLaunch.currentJvm(List.of())).database(DatabaseSettings.builder().build()).build();
        try (StackSession session = StackSession.open(config);
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Files.deleteIfExists(socket);
            server.bind(UnixDomainSocketAddress.of(socket));
            boolean first = true;
            while (true) {
                try (SocketChannel c = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
                    String ask = in.readLine();
                    StringBuilder answer = new StringBuilder();
                    if ("health".equals(ask)) {
                        for (Map.Entry<ServiceDefinition, HealthResult> e : session.manager().health("all").entrySet()) {
                            answer.append(e.getKey().name()).append(' ').append(e.getValue().state()).append('\n');
                        }
                    } else if ("quit".equals(ask)) {
                        return;
                    }
                    OutputStream out = Channels.newOutputStream(c);
                    out.write(answer.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (first) {
                        first = false;
                        System.gc();
                        System.out.println("RSS after the first health: " + rss());
                    }
                }
            }
        }
    }

    static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("?").replaceAll("\\s+", " ");
    }
}
