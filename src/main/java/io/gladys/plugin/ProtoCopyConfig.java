package io.gladys.plugin;

import java.io.File;
import java.util.List;

/** A {@code <protoCopy>} of sync-check: a directory that holds copies of the canonical protos. */
public class ProtoCopyConfig {
    /** where the copies live (searched recursively) */
    File directory;
    /** the protos expected there, by file name; none given: every canonical proto */
    List<String> protos;
}
