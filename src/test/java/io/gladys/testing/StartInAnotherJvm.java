package io.gladys.testing;

import io.gladys.local.LocalSettings;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Maven run's stand-in for fault tests: starts, in this JVM, a service that never becomes healthy
 * (it waits for a port nothing opens), so the start goes on until this JVM is killed.
 * Arguments: state directory, base directory, port, and optionally the process control.
 */
public final class StartInAnotherJvm {

    public static void main(String[] args) {
        Path state = Path.of(args[0]);
        Path base = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        StackSession session = StackSession.open(TestStacks.config(state, base, List.of(hanging(port)), false,
                TestStacks.embeddedDatabase(), TestStacks.printing()).toBuilder().local(new LocalSettings(null, args.length > 3 ? args[3] : null, true)).build());
        session.manager().start("all", StartOptions.builder().waitForHealthy(true)
                .serviceTimeout(Duration.ofHours(1)).overallTimeout(Duration.ofHours(1))
                .minUptime(Duration.ofSeconds(1)).keepRunning(false).build());
    }

    public static ServiceDefinition hanging(int port) {
        return ServiceDefinition.builder("hanging").command(List.of("sh", "-c", "sleep 600")).localPort(port)
                .health(HealthKind.TCP).build();
    }
}
