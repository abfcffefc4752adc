package io.gladys.local;

import io.gladys.local.process.Setsid;

import io.gladys.local.process.ProcessTable;
import io.gladys.local.state.RunRecord;

import java.util.ArrayList;
import java.util.List;

/** Each service leads a new session and process group (setsid); a stop signals the whole group. */
final class GroupControl implements ProcessControl {

    @Override
    public String name() {
        return "groups";
    }

    @Override
    public Target target(RunRecord r) {
        boolean childAlive = r.hasChild() && ProcessTable.alive(r.childPid(), r.childStart()).isPresent();
        // the group is the service's pid; while the verified service lives, no other group can have that id
        if (childAlive && ProcessTable.processGroup(r.childPid()).orElse(-1) == r.childPid()) {
            return new Group(r.childPid());
        }
        // a service launched without a group (by the portable control): reach its processes one by one
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
