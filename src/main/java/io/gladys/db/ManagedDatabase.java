package io.gladys.db;

import java.util.List;

/** The database the plugin runs itself: a {@link ManagedPostgres} cluster with the stack's credentials. */
public final class ManagedDatabase {

    private final ManagedPostgres postgres;
    private final String user;
    private final Secret password;
    private final String database;

    public ManagedDatabase(ManagedPostgres postgres, String user, Secret password, String database) {
        this.postgres = postgres;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** Prepares the binaries and the cluster if needed, and gives the server's command line. */
    public List<String> launchCommand(int port) {
        return launchCommand(port, List.of());
    }

    /** The same, the server also listening on these addresses (services in containers call it). */
    public List<String> launchCommand(int port, List<String> alsoListenOn) {
        postgres.prepare(user, password, database);
        return postgres.serverCommand(port, alsoListenOn);
    }

    public ManagedPostgres postgres() {
        return postgres;
    }
}
