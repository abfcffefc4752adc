package io.gladys.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts a stack's catalog together from where its entries come from, each laid over the one before
 * by name: a built-in catalog (unless none), the project's catalog file, the pom's services. The
 * project's {@code .env} fills placeholders (the process environment wins over it) and is handed to
 * every service the plugin launches, under the service's own variables.
 *
 * @param services the merged entries, ready for {@link Catalog#of}
 * @param database the {@code <database>} values the catalogs give, by element name (the pom wins over them)
 */
public record CatalogSources(List<ServiceDefinition> services, Map<String, String> database) {

    /**
     * @param builtIn          the built-in catalog to start from, or null for none
     * @param catalogFile      the project's catalog file, or null
     * @param pom              the pom's services (partial entries)
     * @param dotEnv           the project's .env values
     * @param processEnvironment the environment of the build (wins over .env)
     */
    public static CatalogSources assemble(String builtIn, Path catalogFile, List<ServiceDefinition> pom,
                                          JavaLaunch java, Map<String, String> dotEnv,
                                          Map<String, String> processEnvironment) {
        // ${port} and ${<service>.port} are filled once the ports are known (PortPlaceholder)
        Function<String, String> variables = k -> processEnvironment.containsKey(k) ? processEnvironment.get(k)
                : dotEnv.containsKey(k) ? dotEnv.get(k) : PortPlaceholder.is(k) ? "${" + k + "}" : null;
        List<ServiceDefinition> all = new ArrayList<>();
        Map<String, String> database = new LinkedHashMap<>();
        if (builtIn != null) {
            CatalogFile c = CatalogFile.builtIn(builtIn, java, variables);
            all.addAll(c.services());
            database.putAll(c.database());
        }
        if (catalogFile != null) {
            CatalogFile c = CatalogFile.read(catalogFile, java, variables);
            all.addAll(c.services());
            database.putAll(c.database());
        }
        all.addAll(pom);
        Catalog merged = Catalog.merge(Catalog.of(List.of()), all);
        // what .env holds reaches the launched services, unless the build's environment has it already
        Map<String, String> inherited = new LinkedHashMap<>();
        dotEnv.forEach((k, v) -> {
            if (!processEnvironment.containsKey(k)) {
                inherited.put(k, v);
            }
        });
        List<ServiceDefinition> services = new ArrayList<>();
        for (ServiceDefinition s : merged.services()) {
            if (inherited.isEmpty() || s.command().isEmpty()) {
                services.add(s);
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(inherited);
            env.putAll(s.environment());
            services.add(s.toBuilder().environment(env).build());
        }
        return new CatalogSources(services, database);
    }
}
