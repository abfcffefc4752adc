package io.gladys.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the service catalog. Any field may be unset in a partial definition given in a pom;
 * {@link #mergedWith(ServiceDefinition)} lays such a partial definition over a default one.
 */
public final class ServiceDefinition {

    /** Name of the catalog entry that stands for the database. */
    public static final String DATABASE = "db";

    private final String name;
    private final String description;
    private final String group;
    private final List<String> aliases;
    private final Integer localPort;
    private final Integer dockerPort;
    /** The service cannot be told another port: port offsets and dynamic ports leave it where it is. */
    private final Boolean fixedPort;
    private final List<String> command;
    private final String workingDirectory;
    private final Map<String, String> environment;
    private final String composeService;
    private final List<Dependency> dependsOn;
    private final HealthKind health;
    private final String healthService;
    private final Duration startTimeout;
    private final String stopSignal;
    private final List<String> stopCommand;
    private final String healthPath;
    /** The environment the service runs in when it names one; null: the stack's ({@code gladys.env}). */
    private final Environment runsIn;
    /** Local environment: whether the service is restarted when it ends by itself. */
    private final RestartPolicy restart;

    private ServiceDefinition(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.group = b.group;
        this.aliases = b.aliases == null ? null : List.copyOf(b.aliases);
        this.localPort = b.localPort;
        this.dockerPort = b.dockerPort;
        this.fixedPort = b.fixedPort;
        this.command = b.command == null ? null : List.copyOf(b.command);
        this.workingDirectory = b.workingDirectory;
        this.environment = b.environment == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.composeService = b.composeService;
        this.dependsOn = b.dependsOn == null ? null : List.copyOf(b.dependsOn);
        this.health = b.health;
        this.healthService = b.healthService;
        this.startTimeout = b.startTimeout;
        this.stopSignal = b.stopSignal;
        this.stopCommand = b.stopCommand == null ? null : List.copyOf(b.stopCommand);
        this.healthPath = b.healthPath;
        this.runsIn = b.runsIn;
        this.restart = b.restart;
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description == null ? "" : description;
    }

    public String group() {
        return group;
    }

    public List<String> aliases() {
        return aliases == null ? List.of() : aliases;
    }

    /** The port in the given environment, or null when the service has none there. */
    public Integer port(Environment env) {
        return env == Environment.DOCKER ? dockerPort : localPort;
    }

    /** This definition with another port in the given environment. */
    public ServiceDefinition withPort(Environment env, Integer port) {
        return env == Environment.DOCKER ? toBuilder().dockerPort(port).build() : toBuilder().localPort(port).build();
    }

    public Integer localPort() {
        return localPort;
    }

    public Integer dockerPort() {
        return dockerPort;
    }

    /** Whether the service listens on its catalog port whatever it is told (no offset, no dynamic port). */
    public boolean fixedPort() {
        return Boolean.TRUE.equals(fixedPort);
    }

    /** The local launch command as an argument list; empty when the service cannot be launched locally. */
    public List<String> command() {
        return command == null ? List.of() : command;
    }

    public String workingDirectory() {
        return workingDirectory;
    }

    public Map<String, String> environment() {
        return environment == null ? Map.of() : environment;
    }

    public String composeService() {
        return composeService == null ? name : composeService;
    }

    public List<Dependency> dependsOn() {
        return dependsOn == null ? List.of() : dependsOn;
    }

    public HealthKind health() {
        if (health != null) {
            return health;
        }
        if (isDatabase()) {
            return HealthKind.SQL;
        }
        // a service that names its GLADyS health service uses it; any other gRPC server the standard one
        return healthService != null ? HealthKind.GLADYS : HealthKind.GRPC;
    }

    public String healthService() {
        return healthService;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /** The signal that asks the service to stop gracefully (TERM unless the service wants another). */
    public String stopSignal() {
        return stopSignal == null ? "TERM" : stopSignal;
    }

    /**
     * The local command that asks the service to stop, run in its working directory instead of sending
     * the stop signal (where the platform has no signals, or the service documents a stop command);
     * empty when none is configured.
     */
    public List<String> stopCommand() {
        return stopCommand == null ? List.of() : stopCommand;
    }

    /** The path an {@code http} health probe GETs (default "/"). */
    public String healthPath() {
        return healthPath == null ? "/" : healthPath;
    }

    /**
     * The environment the service runs in when it names one ({@code <environment>}); null: the stack's.
     * Not to be confused with {@link #environment()}, its environment variables.
     */
    public Environment runsIn() {
        return runsIn;
    }

    /** Whether the local environment restarts the service when it ends by itself ({@link RestartPolicy#NO}). */
    public RestartPolicy restart() {
        return restart == null ? RestartPolicy.NO : restart;
    }

    public boolean isDatabase() {
        return DATABASE.equals(name);
    }

    /** This definition with every field that {@code override} sets replaced by the override's value. */
    public ServiceDefinition mergedWith(ServiceDefinition override) {
        Builder b = toBuilder();
        if (override.description != null) b.description = override.description;
        if (override.group != null) b.group = override.group;
        if (override.aliases != null) b.aliases = override.aliases;
        if (override.localPort != null) b.localPort = override.localPort;
        if (override.dockerPort != null) b.dockerPort = override.dockerPort;
        if (override.fixedPort != null) b.fixedPort = override.fixedPort;
        if (override.command != null) b.command = override.command;
        if (override.workingDirectory != null) b.workingDirectory = override.workingDirectory;
        if (override.environment != null) {
            // environment variables are merged key by key: the pom adds to or replaces the default's
            Map<String, String> env = new LinkedHashMap<>(environment());
            env.putAll(override.environment);
            b.environment = env;
        }
        if (override.composeService != null) b.composeService = override.composeService;
        if (override.dependsOn != null) b.dependsOn = override.dependsOn;
        if (override.health != null) b.health = override.health;
        if (override.healthService != null) b.healthService = override.healthService;
        if (override.startTimeout != null) b.startTimeout = override.startTimeout;
        if (override.stopSignal != null) b.stopSignal = override.stopSignal;
        if (override.stopCommand != null) b.stopCommand = override.stopCommand;
        if (override.healthPath != null) b.healthPath = override.healthPath;
        if (override.runsIn != null) b.runsIn = override.runsIn;
        if (override.restart != null) b.restart = override.restart;
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.group = group;
        b.aliases = aliases;
        b.localPort = localPort;
        b.dockerPort = dockerPort;
        b.fixedPort = fixedPort;
        b.command = command;
        b.workingDirectory = workingDirectory;
        b.environment = environment;
        b.composeService = composeService;
        b.dependsOn = dependsOn;
        b.health = health;
        b.healthService = healthService;
        b.startTimeout = startTimeout;
        b.stopSignal = stopSignal;
        b.stopCommand = stopCommand;
        b.healthPath = healthPath;
        b.runsIn = runsIn;
        b.restart = restart;
        return b;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceDefinition other && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    /** Builder; every field is optional except the name. */
    public static final class Builder {
        private String name;
        private String description;
        private String group;
        private List<String> aliases;
        private Integer localPort;
        private Integer dockerPort;
        private Boolean fixedPort;
        private List<String> command;
        private String workingDirectory;
        private Map<String, String> environment;
        private String composeService;
        private List<Dependency> dependsOn;
        private HealthKind health;
        private String healthService;
        private Duration startTimeout;
        private String stopSignal;
        private List<String> stopCommand;
        private String healthPath;
        private Environment runsIn;
        private RestartPolicy restart;

        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder aliases(List<String> v) { aliases = v == null ? null : new ArrayList<>(v); return this; }
        public Builder localPort(Integer v) { localPort = v; return this; }
        public Builder dockerPort(Integer v) { dockerPort = v; return this; }
        public Builder fixedPort(Boolean v) { fixedPort = v; return this; }
        public Builder command(List<String> v) { command = v == null ? null : new ArrayList<>(v); return this; }
        public Builder workingDirectory(String v) { workingDirectory = v; return this; }
        public Builder environment(Map<String, String> v) { environment = v == null ? null : new LinkedHashMap<>(v); return this; }
        public Builder composeService(String v) { composeService = v; return this; }
        public Builder dependsOn(List<Dependency> v) { dependsOn = v == null ? null : new ArrayList<>(v); return this; }
        public Builder health(HealthKind v) { health = v; return this; }
        public Builder healthService(String v) { healthService = v; return this; }
        public Builder startTimeout(Duration v) { startTimeout = v; return this; }
        public Builder stopSignal(String v) { stopSignal = v; return this; }
        public Builder stopCommand(List<String> v) { stopCommand = v == null ? null : new ArrayList<>(v); return this; }
        public Builder healthPath(String v) { healthPath = v; return this; }
        public Builder runsIn(Environment v) { runsIn = v; return this; }
        public Builder restart(RestartPolicy v) { restart = v; return this; }

        public ServiceDefinition build() {
            return new ServiceDefinition(this);
        }
    }
}
