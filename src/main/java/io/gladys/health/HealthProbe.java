package io.gladys.health;

import io.gladys.catalog.ServiceDefinition;

/** Reads the health of one service at an address: probed directly, or by a process that keeps clients warm. */
public interface HealthProbe {

    /**
     * @param details ask for the details map too (GetHealthDetails) rather than the status alone
     */
    HealthResult check(ServiceDefinition service, String host, Integer port, boolean details);
}
