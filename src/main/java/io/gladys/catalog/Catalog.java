package io.gladys.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The services of a stack and the names they answer to. Resolution accepts {@code all}, a group,
 * a service name, an alias, or a comma-separated list of these; the result has no duplicates and
 * is in start order (every service after what it depends on).
 */
public final class Catalog {

    public static final String ALL = "all";

    private final Map<String, ServiceDefinition> services;
    private final Map<String, List<String>> groups;
    private final Map<String, String> aliases;

    private Catalog(Collection<ServiceDefinition> definitions) {
        Map<String, ServiceDefinition> byName = new LinkedHashMap<>();
        for (ServiceDefinition d : definitions) {
            if (d.name() == null || d.name().isBlank()) {
                throw new CatalogException("A service in the catalog has no <name>.");
            }
            if (byName.put(d.name(), d) != null) {
                throw new CatalogException("Service '" + d.name() + "' is defined twice in the catalog.");
            }
        }
        this.services = byName;
        this.groups = new LinkedHashMap<>();
        this.aliases = new LinkedHashMap<>();
        validate();
    }

    /** A catalog of exactly these services, validated. */
    public static Catalog of(Collection<ServiceDefinition> definitions) {
        return new Catalog(definitions);
    }

    /**
     * The base catalog with the given definitions merged in by name: the fields a definition sets
     * override the base entry's; a definition with a new name is added.
     */
    public static Catalog merge(Catalog base, Collection<ServiceDefinition> overrides) {
        Map<String, ServiceDefinition> merged = new LinkedHashMap<>(base.services);
        for (ServiceDefinition o : overrides) {
            if (o.name() == null || o.name().isBlank()) {
                throw new CatalogException("A <service> in the pom has no <name>.");
            }
            ServiceDefinition existing = merged.get(o.name());
            merged.put(o.name(), existing == null ? o : existing.mergedWith(o));
        }
        return new Catalog(merged.values());
    }

    public List<ServiceDefinition> services() {
        return List.copyOf(services.values());
    }

    public Optional<ServiceDefinition> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public ServiceDefinition get(String name) {
        ServiceDefinition d = services.get(name);
        if (d == null) {
            throw unknown(name);
        }
        return d;
    }

    public boolean hasDatabase() {
        return services.containsKey(ServiceDefinition.DATABASE);
    }

    /** Every name resolution accepts, sorted. */
    public Set<String> validNames() {
        Set<String> names = new TreeSet<>();
        names.add(ALL);
        names.addAll(services.keySet());
        names.addAll(groups.keySet());
        names.addAll(aliases.keySet());
        return names;
    }

    /** Resolves a name expression into services, in start order, without duplicates. */
    public List<ServiceDefinition> resolve(String expression) {
        String expr = expression == null || expression.isBlank() ? ALL : expression;
        Set<ServiceDefinition> selected = new LinkedHashSet<>();
        for (String raw : expr.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (ALL.equals(name)) {
                selected.addAll(services.values());
            } else if (services.containsKey(name)) {
                selected.add(services.get(name));
            } else if (aliases.containsKey(name)) {
                selected.add(services.get(aliases.get(name)));
            } else if (groups.containsKey(name)) {
                groups.get(name).forEach(n -> selected.add(services.get(n)));
            } else {
                throw unknown(name);
            }
        }
        if (selected.isEmpty()) {
            throw new CatalogException("No service named in '" + expression + "'. Valid names: "
                    + String.join(", ", validNames()) + ".");
        }
        return startOrder(selected);
    }

    /** The given services plus everything they depend on, transitively, in start order. */
    public List<ServiceDefinition> withDependencies(Collection<ServiceDefinition> selection) {
        Set<ServiceDefinition> closure = new LinkedHashSet<>();
        ArrayList<ServiceDefinition> todo = new ArrayList<>(selection);
        while (!todo.isEmpty()) {
            ServiceDefinition d = todo.remove(todo.size() - 1);
            if (closure.add(d)) {
                d.dependsOn().forEach(dep -> todo.add(services.get(dep.service())));
            }
        }
        return startOrder(closure);
    }

    /** The services that depend on the given one directly. */
    public List<ServiceDefinition> dependents(ServiceDefinition service) {
        List<ServiceDefinition> out = new ArrayList<>();
        for (ServiceDefinition d : services.values()) {
            if (d.dependsOn().stream().anyMatch(dep -> dep.service().equals(service.name()))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The given services ordered so that each comes after its dependencies (catalog order otherwise). */
    public List<ServiceDefinition> startOrder(Collection<ServiceDefinition> selection) {
        Set<String> wanted = new LinkedHashSet<>();
        selection.forEach(d -> wanted.add(d.name()));
        List<ServiceDefinition> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : services.keySet()) {
            if (wanted.contains(name)) {
                visit(name, wanted, done, ordered);
            }
        }
        return ordered;
    }

    /** Reverse of the start order: dependents first. */
    public List<ServiceDefinition> stopOrder(Collection<ServiceDefinition> selection) {
        List<ServiceDefinition> order = new ArrayList<>(startOrder(selection));
        java.util.Collections.reverse(order);
        return order;
    }

    private void visit(String name, Set<String> wanted, Set<String> done, List<ServiceDefinition> out) {
        if (!done.add(name)) {
            return;
        }
        ServiceDefinition d = services.get(name);
        for (Dependency dep : d.dependsOn()) {
            if (wanted.contains(dep.service())) {
                visit(dep.service(), wanted, done, out);
            }
        }
        out.add(d);
    }

    private CatalogException unknown(String name) {
        return new CatalogException("Unknown service '" + name + "'. Valid names: "
                + String.join(", ", validNames()) + ".");
    }

    private void validate() {
        Map<String, String> portOwners = new HashMap<>();
        for (ServiceDefinition d : services.values()) {
            if (ALL.equals(d.name())) {
                throw new CatalogException("'all' is reserved and cannot name a service.");
            }
            if (d.name().contains(",") || d.name().contains(":") || d.name().isBlank()) {
                throw new CatalogException("Service name '" + d.name() + "' may not contain ',' or ':'.");
            }
            for (Environment env : Environment.values()) {
                Integer port = d.port(env);
                if (port == null) {
                    continue;
                }
                if (port < 1 || port > 65535) {
                    throw new CatalogException("Service '" + d.name() + "': " + env.id() + " port " + port
                            + " is not a valid port (1-65535).");
                }
                String owner = portOwners.put(env.id() + ":" + port, d.name());
                if (owner != null) {
                    throw new CatalogException("Services '" + owner + "' and '" + d.name() + "' both use "
                            + env.id() + " port " + port + ".");
                }
            }
            if (d.health() == HealthKind.GLADYS && (d.healthService() == null || d.healthService().isBlank())) {
                throw new CatalogException("Service '" + d.name() + "': health kind 'gladys' needs <healthService>"
                        + " (the gRPC service that carries GetHealth, e.g. gladys.memory.MemoryStorage).");
            }
            if (d.group() != null && !d.group().isBlank()) {
                groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d.name());
            }
        }
        for (ServiceDefinition d : services.values()) {
            for (String alias : d.aliases()) {
                if (services.containsKey(alias) || groups.containsKey(alias) || ALL.equals(alias)) {
                    throw new CatalogException("Alias '" + alias + "' of service '" + d.name()
                            + "' is already the name of a service or group.");
                }
                String previous = aliases.put(alias, d.name());
                if (previous != null) {
                    throw new CatalogException("Alias '" + alias + "' is given to both '" + previous + "' and '"
                            + d.name() + "'.");
                }
            }
            for (Dependency dep : d.dependsOn()) {
                if (!services.containsKey(dep.service())) {
                    throw new CatalogException("Service '" + d.name() + "' depends on unknown service '"
                            + dep.service() + "'. Known services: " + String.join(", ", services.keySet()) + ".");
                }
            }
        }
        for (String group : groups.keySet()) {
            if (services.containsKey(group) || ALL.equals(group)) {
                throw new CatalogException("Group '" + group + "' has the name of a service; names must be unique.");
            }
        }
        checkCycles();
    }

    private void checkCycles() {
        Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
        for (String name : services.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(name, state, path)) {
                throw new CatalogException("The services depend on each other in a cycle: " + String.join(" -> ", path)
                        + ".");
            }
        }
    }

    private boolean cycleFrom(String name, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return false;
        }
        path.add(name);
        if (s != null && s == 1) {
            path.subList(0, path.indexOf(name)).clear();
            return true;
        }
        state.put(name, 1);
        for (Dependency dep : services.get(name).dependsOn()) {
            if (cycleFrom(dep.service(), state, path)) {
                return true;
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
        return false;
    }
}
