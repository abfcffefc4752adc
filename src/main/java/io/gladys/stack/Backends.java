package io.gladys.stack;

import io.gladys.catalog.ServiceDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which backend runs which service of a stack, and the stack's one lock. A backend is opened when a
 * service first needs it; a stack in one environment has one backend for every service.
 */
public interface Backends {

    /** The backend that runs the service. */
    StackBackend of(ServiceDefinition service);

    /** Serialises the goals of one project that change the stack; waits for the current holder. */
    StackLock lock();

    /** The lock, only if nobody holds it now. */
    Optional<StackLock> tryLock();

    /** One backend for every service, whose lock is the stack's. */
    static Backends single(StackBackend backend) {
        return placed(s -> backend, backend);
    }

    /** Each service's backend as the function says; the stack's one lock is {@code lockHolder}'s. */
    static Backends placed(Function<ServiceDefinition, StackBackend> backendOf,
                           StackBackend lockHolder) {
        return new Backends() {
            @Override
            public StackBackend of(ServiceDefinition service) {
                return backendOf.apply(service);
            }

            @Override
            public StackLock lock() {
                return lockHolder.lock();
            }

            @Override
            public Optional<StackLock> tryLock() {
                return lockHolder.tryLock();
            }
        };
    }

    /** The services grouped by the backend that runs them, each group in the order given. */
    default Map<StackBackend, List<ServiceDefinition>> byBackend(List<ServiceDefinition> services) {
        Map<StackBackend, List<ServiceDefinition>> out = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            out.computeIfAbsent(of(s), b -> new ArrayList<>()).add(s);
        }
        return out;
    }
}
