import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The client side of the prototype: asks the agent's socket one question and prints the answer (JDK classes only). */
public class AgentClient {
    public static void main(String[] a) throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(Path.of(a[0])));
            c.write(ByteBuffer.wrap((a[1] + "\n").getBytes(StandardCharsets.UTF_8)));
            System.out.print(new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
