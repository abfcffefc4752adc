package io.gladys.plugin;

import io.gladys.session.DatabaseParameters;

import java.io.File;
import java.util.List;
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
    /**
     * A schema file (the final state of earlier migrations) that a database without history gets as
     * its baseline, before the numbered migrations.
     */
    File schema;
    /** Extensions the schema needs, created first (as a superuser). */
    List<String> extensions;
    /** Apply migrations in subdirectories of {@code migrations} too (default: only the files directly in it). */
    Boolean recursive;
    /** The environment the database runs in (local, docker); default: the stack's (gladys.env). */
    String environment;

    /** The same values, for the Maven-free configuration. */
    DatabaseParameters toParameters() {
        return DatabaseParameters.builder().embedded(embedded).host(host).localPort(localPort).dockerPort(dockerPort)
                .name(name).user(user).password(password).serverId(serverId)
                .migrations(migrations == null ? null : migrations.toPath()).migrateOnStart(migrateOnStart)
                .cleanTargets(cleanTargets).version(version)
                .installation(installation == null ? null : installation.toPath())
                .schema(schema == null ? null : schema.toPath()).extensions(extensions).recursive(recursive)
                .environment(environment).build();
    }
}
