package io.gladys.ports;

import io.gladys.config.PropertyNames;
import io.gladys.common.Sha256;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;

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
import java.util.function.Predicate;
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

    /** Whether a placeholder name is one the ports fill ({@code port}, {@code <service>.port}). */
    public static boolean isPortPlaceholder(String name) {
        return name.equals("port") || name.endsWith(".port") && name.length() > ".port".length();
    }

    /**
     * Each service's port in the environment under the mode: services the plugin cannot move
     * ({@code movable} false, or {@code <fixedPort>}) keep theirs; a service without a port gets none.
     *
     * @param freePort a free port each time it is asked (dynamic mode only)
     */
    public static Map<String, Integer> assign(List<ServiceDefinition> services, Environment env, PortMode mode,
                                              Predicate<ServiceDefinition> movable, IntSupplier freePort) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (ServiceDefinition s : services) {
            if (s.port(env) != null && (s.fixedPort() || !movable.test(s))) {
                out.put(s.name(), s.port(env));
                taken.add(s.port(env));
            }
        }
        List<ServiceDefinition> moving = services.stream()
                .filter(s -> s.port(env) != null && !out.containsKey(s.name())).toList();
        if (mode.kind() == PortMode.Kind.OFFSET) {
            checkOffset(moving, env, mode.offset());
        }
        for (ServiceDefinition s : moving) {
            int port = s.port(env);
            out.put(s.name(), switch (mode.kind()) {
                case DEFAULT -> port;
                case OFFSET -> port + mode.offset();
                case DYNAMIC -> distinct(freePort, taken);
            });
            taken.add(out.get(s.name()));
        }
        return out;
    }

    /** The highest port that moves decides the largest offset that fits, so the one suggested fits them all. */
    private static void checkOffset(List<ServiceDefinition> moving, Environment env, int offset) {
        moving.stream().max(Comparator.comparingInt(s -> s.port(env))).ifPresent(s -> {
            int port = s.port(env);
            long p = (long) port + offset;
            if (p > 65535) {
                throw new PortException(PropertyNames.PORT_OFFSET + "=" + offset + " moves " + s.name() + "'s " + env.id()
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
     * The services with the assigned ports in place of their catalog ports in the environment, and
     * their port placeholders filled. A placeholder is filled with the port the service listens on: in
     * docker, the one inside its container (its {@code localPort}), not the published one.
     */
    public static List<ServiceDefinition> apply(List<ServiceDefinition> services, Environment env,
                                                Map<String, Integer> ports) {
        Map<String, Integer> listening = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            Integer p = env == Environment.DOCKER ? (s.localPort() != null ? s.localPort() : ports.get(s.name()))
                    : ports.get(s.name());
            if (p != null) {
                listening.put(s.name(), p);
            }
        }
        Set<String> names = new HashSet<>();
        services.forEach(s -> names.add(s.name()));
        List<ServiceDefinition> out = new ArrayList<>();
        for (ServiceDefinition s : services) {
            ServiceDefinition.Builder b = s.toBuilder();
            Integer p = ports.get(s.name());
            if (p != null) {
                if (env == Environment.DOCKER) {
                    b.dockerPort(p);
                } else {
                    b.localPort(p);
                }
            }
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
            if (!isPortPlaceholder(name)) {
                m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String service = name.equals("port") ? s.name() : name.substring(0, name.length() - ".port".length());
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
