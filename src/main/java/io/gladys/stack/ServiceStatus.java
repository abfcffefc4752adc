package io.gladys.stack;

import io.gladys.catalog.ServiceDefinition;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One service's status, in terms every environment shares.
 *
 * @param id       what the environment knows the running service by (a pid, a container id), null when none
 * @param since    when the current process started, null when not running
 * @param exitCode how it ended, when it crashed or stopped and the code is known
 * @param detail   anything else worth saying (who holds the port, why it crashed, ...)
 * @param logFile  where its output goes, when there is such a file
 * @param facts    what only this environment knows (a container's health, image, ...), in report order
 * @param notReady why the environment does not count the service as ready yet although it runs (a container
 *                 whose own health check has not passed yet), null when it has nothing against it
 */
public record ServiceStatus(ServiceDefinition service, ServiceState state, String id, Integer port, Instant since,
                            Integer exitCode, String detail, Path logFile, Map<String, String> facts,
                            String notReady) {

    public ServiceStatus {
        facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    public ServiceStatus(ServiceDefinition service, ServiceState state, String id, Integer port, Instant since,
                         Integer exitCode, String detail, Path logFile) {
        this(service, state, id, port, since, exitCode, detail, logFile, Map.of(), null);
    }

    public ServiceStatus withState(ServiceState s, String newDetail) {
        return new ServiceStatus(service, s, id, port, since, exitCode, newDetail, logFile, facts, notReady);
    }
}
