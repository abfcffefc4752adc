package io.gladys.plugin;

import java.io.File;
import java.util.Map;

/** The {@code <database>} of the pom. Element names are part of the user contract. */
public class DatabaseConfig {
    /** The plugin runs the database itself (local only). Default: when no host is given. */
    Boolean embedded;
    String host;
    Integer localPort;
    Integer dockerPort;
    String name;
    String user;
    String password;
    /** A settings.xml server whose username and password are used (default gladys-db, when it exists). */
    String serverId;
    File migrations;
    Boolean migrateOnStart;
    /** target name to comma-separated table names */
    Map<String, String> cleanTargets;
    /** Version of the embedded PostgreSQL binaries (io.zonky.test.postgres artifacts). */
    String version;
    /**
     * An installed PostgreSQL (the directory holding bin/initdb and bin/postgres) that runs the
     * managed cluster instead of the embedded binaries, with the extensions installed into it.
     */
    File installation;
}
