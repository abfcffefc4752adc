package it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reaches this build's stack on its dynamic ports while the other checkout's stack holds the pom's. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DynamicPortsIT {

    private static final List<Integer> POM_PORTS = List.of(53500, 53501, 53502, 53503, 53504);

    private static int connect(String address) throws Exception {
        assertNotNull(address, "start exported no address");
        String[] hp = address.split(":");
        int port = Integer.parseInt(hp[1]);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], port), 2000);
        }
        return port;
    }

    @Test
    void thisBuildsStackAnswersOnItsExportedDynamicPorts() throws Exception {
        for (String key : List.of("memory.address", "gateway.address", "executive.address")) {
            int port = connect(System.getProperty(key));
            assertFalse(POM_PORTS.contains(port), key + " is on a pom port: " + port);
        }
        int orchestrator = connect("localhost:" + System.getProperty("orchestrator.port"));
        assertFalse(POM_PORTS.contains(orchestrator));
    }

    @Test
    void theOtherCheckoutsStackRunsOnThePomPortsAtTheSameTime() throws Exception {
        for (int port : POM_PORTS) {
            connect("localhost:" + port);
        }
    }

    @Test
    void theDatabaseAtTheExportedUrlIsThisBuildsOwn() throws Exception {
        String url = System.getProperty("db.url");
        assertFalse(url.contains(":53504/"), url);
        try (Connection c = DriverManager.getConnection(url, "gladys", "gladys");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM heuristics")) {
            rs.next();
            assertEquals(6, rs.getInt(1));
        }
    }
}
