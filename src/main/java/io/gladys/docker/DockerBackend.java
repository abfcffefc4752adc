package io.gladys.docker;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.Catalog;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.Environment;
import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.stack.Console;
import io.gladys.stack.EnvironmentPolicy;
import io.gladys.stack.ProjectLock;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.stack.StackBackend;
import io.gladys.stack.StackException;
import io.gladys.stack.StackLock;
import io.gladys.sync.ImageFreshness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Docker Compose environment. Compose creates the containers (build, networks, volumes, env files);
 * everything else goes through the engine's API: state, exit codes, health, stop, logs. A catalog
 * service is its Compose service's container, found by the project's Compose labels.
 */
public final class DockerBackend implements StackBackend, AutoCloseable {

    /** The name containers reach this machine by (services that run as local processes). */
    public static final String HOST_FROM_CONTAINERS = "host.docker.internal";

    /** Exit codes of a container that was asked to stop (0, SIGINT, SIGTERM): stopped, not crashed. */
    private static final Set<Integer> STOP_CODES = Set.of(0, 130, 143);

    private final DockerSettings settings;
    private final Function<Catalog, GeneratedProject> generatedFor;
    private GeneratedProject generated;
    /** The stack's catalog as adapted: where each service runs (a dependency may run elsewhere). */
    private volatile Catalog catalog = Catalog.of(List.of());
    private final String project;
    private final Supplier<ContainerEngine> engineFactory;
    private final ProjectLock lock;
    private final Console console;
    private final EnvironmentPolicy policy;
    private final DockerEndpoint endpoint;
    private final Object composeRuns = new Object();
    private volatile ComposeFile compose;
    private ContainerEngine engine;
    private ComposeCli cli;
    private boolean otherImagesRemoved;

    private DockerBackend(Builder b) {
        this.settings = b.settings;
        this.compose = b.compose;
        this.generatedFor = b.generated;
        this.project = b.generated != null ? b.project : b.compose == null ? null : b.compose.projectName();
        this.engineFactory = b.engine;
        this.lock = new ProjectLock(b.stateDir, "gladys docker");
        this.console = b.console == null ? Console.SILENT : b.console;
        this.policy = b.policy;
        this.endpoint = b.endpoint;
    }

    /**
     * The docker environment of a project: its own Compose file ({@link Builder#compose}) or the one the
     * plugin writes ({@link Builder#generated}).
     *
     * @param stateDir the project's state directory (the lock)
     */
    public static Builder builder(DockerSettings settings, Path stateDir) {
        return new Builder(settings, stateDir);
    }

    @Override
    public EnvironmentPolicy policy() {
        return policy;
    }

    /**
     * The project name of the reference stack: gladys.compose.project, else COMPOSE_PROJECT_NAME, else the
     * project directory's name (its Compose file lives in the state directory, whose name says nothing).
     */
    public static String referenceProjectName(DockerSettings settings, Path baseDir) {
        String env = settings.environment().get("COMPOSE_PROJECT_NAME"); // the build's, as the engine's variables
        String raw = settings.project() != null && !settings.project().isBlank() ? settings.project()
                : env != null && !env.isBlank() ? env : baseDir.toAbsolutePath().normalize().getFileName().toString();
        String name = ComposeFile.normalise(raw);
        return name.isEmpty() ? "gladys" : name;
    }

    /**
     * The Compose project of a project directory: the configured file, else the first file Compose looks
     * for; its project name from gladys.compose.project, else as Compose derives it. Empty when there is no
     * file.
     */
    public static Optional<ComposeFile> findCompose(DockerSettings settings, Path baseDir) {
        Optional<Path> file;
        if (settings.composeFile() != null) {
            Path f = baseDir.resolve(settings.composeFile());
            if (!java.nio.file.Files.isRegularFile(f)) {
                throw new DockerException("The Compose file " + f + " (" + PropertyNames.COMPOSE_FILE + ") does not exist.", null);
            }
            file = Optional.of(f);
        } else {
            file = ComposeFile.find(baseDir);
        }
        return file.map(f -> ComposeFile.read(f).withProject(settings.project()));
    }

    @Override
    public String idName() {
        return "container";
    }

    /** Containers of an engine on another host (any tcp:// one) cannot reach this machine's processes. */
    @Override
    public Optional<String> hostAddress() {
        return endpoint.tcp() ? Optional.empty() : engine().hostGatewayAddress();
    }

    public Optional<ComposeFile> compose() {
        return Optional.ofNullable(compose);
    }

    /**
     * The catalog in this project's terms: each service's docker port is the one its Compose service
     * publishes (the Compose file is the truth; a differing catalog port is reported), and every Compose
     * service the catalog does not name is added under its own name, so status, stop and logs see it.
     */
    @Override
    public Catalog adapt(Catalog catalog) {
        if (generatedFor != null) {
            generated = generatedFor.apply(catalog); // written only when a start first needs it
            this.catalog = catalog;
            return catalog;
        }
        if (compose == null) {
            this.catalog = catalog;
            return catalog;
        }
        List<ServiceDefinition> out = new ArrayList<>();
        Set<String> mapped = catalog.services().stream().map(ServiceDefinition::composeService)
                .collect(Collectors.toSet());
        Map<String, String> nameOf = new LinkedHashMap<>();
        catalog.services().forEach(s -> nameOf.put(s.composeService(), s.name()));
        for (ServiceDefinition s : catalog.services()) {
            if (s.runsIn() != null && s.runsIn() != Environment.DOCKER) {
                out.add(s); // runs elsewhere: its Compose service, if the file has one, is not started here
                continue;
            }
            Integer catalogPort = s.dockerPort();
            Integer published = compose.service(s.composeService()).flatMap(c -> publishedPort(c, catalogPort))
                    .orElse(null);
            if (published != null && !published.equals(s.dockerPort())) {
                if (s.dockerPort() != null) {
                    console.warn("Service '" + s.name() + "': the Compose file publishes port " + published
                            + ", the catalog says <dockerPort>" + s.dockerPort() + "; using " + published
                            + " (the Compose file is the truth).");
                }
                s = s.toBuilder().dockerPort(published).build();
            }
            out.add(s);
        }
        Set<String> names = catalog.services().stream().map(ServiceDefinition::name).collect(Collectors.toSet());
        for (ComposeFile.Service c : compose.services()) {
            if (mapped.contains(c.name())) {
                continue;
            }
            String name = names.contains(c.name()) ? c.name() + "-compose" : c.name();
            nameOf.put(c.name(), name);
            Integer port = c.ports().isEmpty() ? null : c.ports().get(0).published();
            out.add(ServiceDefinition.builder(name).composeService(c.name())
                    .description("Compose service " + c.name() + " (not in the catalog)")
                    .dockerPort(port).health(port == null ? HealthKind.NONE : HealthKind.TCP).build());
        }
        // Compose's own dependencies of the services it adds, in catalog names
        List<ServiceDefinition> withDeps = new ArrayList<>();
        for (ServiceDefinition s : out) {
            if (!mapped.contains(s.composeService())) {
                List<Dependency> deps = compose.service(s.composeService()).map(ComposeFile.Service::dependsOn)
                        .orElse(List.of()).stream().filter(nameOf::containsKey)
                        .map(d -> Dependency.parse(nameOf.get(d))).toList();
                s = s.toBuilder().dependsOn(deps).build();
            }
            withDeps.add(s);
        }
        this.catalog = Catalog.of(withDeps);
        return this.catalog;
    }

    /**
     * A service of the project's own Compose file that depends on one running as a local process reaches
     * it as host.docker.internal, which a Linux engine knows only from the service's {@code extra_hosts}:
     * said before anything is launched, with what to add.
     */
    @Override
    public void checkLaunchable(List<ServiceDefinition> services) {
        List<String> problems = new ArrayList<>();
        for (ServiceDefinition s : services) {
            List<String> local = s.dependsOn().stream().map(Dependency::service).map(catalog::find)
                    .flatMap(Optional::stream).filter(d -> d.runsIn() != null && d.runsIn() != Environment.DOCKER)
                    .map(ServiceDefinition::name).toList();
            if (local.isEmpty()) {
                continue;
            }
            if (endpoint.tcp()) {
                // host.docker.internal would be the engine's host, not this machine
                problems.add(s.name() + " runs in docker on the engine " + endpoint.host() + " and depends on "
                        + String.join(", ", local) + ", which run as local processes on this machine: containers "
                        + "of an engine reached over TCP cannot call back to this machine. Run " + String.join(", ", local)
                        + " in docker too (-D" + PropertyNames.ENVIRONMENTS + "=" + String.join(",", local.stream()
                        .map(n -> n + "=docker").toList()) + "), or " + s.name() + " locally.");
                continue;
            }
            if (compose == null) {
                continue; // the plugin's own project writes extra_hosts itself
            }
            Optional<ComposeFile.Service> cs = compose.service(s.composeService());
            if (cs.isPresent() && !cs.get().knowsHost(HOST_FROM_CONTAINERS)) {
                problems.add(s.name() + " depends on " + String.join(", ", local) + ", which run as local processes: "
                        + "its Compose service '" + s.composeService() + "' needs\n      extra_hosts: [\""
                        + HOST_FROM_CONTAINERS + ":host-gateway\"]\n    and to call them at " + HOST_FROM_CONTAINERS
                        + ":<their local port> (${GLADYS_<NAME>_PORT} in " + compose.file().getFileName() + ").");
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException("Cannot start: nothing was launched.\n  " + String.join("\n  ", problems));
        }
        warnOfBindMounts(services);
    }

    /** A bind mount names a path of the engine's host: on a remote engine, not this machine's files. */
    private void warnOfBindMounts(List<ServiceDefinition> services) {
        if (!endpoint.tcp() || compose == null || generatedFor != null) {
            return;
        }
        for (ServiceDefinition s : services) {
            compose.service(s.composeService()).filter(c -> !c.bindMounts().isEmpty()).ifPresent(c -> console.warn(
                    "Service '" + s.name() + "' mounts " + String.join(", ", c.bindMounts()) + " from the host: the "
                    + "engine " + endpoint.host() + " is reached over TCP, so these are paths on the engine's host, "
                    + "not this machine's files (copy them there, or use a volume)."));
        }
    }

    /** The catalog's port when the service publishes it, else its first published port. */
    private static Optional<Integer> publishedPort(ComposeFile.Service c, Integer catalogPort) {
        if (c.ports().isEmpty()) {
            return Optional.empty();
        }
        return c.ports().stream().map(ComposeFile.Port::published).filter(p -> p.equals(catalogPort)).findFirst()
                .or(() -> Optional.of(c.ports().get(0).published()));
    }

    // ------------------------------------------------------------------------------ engine, compose

    /** The engine, opened when first needed; no engine: one clear error before anything is done. */
    private synchronized ContainerEngine engine() {
        if (engine == null) {
            ContainerEngine e = engineFactory.get();
            try {
                e.requireAvailable();
            } catch (DockerException ex) {
                e.close();
                throw namingDockerPart(ex);
            } catch (RuntimeException ex) {
                e.close();
                throw ex;
            }
            engine = e;
        }
        return engine;
    }

    /** In a stack that also runs local processes, the error says which of its services need the engine. */
    private DockerException namingDockerPart(DockerException ex) {
        List<String> here = catalog.services().stream().filter(s -> s.runsIn() == Environment.DOCKER)
                .map(ServiceDefinition::name).toList();
        if (here.isEmpty() || here.size() == catalog.services().size()) {
            return ex;
        }
        String m = ex.getMessage();
        return new DockerException(String.join(", ", here) + (here.size() == 1 ? " runs" : " run")
                + " in docker (the rest of the stack as local processes): " + Character.toLowerCase(m.charAt(0))
                + m.substring(1), ex);
    }

    /** The Compose file to run: the project's own, or the reference stack's, written now if need be. */
    private ComposeFile composeToRun() {
        if (compose == null && generatedFor != null) {
            synchronized (composeRuns) {
                if (compose == null) {
                    GeneratedProject.Written w = generated().write();
                    warnOfOpenPorts(generated().publishAddress());
                    if (generated().ensureImage(engine())) {
                        console.info("Built the reference services' image " + w.image() + ".");
                    }
                    compose = ComposeFile.read(w.composeFile()).withProject(project);
                }
            }
        }
        return requireCompose();
    }

    /** Ports published on every interface of a remote engine's host are open to its whole network. */
    private void warnOfOpenPorts(String address) {
        if (endpoint.tcp() && (address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]"))) {
            console.warn("The engine " + endpoint.host() + " is reached over TCP, so the stack's ports are published "
                    + "on every interface of its host: anyone on that host's network reaches the database and the "
                    + "services. To keep them private, publish on its loopback (-D" + PropertyNames.DOCKER_PUBLISH_ADDRESS
                    + "=127.0.0.1) and reach them through an SSH tunnel, or firewall the ports; and give the database "
                    + "a password of your own (-D" + PropertyNames.DB_PASSWORD + ").");
        }
    }

    /** The project the plugin writes, made for the catalog {@link #adapt} was given. */
    private GeneratedProject generated() {
        if (generated == null) {
            throw new IllegalStateException("adapt(catalog) makes the Compose project the plugin writes; it was not called");
        }
        return generated;
    }

    private ComposeFile requireCompose() {
        if (compose == null) {
            throw new DockerException("The docker environment needs a Compose file, and none was found: looked for "
                    + String.join(", ", ComposeFile.DEFAULT_NAMES) + ". Give one with -D" + PropertyNames.COMPOSE_FILE + "=PATH "
                    + "(or <composeFile> in the pom).", null);
        }
        return compose;
    }

    private String project() {
        return project != null ? project : requireCompose().projectName();
    }

    private synchronized ComposeCli cli() {
        if (cli == null) {
            cli = ComposeCli.detect(settings.composeCommand());
        }
        return cli;
    }

    /** The service's container: the running one if any, else the most recently started. */
    private Optional<ContainerEngine.Container> container(ServiceDefinition s) {
        return engine().containers(project(), s.composeService()).stream()
                .max(Comparator.comparing((ContainerEngine.Container c) -> c.running())
                        .thenComparing(c -> c.startedAt() == null ? Instant.EPOCH : c.startedAt()));
    }

    private List<ContainerEngine.Container> containers() {
        ContainerEngine e = engine();
        return e.containers(project());
    }

    // ------------------------------------------------------------------------------------ inspect

    @Override
    public ServiceStatus inspect(ServiceDefinition s) {
        Optional<ContainerEngine.Container> found = container(s);
        if (found.isEmpty()) {
            Optional<ContainerEngine.Container> holder = s.dockerPort() == null ? Optional.empty()
                    : engine().publishing(s.dockerPort()).filter(c -> !project().equals(c.project()));
            if (holder.isPresent()) {
                // another Compose project (another checkout's, when it is one of ours) publishes the port
                ContainerEngine.Container c = holder.get();
                return new ServiceStatus(s, ServiceState.FOREIGN, c.shortId(), s.dockerPort(), null, null,
                        "container " + c.shortId() + (c.project() == null ? ", not made by Compose"
                        : " of " + composeOrigin(c)), null, Map.of(), null);
            }
            ComposeFile cf = generatedFor != null ? null : requireCompose();
            String detail = cf == null || cf.service(s.composeService()).isPresent() ? "no container"
                    : "its Compose service '" + s.composeService() + "' is not in " + cf.file().getFileName();
            return new ServiceStatus(s, ServiceState.STOPPED, null, s.dockerPort(), null, null, detail, null,
                    Map.of(), null);
        }
        ContainerEngine.Container c = found.get();
        Integer port = c.ports().values().stream().filter(p -> p.equals(s.dockerPort())).findFirst()
                .orElse(c.ports().isEmpty() ? s.dockerPort() : c.ports().values().iterator().next());
        Map<String, String> facts = facts(s, c);
        if (c.running() && !"restarting".equals(c.status())) {
            if ("unhealthy".equals(c.health())) {
                return new ServiceStatus(s, ServiceState.UNHEALTHY, c.shortId(), port, c.startedAt(), null,
                        "its container's health check fails" + (c.healthOutput() == null || c.healthOutput().isEmpty()
                        ? "" : ": " + c.healthOutput()), null, facts, null);
            }
            String notReady = "starting".equals(c.health()) ? "its container's health check has not passed yet" : null;
            return new ServiceStatus(s, ServiceState.RUNNING, c.shortId(), port, c.startedAt(), null, null, null,
                    facts, notReady);
        }
        if ("restarting".equals(c.status())) {
            return new ServiceStatus(s, ServiceState.CRASHED, c.shortId(), port, null, c.exitCode(),
                    "exited with code " + c.exitCode() + " and is being restarted by its restart policy", null,
                    facts, null);
        }
        if ("created".equals(c.status())) {
            return new ServiceStatus(s, ServiceState.STOPPED, c.shortId(), port, null, null, "created, never started",
                    null, facts, null);
        }
        boolean crashed = c.exitCode() != null && !STOP_CODES.contains(c.exitCode()) || c.oomKilled();
        String why = c.oomKilled() ? "killed: out of memory" : "exited with code " + c.exitCode();
        return new ServiceStatus(s, crashed ? ServiceState.CRASHED : ServiceState.STOPPED, c.shortId(), port, null,
                c.exitCode(), why, null, facts, null);
    }

    /** What status shows of a container beyond the shared columns. */
    private Map<String, String> facts(ServiceDefinition s, ContainerEngine.Container c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("health", c.health() == null ? "-" : c.health());
        f.put("restarts", String.valueOf(c.restartCount()));
        f.put("ports", portsFact(c));
        f.put("image", c.image() == null ? "-" : c.image());
        f.put("freshness", imageFreshness(s));
        f.put("containerName", c.name() == null ? "-" : c.name());
        return f;
    }

    /** As docker ps shows them: where each port is published (127.0.0.1, or 0.0.0.0: every interface). */
    private static String portsFact(ContainerEngine.Container c) {
        return c.ports().isEmpty() ? "-" : c.ports().entrySet().stream()
                .map(e -> published(c.publishedOn().get(e.getKey())) + e.getValue() + "->" + e.getKey())
                .collect(Collectors.joining(","));
    }

    private static String published(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        return (address.contains(":") ? "[" + address + "]" : address) + ":";
    }

    /** sync-check's check: a built image older than the newest file of its build context is stale. */
    private String imageFreshness(ServiceDefinition s) {
        ComposeFile compose = this.compose;
        if (compose == null) {
            return "-";
        }
        Optional<ComposeFile.Service> cs = compose.service(s.composeService());
        if (cs.isEmpty() || !cs.get().built()) {
            return "-";
        }
        ComposeFile one = new ComposeFile(compose.file(), compose.projectName(), List.of(cs.get()));
        return new ComposeImages(one, engine()).images().stream().findFirst()
                .map(i -> ImageFreshness.check(i).status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .orElse("-");
    }

    /**
     * On a remote engine, a running container whose published port does not answer here is behind a
     * firewall, or a tunnel that does not forward the port, or published on an address this machine does
     * not reach: said, rather than only "not reachable".
     */
    @Override
    public Optional<String> unreachableNote(ServiceDefinition s, String host, Integer port) {
        if (!endpoint.tcp()) {
            return Optional.empty();
        }
        try {
            return container(s).filter(ContainerEngine.Container::running).map(c -> "The engine " + endpoint.host()
                    + " answers and " + s.name() + "'s container " + c.shortId() + " is running, publishing "
                    + portsFact(c) + ", but " + host + ":" + port + " does not answer from this machine: "
                    + "a firewall on the engine's host, or a tunnel that does not forward that port? Where the ports "
                    + "are reached from here: -D" + PropertyNames.DOCKER_SERVICE_HOST + "; where they are published: -D"
                    + PropertyNames.DOCKER_PUBLISH_ADDRESS + ".");
        } catch (RuntimeException e) {
            return Optional.empty(); // the engine does not answer either: the probe's own message says enough
        }
    }

    // ------------------------------------------------------------------------------------- launch

    @Override
    public void launch(ServiceDefinition s, Map<String, String> environment) {
        engine(); // no engine: say so before any Compose command runs
        ComposeFile cf = composeToRun();
        if (cf.service(s.composeService()).isEmpty()) {
            throw new StackException("Cannot start " + s.name() + ": its Compose service '" + s.composeService()
                    + "' is not in " + cf.file() + " (services there: " + cf.services().stream()
                    .map(ComposeFile.Service::name).collect(Collectors.joining(", "))
                    + "). Give it <composeService> in the pom.");
        }
        requireOwnContainerName(s, cf);
        ComposeCli c = cli();
        List<String> cmd = c.up(cf.file(), cf.projectName(), List.of(s.composeService()), settings.build());
        // one Compose run at a time: concurrent runs race to create the project's network
        Map<String, String> env = new LinkedHashMap<>(settings.environment());
        endpoint.applyTo(env); // Compose creates the containers on the engine the API calls go to
        env.putAll(environment);
        if (generatedFor != null) {
            env.putAll(generated().composeEnvironment()); // the database password, kept out of the written file
        }
        synchronized (composeRuns) {
            try {
                c.run(cmd, cf.file().toAbsolutePath().getParent(), env);
            } catch (DockerException e) {
                throw new StackException("Cannot start " + s.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A Compose file that fixes a service's container_name allows one container of that name on the
     * engine: a second checkout (another project) cannot start it. Said before Compose runs, with the
     * checkout that has it and how to give each its own names.
     */
    private void requireOwnContainerName(ServiceDefinition s, ComposeFile cf) {
        Optional<String> fixed = cf.service(s.composeService()).map(ComposeFile.Service::containerName);
        if (fixed.isEmpty()) {
            return;
        }
        Optional<ContainerEngine.Container> holder = engine().byName(fixed.get());
        if (holder.isEmpty() || cf.projectName().equals(holder.get().project())) {
            return;
        }
        ContainerEngine.Container other = holder.get();
        throw new StackException("Cannot start " + s.name() + ": " + cf.file().getFileName() + " fixes its container "
                + "name (container_name: " + fixed.get() + "), and a container of that name already exists ("
                + other.shortId() + ", " + other.status() + (other.project() == null ? ", not made by Compose"
                : ", " + composeOrigin(other)) + "). Only one checkout at a time can run a service with a fixed "
                + "name. Stop the other one (mvn gladys:stop -D" + PropertyNames.DOCKER_DOWN + "=true there), or give each "
                + "checkout its own names: remove container_name from " + s.composeService() + ", or make it "
                + "\"${COMPOSE_PROJECT_NAME:-gladys}-" + s.composeService() + "\" and set " + PropertyNames.COMPOSE_PROJECT + " per checkout.");
    }

    @Override
    public void confirmStarted(ServiceDefinition service) {
        // a container outlives the start by design: nothing to confirm; the reference stack's old images go
        synchronized (composeRuns) {
            if (generatedFor != null && !otherImagesRemoved) {
                otherImagesRemoved = true;
                List<String> removed = generated().removeOtherImages(engine());
                if (!removed.isEmpty()) {
                    console.info("Removed images of earlier plugin builds: " + String.join(", ", removed));
                }
            }
        }
    }

    // --------------------------------------------------------------------------------------- stop

    @Override
    public StopResult stop(ServiceDefinition s, Duration timeout) {
        Optional<ContainerEngine.Container> found = container(s);
        if (found.isEmpty() || !found.get().running()) {
            Integer code = found.map(ContainerEngine.Container::exitCode).orElse(null);
            return new StopResult(false, false, code, Duration.ZERO, code == null ? null : "exit code " + code);
        }
        Instant t0 = Instant.now();
        engine().stop(found.get().id(), timeout);
        Duration took = Duration.between(t0, Instant.now());
        Integer code = engine().inspect(found.get().id()).map(ContainerEngine.Container::exitCode).orElse(null);
        boolean forced = code != null && code == 137 && took.compareTo(timeout) >= 0;
        if (forced) {
            console.warn(s.name() + " did not stop within " + timeout.toSeconds() + " s; the engine killed it.");
        }
        return new StopResult(true, forced, code, took, null);
    }

    /** With gladys.docker.down: the stopped services' containers go, and the network once none is left. */
    @Override
    public void afterStop(List<ServiceDefinition> stopped) {
        if (!settings.down() || project == null && compose == null) {
            return;
        }
        Set<String> services = stopped.stream().map(ServiceDefinition::composeService).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        for (ContainerEngine.Container c : containers()) {
            if (services.contains(c.service())) {
                engine().stop(c.id(), Duration.ofSeconds(10));
                engine().remove(c.id(), settings.removeVolumes());
                removed.add(c.service());
            }
        }
        if (!removed.isEmpty()) {
            console.info("Removed the containers of " + String.join(", ", removed) + " (" + PropertyNames.DOCKER_DOWN + ").");
        }
        if (containers().isEmpty()) {
            engine().removeProjectResources(project(), settings.removeVolumes());
            console.info("Removed the network" + (settings.removeVolumes() ? "s and volumes" : "s")
                    + " of Compose project " + project() + ".");
        }
    }

    // --------------------------------------------------------------------------------------- logs

    @Override
    public List<String> lastLogLines(ServiceDefinition s, int lines) {
        return container(s).map(c -> engine().lastLines(c.id(), lines)).orElse(List.of());
    }

    @Override
    public void logs(List<ServiceDefinition> services, int tail, boolean follow, long followUntilEpochMs,
                     BiConsumer<String, String> sink) throws InterruptedException {
        Map<ServiceDefinition, String> ids = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            container(s).ifPresent(c -> ids.put(s, c.id()));
        }
        BiConsumer<String, String> one = (name, line) -> {
            synchronized (sink) {
                sink.accept(name, line);
            }
        };
        if (!follow) {
            for (var e : ids.entrySet()) {
                engine().logs(e.getValue(), tail, false, 0, (stream, line) -> one.accept(e.getKey().name(), line));
            }
            return;
        }
        // one stream per container, interleaved as lines come; each ends when its container stops
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (var e : ids.entrySet()) {
            Thread t = new Thread(() -> {
                try {
                    engine().logs(e.getValue(), tail, true, followUntilEpochMs,
                            (stream, line) -> one.accept(e.getKey().name(), line));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException ex) {
                    failures.add(ex);
                }
            }, "gladys-logs-" + e.getKey().name());
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
        try {
            for (Thread t : readers) {
                t.join();
            }
        } finally {
            readers.forEach(Thread::interrupt);
        }
        if (!failures.isEmpty()) {
            throw new StackException("Reading the logs failed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }

    // --------------------------------------------------------------------------------------- lock

    @Override
    public StackLock lock() {
        return lock.lock(holder -> console.info("Waiting for " + holder + " to finish with the stack of this project ..."));
    }

    @Override
    public Optional<StackLock> tryLock() {
        return lock.tryLock();
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Builder: settings and state directory are required, an engine and a project to run too. */
    public static final class Builder {
        private final DockerSettings settings;
        private final Path stateDir;
        private ComposeFile compose;
        private Function<Catalog, GeneratedProject> generated;
        private String project;
        private Supplier<ContainerEngine> engine;
        private DockerEndpoint endpoint;
        private EnvironmentPolicy policy;
        private Console console;

        private Builder(DockerSettings settings, Path stateDir) {
            this.settings = settings;
            this.stateDir = stateDir;
        }

        /** The project's own Compose project (its file and project name); null when none was found. */
        public Builder compose(ComposeFile v) { compose = v; return this; }

        /**
         * No Compose file: the project the plugin writes (and whose image it builds) when a start first
         * needs it, under this Compose project name, made for the catalog that {@link #adapt} is given.
         */
        public Builder generated(Function<Catalog, GeneratedProject> v, String projectName) {
            generated = v;
            project = projectName;
            return this;
        }

        /** Opens the engine, asked once, when a goal first needs it (default: the endpoint's, through docker-java). */
        public Builder engine(Supplier<ContainerEngine> v) { engine = v; return this; }
        /** The engine Compose and the API go to (default: the one the settings name, as the docker CLI finds it). */
        public Builder endpoint(DockerEndpoint v) { endpoint = v; return this; }
        /** The environment's rules (default: those of a project without a Compose file, on localhost). */
        public Builder policy(EnvironmentPolicy v) { policy = v; return this; }
        public Builder console(Console v) { console = v; return this; }

        public DockerBackend build() {
            if (endpoint == null) {
                endpoint = settings.endpoint();
            }
            if (engine == null) {
                DockerEndpoint e = endpoint;
                engine = () -> new DockerEngine(e);
            }
            if (policy == null) {
                policy = new DockerPolicy(compose != null, "localhost", io.gladys.db.DatabaseSettings.builder().build());
            }
            return new DockerBackend(this);
        }
    }

    /** Which Compose project made a container, and where it was run from when Compose recorded it. */
    private static String composeOrigin(ContainerEngine.Container c) {
        return "Compose project '" + c.project() + "'" + (c.workingDir() == null ? "" : " in " + c.workingDir());
    }
}
