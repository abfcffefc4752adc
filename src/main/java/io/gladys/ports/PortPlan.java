package io.gladys.ports;

import io.gladys.config.PropertyNames;
import io.gladys.common.Sha256;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.PortPlaceholder;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.EnvironmentPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports of one stack in one environment: which port each service gets in a {@link PortMode},
 * and the catalog with those ports in place, {@code ${port}} and {@code ${<service>.port}} filled in
 * the services' command arguments and environment values.
 */
public final class PortPlan {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private PortPlan() {
    }

    /**
     * Each service's port in its environment under the mode: services the plugin cannot move (the
     * environment says so, or {@code <fixedPort>}) keep theirs; a service without a port gets none.
     *
     * @param policies the rules of the environment each service runs in
     * @param freePort a free port each time it is asked (dynamic mode only), unless the service's
     *                 environment has ports of its own ({@link EnvironmentPolicy#freePorts()})
     */
    public static Map<String, Integer> assign(List<ServiceDefinition> services,
                                              Function<ServiceDefinition, EnvironmentPolicy> policies, PortMode mode,
                                              IntSupplier freePort) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (ServiceDefinition s : services) {
            Integer port = policies.apply(s).port(s);
            if (port != null && (s.fixedPort() || !policies.apply(s).portMovable(s))) {
                out.put(s.name(), port);
                taken.add(port);
            }
        }
        List<ServiceDefinition> moving = services.stream()
                .filter(s -> policies.apply(s).port(s) != null && !out.containsKey(s.name())).toList();
        if (mode.kind() == PortMode.Kind.OFFSET) {
            checkOffset(moving, policies, mode.offset());
        }
        for (ServiceDefinition s : moving) {
            int port = policies.apply(s).port(s);
            out.put(s.name(), switch (mode.kind()) {
                case DEFAULT -> port;
                case OFFSET -> port + mode.offset();
                case DYNAMIC -> distinct(policies.apply(s).freePorts().orElse(freePort), taken);
            });
            taken.add(out.get(s.name()));
        }
        return out;
    }

    /** The highest port that moves decides the largest offset that fits, so the one suggested fits them all. */
    private static void checkOffset(List<ServiceDefinition> moving,
                                    Function<ServiceDefinition, EnvironmentPolicy> policies, int offset) {
        moving.stream().max(Comparator.comparingInt(s -> policies.apply(s).port(s))).ifPresent(s -> {
            int port = policies.apply(s).port(s);
            long p = (long) port + offset;
            if (p > 65535) {
                throw new PortException(PropertyNames.PORT_OFFSET + "=" + offset + " moves " + s.name() + "'s "
                        + policies.apply(s).environment().id()
                        + " port " + port + " to " + p + ", past 65535. Give a smaller offset (at most "
                        + (65535 - port) + ", which fits every port that moves) or " + PropertyNames.PORTS + "=dynamic.");
            }
        });
    }

    private static int distinct(IntSupplier freePort, Set<Integer> taken) {
        for (int i = 0; i < 100; i++) {
            int p = freePort.getAsInt();
            if (!taken.contains(p)) {
                return p;
            }
        }
        throw new PortException("No free port was found for a dynamic port after 100 tries.");
    }

    /** A short, stable suffix naming a checkout by its directory's absolute path (Compose project names). */
    public static String checkoutSuffix(java.nio.file.Path dir) {
        return Sha256.hex(dir.toAbsolutePath().normalize().toString()).substring(0, 8);
    }

    /**
     * A port nothing listens on at 127.0.0.1 now, chosen by the operating system. Another process may
     * take it before the service binds it; the service's start then fails and says so.
     */
    public static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new PortException("Cannot find a free port on 127.0.0.1: " + e.getMessage());
        }
    }

    /**
     * The services with the assigned ports in place of their catalog ports in their environments, and
     * their port placeholders filled. A placeholder is filled with the port the service listens on, as
     * its environment says (in docker, the one inside its container, not the published one).
     */
    public static List<ServiceDefinition> apply(List<ServiceDefinition> services,
                                                Function<ServiceDefinition, EnvironmentPolicy> policies,
                                                Map<String, Integer> ports) {
        Map<String, Integer> listening = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            Integer p = policies.apply(s).listeningPort(s, ports.get(s.name()));
            if (p != null) {
                listening.put(s.name(), p);
            }
        }
        Set<String> names = new HashSet<>();
        services.forEach(s -> names.add(s.name()));
        List<ServiceDefinition> out = new ArrayList<>();
        for (ServiceDefinition s : services) {
            Integer p = ports.get(s.name());
            ServiceDefinition.Builder b = (p == null ? s : s.withPort(policies.apply(s).environment(), p)).toBuilder();
            List<String> command = new ArrayList<>();
            for (String arg : s.command()) {
                command.add(fill(arg, s, names, listening, "<command>"));
            }
            Map<String, String> environment = new LinkedHashMap<>();
            s.environment().forEach((k, v) -> environment.put(k, fill(v, s, names, listening,
                    "<environmentVariables><" + k + ">")));
            out.add(b.command(command).environment(environment).build());
        }
        return out;
    }

    private static String fill(String value, ServiceDefinition s, Set<String> catalog, Map<String, Integer> listening,
                               String where) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!PortPlaceholder.is(name)) {
                m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String service = PortPlaceholder.service(name, s.name());
            Integer port = listening.get(service);
            if (port == null) {
                throw new CatalogException("Service '" + s.name() + "', " + where + ": ${" + name + "} names "
                        + (catalog.contains(service) ? "the port of '" + service + "', which has no port in this "
                        + "environment" : "a service '" + service + "' the catalog does not have (services with a "
                        + "port: " + String.join(", ", new TreeSet<>(listening.keySet())) + ")") + ".");
            }
            m.appendReplacement(b, String.valueOf(port));
        }
        m.appendTail(b);
        return b.toString();
    }
}
