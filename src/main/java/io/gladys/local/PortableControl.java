package io.gladys.local;

import io.gladys.local.process.ProcessTable;
import io.gladys.local.runner.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK's process handles only, no external tool: the runner is started as a plain child, and a
 * stop reaches the runner, the service and every descendant of either, collected before the first
 * signal (a process whose parent died is no longer anyone's descendant). TERM and KILL go through
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
    public List<String> launchPrefix() {
        return List.of();
    }

    @Override
    public Target target(RunRecord r) {
        return tree(r);
    }

    /** The runner and service of a record (when they are still the recorded processes) and their descendants. */
    static Target tree(RunRecord r) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        Optional<ProcessHandle> runner = ProcessTable.alive(r.runnerPid(), r.runnerStart());
        Optional<ProcessHandle> child = r.hasChild() ? ProcessTable.alive(r.childPid(), r.childStart())
                : Optional.empty();
        for (Optional<ProcessHandle> root : List.of(child, runner)) {
            root.ifPresent(h -> {
                h.descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
                found.putIfAbsent(h.pid(), h);
            });
        }
        return new Tree(new ArrayList<>(found.values()));
    }

    /** A fixed set of processes, leaves first (so a service's children are asked before its runner). */
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
