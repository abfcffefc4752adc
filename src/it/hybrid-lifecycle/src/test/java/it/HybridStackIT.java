package it;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reaches a local process, a container and the container's database through the addresses gladys:start exported. */
class HybridStackIT {

    @Test
    void theServicesAnswerWhereverTheyRun() throws Exception {
        assertEquals("localhost:62041", System.getProperty("memory.address"));
        assertEquals("localhost:62040", System.getProperty("orchestrator.address"));
        for (String address : new String[] {System.getProperty("memory.address"),
                System.getProperty("orchestrator.address")}) {
            String[] hp = address.split(":");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 2000);
            }
        }
    }

    @Test
    void theDatabaseInItsContainerHoldsTheMigratedReferenceSchema() throws Exception {
        String url = System.getProperty("db.url");
        assertEquals("jdbc:postgresql://localhost:62045/gladys", url);
        try (Connection c = DriverManager.getConnection(url, "gladys", "gladys");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM heuristics")) {
            rs.next();
            assertEquals(6, rs.getInt(1));
        }
    }
}
