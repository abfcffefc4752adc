package io.gladys.catalog;

import java.util.Locale;

/** How a service's health is read. */
public enum HealthKind {
    /** GLADyS's own GetHealth/GetHealthDetails RPCs on the service named by healthService. */
    GLADYS,
    /** The standard grpc.health.v1.Health service. */
    GRPC,
    /** The port accepts a TCP connection. */
    TCP,
    /** An HTTP GET of healthPath answers 2xx (a web service without gRPC, e.g. a dashboard). */
    HTTP,
    /** Not checked: a running process counts as healthy. */
    NONE,
    /** A real SQL query (SELECT 1): the database entry. */
    SQL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HealthKind parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (HealthKind k : values()) {
            if (k.id().equals(v)) {
                return k;
            }
        }
        throw new CatalogException("Unknown health kind '" + value + "'. Valid kinds: gladys, grpc, tcp, http, none, sql.");
    }
}
