package io.gladys.docker;

import io.gladys.catalog.Environment;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackBackend;
import io.gladys.stack.StackException;
import io.gladys.stack.StackLock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker Compose environment. Managing containers is not implemented yet: every operation that
 * would need it says so instead of pretending. Goals that only talk to the services over their
 * published ports (health, cache) work in this environment already.
 */
public final class DockerBackend implements StackBackend {

    private static StackException notYet() {
        return new StackException("The docker environment cannot start, stop or inspect containers yet (not "
                + "implemented yet). Use -Dgladys.env=local, or manage the containers with docker compose; health and "
                + "cache goals work against the published docker ports.");
    }

    @Override
    public Environment environment() {
        return Environment.DOCKER;
    }

    @Override
    public ServiceStatus inspect(ServiceDefinition service) {
        throw notYet();
    }

    @Override
    public void launch(ServiceDefinition service, Map<String, String> environment) {
        throw notYet();
    }

    @Override
    public void confirmStarted(ServiceDefinition service) {
        throw notYet();
    }

    @Override
    public StopResult stop(ServiceDefinition service, Duration timeout) {
        throw notYet();
    }

    @Override
    public List<String> lastLogLines(ServiceDefinition service, int lines) {
        return List.of();
    }

    @Override
    public void logs(List<ServiceDefinition> services, int tail, boolean follow, long followUntilEpochMs,
                     java.util.function.BiConsumer<String, String> sink) {
        throw notYet();
    }

    @Override
    public StackLock lock() {
        throw notYet();
    }

    @Override
    public Optional<StackLock> tryLock() {
        return Optional.empty();
    }
}
