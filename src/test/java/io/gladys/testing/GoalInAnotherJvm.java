package io.gladys.testing;

import io.gladys.catalog.ServiceDefinition;
import io.gladys.session.StackSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a goal does, in a JVM of its own (run with -verbose:class to see what it loads): health, status
 * and cache statistics of the default catalog's stack; with {@code --start} first, a start of it before
 * them. Arguments: [--start] state directory, base directory, then name=port for each service. Prints
 * one line per answer.
 */
public final class GoalInAnotherJvm {

    public static void main(String[] all) {
        boolean start = all.length > 0 && all[0].equals("--start");
        String[] args = start ? java.util.Arrays.copyOfRange(all, 1, all.length) : all;
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] np = args[i].split("=");
            services.add(ServiceDefinition.builder(np[0]).localPort(Integer.valueOf(np[1])).build());
        }
        try (StackSession s = StackSession.open(TestStacks.config(Path.of(args[0]), Path.of(args[1]), services, true,
                TestStacks.embeddedDatabase(), io.gladys.stack.Console.SILENT))) {
            if (start) {
                s.manager().start("all", io.gladys.stack.StartOptions.DEFAULT);
                System.out.println("started");
            }
            s.manager().health("all").forEach((d, r) -> System.out.println("health " + d.name() + " " + r.state()));
            s.manager().status("all").forEach(st -> System.out.println("status " + st.service().name() + " "
                    + st.state()));
            System.out.println("cache entries " + s.cache("memory-rust", Duration.ofSeconds(3)).stats()
                    .getCurrentSize());
        }
    }
}
