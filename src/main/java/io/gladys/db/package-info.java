/**
 * The stack's database: where it is and as whom to connect ({@link io.gladys.db.DatabaseSettings},
 * {@link io.gladys.db.DatabaseTarget}), the cluster the plugin runs itself on embedded or installed binaries
 * ({@link io.gladys.db.ManagedPostgres}), versioned migrations with Flyway ({@link io.gladys.db.Migrations},
 * {@link io.gladys.db.MigrationRun}), and the query, psql and clean goals' work. Knows nothing of
 * environments: how the database is provided is the environment's to say.
 */
package io.gladys.db;
