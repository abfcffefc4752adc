package io.gladys.stack;

import io.gladys.catalog.ServiceDefinition;

/**
 * Work to do once a service is healthy and before its dependents start, such as migrating the
 * database the plugin runs.
 */
@FunctionalInterface
public interface ReadinessHook {
    void serviceReady(ServiceDefinition service, boolean launchedNow);

    ReadinessHook NONE = (s, launched) -> {
    };
}
