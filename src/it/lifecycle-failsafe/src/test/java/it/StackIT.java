package it;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reaches the stack through the addresses gladys:start exported as project properties. */
class StackIT {

    private static void connect(String address) throws Exception {
        assertNotNull(address, "start exported no address");
        String[] hp = address.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 2000);
        }
    }

    @Test
    void everyServiceAnswersAtItsExportedAddress() throws Exception {
        assertEquals("localhost:57051", System.getProperty("memory.address"));
        connect(System.getProperty("memory.address"));
        connect(System.getProperty("gateway.address"));
        connect(System.getProperty("executive.address"));
        connect(System.getProperty("orchestrator.host") + ":" + System.getProperty("orchestrator.port"));
    }

    @Test
    void theDatabaseAtTheExportedUrlHoldsTheReferenceSchema() throws Exception {
        String url = System.getProperty("db.url");
        assertEquals("jdbc:postgresql://localhost:57432/gladys", url);
        try (Connection c = DriverManager.getConnection(url, "gladys", "gladys");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM heuristics")) {
            rs.next();
            assertEquals(6, rs.getInt(1));
        }
    }
}
