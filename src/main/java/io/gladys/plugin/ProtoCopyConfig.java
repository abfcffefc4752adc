package io.gladys.plugin;

import io.gladys.sync.CopyLocation;
import io.gladys.sync.SyncException;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** A {@code <protoCopy>} of sync-check: a directory that holds copies of the canonical protos. */
public class ProtoCopyConfig {
    /** where the copies live (searched recursively) */
    File directory;
    /** the protos expected there, by file name; none given: every canonical proto */
    List<String> protos;

    /** The location sync-check compares, relative to the project; a copy without a directory is refused. */
    CopyLocation toLocation(Path base) {
        if (directory == null) {
            throw new SyncException("A <protoCopies><protoCopy> has no <directory>: give the directory that "
                    + "holds the copies" + (protos == null ? "" : " of " + String.join(", ", protos)) + ".", null);
        }
        return new CopyLocation(base.resolve(directory.toPath()), protos == null ? List.of() : protos);
    }
}
