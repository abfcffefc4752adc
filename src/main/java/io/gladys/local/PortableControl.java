package io.gladys.local;

import io.gladys.local.process.ProcessTable;
import io.gladys.local.state.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK's process handles only, no external tool: a service is started as a plain child of the
 * agent, and a stop reaches the service, every descendant of it, and what the agent saw it spawn,
 * collected before the first signal (a process whose parent died is no longer anyone's descendant). TERM and KILL go through
 * {@link ProcessHandle#destroy()} and {@link ProcessHandle#destroyForcibly()}, which check the
 * process's start time, so a reused pid is never hit; other signals through {@code kill} where it exists.
 * On Windows both end the process at once (TerminateProcess): there is no graceful stop there yet.
 */
final class PortableControl implements ProcessControl {

    @Override
    public String name() {
        return "portable";
    }

    @Override
    public Target target(RunRecord r) {
        return tree(r);
    }

    /** The service of a record (when it is still the recorded process), its descendants, and its recorded tree. */
    static Target tree(RunRecord r) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        Optional<ProcessHandle> child = r.hasChild() ? ProcessTable.alive(r.childPid(), r.childStart())
                : Optional.empty();
        child.ifPresent(h -> {
            h.descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
            found.putIfAbsent(h.pid(), h);
        });
        return new Tree(new ArrayList<>(found.values()));
    }

    /** A fixed set of processes, leaves first (so a service's children are asked before the service). */
    record Tree(List<ProcessHandle> processes) implements Target {

        @Override
        public boolean isEmpty() {
            return processes.isEmpty();
        }

        @Override
        public void signal(String sig) {
            for (ProcessHandle h : processes) {
                ProcessTable.signal(h, sig);
            }
        }

        @Override
        public List<Long> alive() {
            return processes.stream().filter(ProcessTable::alive).map(ProcessHandle::pid).toList();
        }
    }
}
