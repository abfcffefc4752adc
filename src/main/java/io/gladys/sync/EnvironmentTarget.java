package io.gladys.sync;

import io.gladys.config.PropertyNames;
import io.gladys.db.DatabaseTarget;

import java.util.Locale;

/**
 * One environment whose database migrations are checked.
 *
 * @param environment        environment id ({@code local}, {@code docker})
 * @param label              how the report names it ("Local DB")
 * @param database           its database, or null when the environment has none configured
 * @param migrationsLocation the Flyway location of the migration files ({@code filesystem:/...})
 * @param startCommand       the command that starts its database, shown when it does not answer
 * @param migrateCommand     the command that applies pending migrations
 */
public record EnvironmentTarget(String environment, String label, DatabaseTarget database, String migrationsLocation,
                                String startCommand, String migrateCommand) {

    /**
     * An environment with the plugin's own commands ({@code mvn gladys:start -Dservice=db}, {@code mvn
     * gladys:migrate}), each with {@code flag}: what addresses the environment on a command line ("" for the
     * default one, " -Dgladys.env=docker").
     */
    public static EnvironmentTarget of(String environment, String flag, DatabaseTarget database,
                                       String migrationsLocation) {
        String label = environment.isEmpty() ? "DB"
                : environment.substring(0, 1).toUpperCase(Locale.ROOT) + environment.substring(1) + " DB";
        return new EnvironmentTarget(environment, label, database, migrationsLocation,
                "mvn gladys:start -D" + PropertyNames.SERVICE_SHORT + "=db" + flag, "mvn gladys:migrate" + flag);
    }
}
