/**
 * Health probes of every kind a catalog entry names: gladys (GetHealth, GetHealthDetails), the standard
 * grpc.health.v1, tcp, http, none, and sql for the database ({@link io.gladys.health.HealthChecker}).
 */
package io.gladys.health;
