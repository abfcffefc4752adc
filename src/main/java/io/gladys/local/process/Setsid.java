package io.gladys.local.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** util-linux's setsid: runs a program as the leader of a new session and process group. */
public final class Setsid {

    public static final String PATH = find();

    private Setsid() {
    }

    public static boolean available() {
        return PATH != null;
    }

    private static String find() {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/local/bin"}) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
