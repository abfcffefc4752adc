import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.Secret;
import io.gladys.db.SqlProbe;
import io.gladys.grpc.GrpcChannels;
import io.gladys.health.HealthChecker;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthTimeouts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The floor of a health probe in a fresh JVM: the plugin's own HealthChecker (gRPC through grpc-java and
 * Netty, SQL through pgjdbc) against a running stack, without Maven. Run it compiled (javac to a
 * directory), not as a source file, so that the compiler's own start is not counted; compare it with
 * the same JVM that only prints ({@code --hello}), both with the plugin's class path. What health costs
 * past gladys:help, minus what this costs past {@code --hello}, is what the goal adds of its own.
 * <pre>
 * ProbeFloor DB_PORT SERVICE=PORT[:HEALTH_SERVICE]...
 * ProbeFloor --hello
 * </pre>
 */
public class ProbeFloor {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("--hello")) {
            System.out.println("hello");
            return;
        }
        DatabaseTarget db = new DatabaseTarget("localhost", Integer.parseInt(a[0]), "gladys", "gladys",
                Secret.of("gladys"));
        try (GrpcChannels channels = new GrpcChannels()) {
            HealthChecker checker = new HealthChecker(channels, HealthTimeouts.DEFAULT, new SqlProbe(db));
            List<CompletableFuture<HealthResult>> all = new ArrayList<>();
            all.add(CompletableFuture.supplyAsync(() -> checker.check(
                    ServiceDefinition.builder("db").health(HealthKind.SQL).build(), "localhost", null, true)));
            for (int i = 1; i < a.length; i++) {
                String[] nameAndRest = a[i].split("=", 2);
                String[] portAndService = nameAndRest[1].split(":", 2);
                ServiceDefinition s = ServiceDefinition.builder(nameAndRest[0]).health(HealthKind.GLADYS)
                        .healthService(portAndService.length > 1 ? portAndService[1] : "").build();
                int port = Integer.parseInt(portAndService[0]);
                all.add(CompletableFuture.supplyAsync(() -> checker.check(s, "localhost", port, true)));
            }
            for (CompletableFuture<HealthResult> f : all) {
                HealthResult r = f.join();
                if (!r.healthy()) {
                    throw new IllegalStateException("not healthy: " + r);
                }
            }
        }
        System.out.println("all healthy");
    }
}
