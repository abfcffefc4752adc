package io.gladys.db;

import io.gladys.health.HealthResult;
import io.gladys.health.HealthState;
import io.gladys.health.ProbeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The database probe against the real server: what a kept connection holds on to, and what it finds. */
@ExtendWith(SharedPostgres.class)
class SqlProbeTest {

    @Test
    void aKeptConnectionLivesOnTheMaintenanceDatabaseSoTheProbedOneCanBeCopiedAndDropped() throws Exception {
        DatabaseTarget db = SharedPostgres.referenceDatabase("probed");
        SqlProbe probe = SqlProbe.keepingConnection(db, "sql-probe-test-kept");
        try {
            HealthResult first = probe.check();
            assertThat(first.state()).as(first.message()).isEqualTo(HealthState.HEALTHY);
            assertThat(first.details()).containsEntry("database", db.display()).containsKey("server_version");
            List<String> sessions = sessions("sql-probe-test-kept");
            assertThat(sessions).as("one kept session, on the maintenance database").hasSize(1)
                    .allMatch(s -> s.endsWith(" postgres"));
            assertThat(probe.check().state()).isEqualTo(HealthState.HEALTHY);
            assertThat(sessions("sql-probe-test-kept")).as("no new login per check").isEqualTo(sessions);

            // nothing holds the probed database: it can be a template, and be dropped
            try (Connection c = SharedPostgres.gladys().connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db.database() + "_copy TEMPLATE " + db.database());
                s.execute("DROP DATABASE " + db.database() + "_copy");
                s.execute("DROP DATABASE " + db.database());
            }
            HealthResult gone = probe.check();
            assertThat(gone.outcome()).isEqualTo(ProbeOutcome.RPC_FAILED);
            assertThat(gone.message()).isEqualTo("The database '" + db.database() + "' does not exist on "
                    + db.host() + ":" + db.port() + ".");
            assertThat(new SqlProbe(db).check().message()).as("the same words as a probe that keeps nothing")
                    .isEqualTo(gone.message());
        } finally {
            probe.close();
        }
        assertThat(sessions("sql-probe-test-kept")).as("closed").isEmpty();
    }

    @Test
    void aUserTheMaintenanceDatabaseRefusesIsProbedOnItsOwnDatabaseEachTime() throws Exception {
        DatabaseTarget db = SharedPostgres.referenceDatabase("refused");
        String role = db.database() + "_user";
        try (Connection c = SharedPostgres.gladys().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'secret'");
            s.execute("REVOKE CONNECT ON DATABASE postgres FROM PUBLIC");
        }
        SqlProbe probe = SqlProbe.keepingConnection(new DatabaseTarget(db.host(), db.port(), db.database(), role,
                Secret.of("secret")), "sql-probe-test-refused");
        try {
            HealthResult r = probe.check();
            assertThat(r.state()).as(r.message()).isEqualTo(HealthState.HEALTHY);
            assertThat(probe.check().state()).isEqualTo(HealthState.HEALTHY);
            assertThat(sessions("sql-probe-test-refused")).as("nothing kept on the probed database").isEmpty();
        } finally {
            probe.close();
            try (Connection c = SharedPostgres.gladys().connect(); Statement s = c.createStatement()) {
                s.execute("GRANT CONNECT ON DATABASE postgres TO PUBLIC");
                s.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void aServerThatIsDownCannotBeConnected() throws Exception {
        SqlProbe probe = SqlProbe.keepingConnection(SharedPostgres.down(), "sql-probe-test-down");
        HealthResult r = probe.check();
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.CANNOT_CONNECT);
        assertThat(r.message()).contains("is not reachable");
        probe.close();
    }

    /** "pid database" of every session that names itself {@code application}. */
    private static List<String> sessions(String application) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = SharedPostgres.gladys().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, datname FROM pg_stat_activity WHERE application_name = '"
                     + application + "' ORDER BY pid")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return out;
    }
}
