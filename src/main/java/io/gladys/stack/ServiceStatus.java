package io.gladys.stack;

import io.gladys.catalog.ServiceDefinition;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One service's status.
 *
 * @param pid      the service's process (or container id's short form in docker), null when none
 * @param since    when the current process started, null when not running
 * @param exitCode how it ended, when it crashed or stopped and the code is known
 * @param detail   anything else worth saying (who holds the port, why it crashed, ...)
 * @param logFile  where its output goes, when there is such a file
 */
public record ServiceStatus(ServiceDefinition service, ServiceState state, Long pid, Integer port, Instant since,
                            Integer exitCode, String detail, Path logFile) {

    public ServiceStatus withState(ServiceState s, String newDetail) {
        return new ServiceStatus(service, s, pid, port, since, exitCode, newDetail, logFile);
    }
}
