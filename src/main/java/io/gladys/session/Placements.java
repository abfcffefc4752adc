package io.gladys.session;

import io.gladys.catalog.Catalog;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.config.ConfigException;
import io.gladys.config.PropertyNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each service of a stack runs: {@code gladys.environments} for this run, else its catalog entry's
 * {@code <environment>}, else the stack's environment ({@code gladys.env}).
 */
final class Placements {

    private Placements() {
    }

    /** The catalog with every service's environment set. */
    static Catalog place(Catalog catalog, Environment fallback, List<StackConfig.Placement> placements) {
        Map<String, Environment> given = new LinkedHashMap<>();
        Map<String, String> givenBy = new LinkedHashMap<>();
        for (StackConfig.Placement p : placements) {
            List<ServiceDefinition> named;
            try {
                named = catalog.resolve(p.selection());
            } catch (CatalogException e) {
                throw new ConfigException(PropertyNames.ENVIRONMENTS + ": " + e.getMessage());
            }
            for (ServiceDefinition s : named) {
                Environment before = given.put(s.name(), p.environment());
                if (before != null && before != p.environment()) {
                    throw new ConfigException(PropertyNames.ENVIRONMENTS + " gives " + s.name() + " two environments: "
                            + before.id() + " (" + givenBy.get(s.name()) + ") and " + p.environment().id() + " ("
                            + p.selection() + "). Give one.");
                }
                givenBy.put(s.name(), p.selection());
            }
        }
        List<ServiceDefinition> out = new ArrayList<>();
        for (ServiceDefinition s : catalog.services()) {
            Environment env = given.getOrDefault(s.name(), s.runsIn() != null ? s.runsIn() : fallback);
            out.add(env == s.runsIn() ? s : s.toBuilder().runsIn(env).build());
        }
        return Catalog.of(out);
    }
}
