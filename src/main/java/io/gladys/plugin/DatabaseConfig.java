package io.gladys.plugin;

import java.io.File;
import java.nio.file.Path;
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

    /** set when the password came from a catalog, not from the pom (a settings.xml server then wins) */
    boolean passwordFromCatalog;

    /** This configuration with the elements it leaves unset taken from a catalog's {@code <database>}. */
    DatabaseConfig withDefaults(Map<String, String> catalog, Path basedir) {
        DatabaseConfig c = new DatabaseConfig();
        c.embedded = embedded != null ? embedded : bool(catalog.get("embedded"));
        c.host = host != null ? host : catalog.get("host");
        c.localPort = localPort;
        c.dockerPort = dockerPort;
        c.name = name != null ? name : catalog.get("name");
        c.user = user != null ? user : catalog.get("user");
        c.password = password != null ? password : catalog.get("password");
        c.passwordFromCatalog = password == null && catalog.get("password") != null;
        c.serverId = serverId != null ? serverId : catalog.get("serverId");
        c.migrations = migrations != null ? migrations : file(catalog.get("migrations"), basedir);
        c.migrateOnStart = migrateOnStart != null ? migrateOnStart : bool(catalog.get("migrateOnStart"));
        c.cleanTargets = cleanTargets;
        c.version = version != null ? version : catalog.get("version");
        c.installation = installation != null ? installation : file(catalog.get("installation"), basedir);
        c.schema = schema != null ? schema : file(catalog.get("schema"), basedir);
        c.extensions = extensions != null ? extensions : catalog.get("extensions") == null ? null
                : List.of(catalog.get("extensions").split("\\s*,\\s*"));
        c.recursive = recursive != null ? recursive : bool(catalog.get("recursive"));
        return c;
    }

    private static Boolean bool(String v) {
        return v == null ? null : Boolean.parseBoolean(v.trim());
    }

    private static File file(String v, Path basedir) {
        return v == null ? null : basedir.resolve(v).toFile();
    }
}
