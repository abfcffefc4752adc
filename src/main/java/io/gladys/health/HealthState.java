package io.gladys.health;

/** A service's health as the reports show it (GLADyS's HealthStatus, also used for the other kinds). */
public enum HealthState {
    UNKNOWN,
    HEALTHY,
    UNHEALTHY,
    DEGRADED
}
