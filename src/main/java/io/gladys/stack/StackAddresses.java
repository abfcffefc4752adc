package io.gladys.stack;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.Catalog;
import io.gladys.catalog.DefaultCatalog;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseTarget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where each service of the stack answers in one environment, told to the services themselves, to
 * test commands (environment variables) and to the build (Maven properties).
 */
public final class StackAddresses {

    /** GLADyS's own variable names for the default services' addresses, read by its tests and services. */
    private static final Map<String, List<String>> GLADYS_NAMES = Map.of(
            DefaultCatalog.MEMORY_PYTHON, List.of("PYTHON_ADDRESS", "MEMORY_STORAGE_ADDRESS"),
            DefaultCatalog.MEMORY_RUST, List.of("RUST_ADDRESS", "SALIENCE_GATEWAY_ADDRESS"),
            DefaultCatalog.ORCHESTRATOR, List.of("ORCHESTRATOR_ADDRESS"),
            DefaultCatalog.EXECUTIVE_STUB, List.of("EXECUTIVE_ADDRESS"));

    /**
     * The variable that tells a service running on this machine where to listen besides 127.0.0.1 (when
     * services of another environment call it): comma-separated addresses.
     */
    public static final String BIND_ADDRESS = "GLADYS_BIND_ADDRESS";

    private final Catalog catalog;
    private final String environment;
    private final Function<ServiceDefinition, String> hosts;
    private final Function<ServiceDefinition, Integer> ports;
    private final DatabaseTarget database;
    private Function<ServiceDefinition, Map<String, String>> own = s -> Map.of();

    /**
     * @param environment what the services are told they run in ({@code GLADYS_ENV})
     * @param hosts       the host each service answers on, as whoever gets these addresses reaches it
     * @param ports       the port each service answers on there (null: none)
     * @param database    the stack's database, or null when there is none
     */
    public StackAddresses(Catalog catalog, String environment, Function<ServiceDefinition, String> hosts,
                          Function<ServiceDefinition, Integer> ports, DatabaseTarget database) {
        this.catalog = catalog;
        this.environment = environment;
        this.hosts = hosts;
        this.ports = ports;
        this.database = database;
    }

    /**
     * These addresses, telling each launched service some variables of its own as well (where it must
     * listen so that services of another environment reach it).
     */
    public StackAddresses withOwnVariables(Function<ServiceDefinition, Map<String, String>> variables) {
        StackAddresses a = new StackAddresses(catalog, environment, hosts, ports, database);
        a.own = variables;
        return a;
    }

    public String host(ServiceDefinition s) {
        return s.isDatabase() && database != null ? database.host() : hosts.apply(s);
    }

    public Integer port(ServiceDefinition s) {
        return s.isDatabase() && database != null ? Integer.valueOf(database.port()) : ports.apply(s);
    }

    public String address(ServiceDefinition s) {
        Integer port = port(s);
        return port == null ? null : host(s) + ":" + port;
    }

    public DatabaseTarget database() {
        return database;
    }

    /** Variables naming every service's address and the database, under both naming schemes. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("GLADYS_ENV", environment);
        for (ServiceDefinition s : catalog.services()) {
            if (s.isDatabase() || port(s) == null) {
                continue;
            }
            String key = "GLADYS_" + envName(s.name());
            v.put(key + "_HOST", host(s));
            v.put(key + "_PORT", String.valueOf(port(s)));
            v.put(key + "_ADDRESS", address(s));
            for (String legacy : GLADYS_NAMES.getOrDefault(s.name(), List.of())) {
                v.put(legacy, address(s));
            }
        }
        if (database != null) {
            v.put("DB_HOST", database.host());
            v.put("DB_PORT", String.valueOf(database.port()));
            v.put("DB_NAME", database.database());
            v.put("DB_USER", database.user());
            v.put("DB_PASSWORD", database.password().reveal());
            v.put("GLADYS_DB_HOST", database.host());
            v.put("GLADYS_DB_PORT", String.valueOf(database.port()));
            v.put("GLADYS_DB_NAME", database.database());
            v.put("GLADYS_DB_URL", database.jdbcUrl());
            v.put("GLADYS_DB_USER", database.user());
            v.put("GLADYS_DB_PASSWORD", database.password().reveal());
        }
        return v;
    }

    /** What a launched service gets: the stack's variables plus its own name and port. */
    public Map<String, String> variablesFor(ServiceDefinition s) {
        Map<String, String> v = variables();
        v.put("GLADYS_SERVICE", s.name());
        if (port(s) != null) {
            v.put("GLADYS_PORT", String.valueOf(port(s)));
        }
        v.putAll(own.apply(s));
        return v;
    }

    /** gladys.&lt;service&gt;.host/port/address and gladys.db.url, for failsafe's systemPropertyVariables. */
    public Map<String, String> mavenProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (ServiceDefinition s : catalog.services()) {
            if (port(s) == null) {
                continue;
            }
            p.put("gladys." + s.name() + ".host", host(s));
            p.put("gladys." + s.name() + ".port", String.valueOf(port(s)));
            p.put("gladys." + s.name() + ".address", address(s));
        }
        if (database != null) {
            p.put(PropertyNames.DB_URL, database.jdbcUrl());
            p.put(PropertyNames.DB_USER, database.user());
        }
        return p;
    }

    static String envName(String service) {
        return service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
