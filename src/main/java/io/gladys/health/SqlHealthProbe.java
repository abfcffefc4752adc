package io.gladys.health;

/** Health of the database entry: a real query, answered by the db package. */
@FunctionalInterface
public interface SqlHealthProbe {
    HealthResult check();
}
