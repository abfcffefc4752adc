package it;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.fail;

/** An integration test that fails after reaching the stack: the build must fail, and the stack must stop. */
class FailingIT {

    @Test
    void failsOnPurpose() throws Exception {
        String[] hp = System.getProperty("memory.address").split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 2000);
        }
        fail("this integration test fails on purpose");
    }
}
