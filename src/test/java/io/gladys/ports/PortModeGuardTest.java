package io.gladys.ports;

import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.session.StackConfig;
import io.gladys.stack.StackLock;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.ItChecks;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start's port mode against what already runs or is being started in the same checkout: a stack on
 * the default ports (which leaves no record) refuses a start in another mode, and a record another
 * goal may still be starting on is not deleted under it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PortModeGuardTest {

    /** One service the plugin launches, on a port of this test's range (52200-52299). */
    private static final List<ServiceDefinition> POM = List.of(ServiceDefinition.builder("svc")
            .command(List.of("sh", "-c", "sleep 600")).localPort(52210).health(HealthKind.NONE).build());

    @TempDir
    Path dir;
    private StackSession running;

    @AfterEach
    void stopEverything() {
        try {
            if (running != null) {
                running.manager().stop("all", Duration.ofSeconds(5));
                running.close();
            }
        } finally {
            ItChecks.killLeftovers(dir.resolve(".gladys"));
        }
    }

    private StackConfig config(PortSettings ports) {
        return TestStacks.config(dir.resolve(".gladys"), dir, POM, false, TestStacks.embeddedDatabase(),
                TestStacks.printing()).toBuilder().ports(ports).build();
    }

    private ServiceStatus svc(StackSession s) {
        return s.backend().inspect(s.catalog().get("svc"));
    }

    @Test
    void aStackOnTheDefaultPortsRefusesAStartInAnotherMode() {
        running = StackSession.open(config(PortSettings.starting(null)));
        running.manager().start("all", StartOptions.DEFAULT);
        ServiceStatus before = svc(running);
        assertThat(before.state()).isEqualTo(ServiceState.RUNNING);

        for (PortMode other : List.of(PortMode.offset(50), PortMode.DYNAMIC)) {
            assertThatThrownBy(() -> StackSession.open(config(PortSettings.starting(other))))
                    .isInstanceOf(PortException.class)
                    .hasMessageContaining("runs with default ports (-Dgladys.ports=default)")
                    .hasMessageContaining("asks for " + other.describe())
                    .hasMessageContaining("Stop it first with mvn gladys:stop");
            assertThat(PortRecord.read(dir.resolve(".gladys"), Environment.LOCAL)).as("nothing recorded").isEmpty();
        }
        ServiceStatus after = svc(running);
        assertThat(after.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.port()).isEqualTo(52210);
    }

    @Test
    void aRecordIsDeletedOnlyWhenNoOtherGoalHoldsTheStack() {
        Path state = dir.resolve(".gladys");
        // a record whose ports nothing runs on: another start wrote it and has not launched yet
        PortRecord pending = new PortRecord(PortMode.offset(50), Map.of("svc", 52299));
        pending.write(state, Environment.LOCAL);
        try (StackSession holder = StackSession.open(config(PortSettings.NONE));
             StackLock lock = holder.backend().tryLock().orElseThrow()) {
            try (StackSession second = StackSession.open(config(PortSettings.starting(PortMode.offset(50))))) {
                assertThat(second.addresses().port(second.catalog().get("svc"))).isEqualTo(52299);
            }
            assertThat(PortRecord.read(state, Environment.LOCAL)).contains(pending);
        }
        // with nobody on the stack, the record is history: the start chooses its ports again
        try (StackSession again = StackSession.open(config(PortSettings.starting(PortMode.offset(50))))) {
            assertThat(again.addresses().port(again.catalog().get("svc"))).isEqualTo(52260);
        }
        assertThat(PortRecord.read(state, Environment.LOCAL).orElseThrow().ports()).containsEntry("svc", 52260);
    }
}
