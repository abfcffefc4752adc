import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.local.LocalBackend;
import io.gladys.local.runner.RunRecord;
import io.gladys.stack.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.TestStacks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The CPU time a service's runner uses while the service idles, per process control (the portable
 * runner looks at the service's process tree four times a second). Linux only (reads /proc):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * CP="target/classes:target/test-classes:$(cat target/cp.txt)"
 * java -cp "$CP" -Dsurefire.test.class.path="$CP" bench/RunnerCost.java portable 60
 * </pre>
 */
public class RunnerCost {
    public static void main(String[] a) throws Exception {
        Path dir = Files.createTempDirectory("runner-cost");
        StackSession s = StackSession.open(TestStacks.config(dir.resolve("state"), dir,
                List.of(ServiceDefinition.builder("idle").command(List.of("sh", "-c", "sleep 600")).health(HealthKind.NONE).build()),
                false, TestStacks.embeddedDatabase(), TestStacks.printing()).withProcessControl(a[0]));
        try {
            s.manager().start("all", new StartOptions(true, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1), false));
            RunRecord r = ((LocalBackend) s.backend()).state().record("idle").orElseThrow();
            long before = cpu(r.runnerPid());
            Thread.sleep(Long.parseLong(a[1]) * 1000);
            long after = cpu(r.runnerPid());
            System.out.println("RESULT " + a[0] + " runner CPU over " + a[1] + " s idle: " + (after - before) * 10 + " ms");
        } finally {
            s.manager().stop("all", Duration.ofSeconds(10));
            s.close();
        }
    }

    /** utime + stime in clock ticks (100 Hz). */
    static long cpu(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
