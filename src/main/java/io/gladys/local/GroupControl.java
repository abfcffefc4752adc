package io.gladys.local;

import io.gladys.local.process.ProcessTable;
import io.gladys.local.runner.RunRecord;

import java.util.ArrayList;
import java.util.List;

/** The runner leads a new session and process group (setsid); a stop signals the whole group. */
final class GroupControl implements ProcessControl {

    @Override
    public String name() {
        return "groups";
    }

    @Override
    public List<String> launchPrefix() {
        return List.of(Setsid.PATH);
    }

    @Override
    public Target target(RunRecord r) {
        boolean runnerAlive = ProcessTable.alive(r.runnerPid(), r.runnerStart()).isPresent();
        boolean childAlive = r.hasChild() && ProcessTable.alive(r.childPid(), r.childStart()).isPresent();
        // the group is the runner's pid; while any verified member lives, no other group can have that id
        if (runnerAlive && ProcessTable.processGroup(r.runnerPid()).orElse(-1) == r.runnerPid()
                || childAlive && ProcessTable.processGroup(r.childPid()).orElse(-1) == r.runnerPid()) {
            return new Group(r.runnerPid());
        }
        // a run launched without a group (by the portable control): reach its processes one by one
        return PortableControl.tree(r);
    }

    private record Group(long pgid) implements Target {

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public void signal(String sig) {
            ProcessTable.signal(pgid, sig, true);
        }

        @Override
        public List<Long> alive() {
            return new ArrayList<>(ProcessTable.groupMembers(pgid));
        }
    }
}
