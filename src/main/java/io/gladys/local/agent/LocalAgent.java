package io.gladys.local.agent;

import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.common.PluginBuild;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.SchemaHistory;
import io.gladys.health.HealthProbe;
import io.gladys.health.HealthResult;
import io.gladys.health.HealthTimeouts;
import io.gladys.local.logs.LogFiles;
import io.gladys.local.process.ProcessTable;
import io.gladys.local.process.Setsid;
import io.gladys.local.state.RunRecord;
import io.gladys.stack.Pause;
import io.gladys.stack.StackException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Properties;

/**
 * A goal's handle on the agent of one state directory: whether one answers (and is of this build),
 * starting one for a launch, replacing one of another build, and the requests goals make of it.
 */
public final class LocalAgent {

    /** The agent is small: a bounded heap and quick compilation; its clients are few and idle mostly. */
    static final List<String> AGENT_JVM = List.of("-Xms8m", "-Xmx64m", "-Xss256k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=24m",
            "-XX:CICompilerCount=1", "-Xshare:auto", "-Dio.grpc.netty.shaded.io.netty.jfr.enabled=false",
            "-Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled", "-Dslf4j.internal.verbosity=ERROR");
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final Path stateDir;
    private final AgentEndpoint endpoint;
    private final AgentClient client;
    /** Requests of this build: an agent of another refuses them. */
    private final AgentClient ours;
    /** This build's hash, found at the first request that needs it (a goal that fails before never looks). */
    private final Supplier<String> build;

    public LocalAgent(Path stateDir) {
        this(stateDir, () -> PluginBuild.hash(stateDir.resolve("lib")));
    }

    /** A handle for goals of the given build (the hash {@link PluginBuild} computes for this one). */
    public LocalAgent(Path stateDir, String build) {
        this(stateDir, () -> build);
    }

    private LocalAgent(Path stateDir, Supplier<String> build) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.endpoint = new AgentEndpoint(stateDir);
        this.client = new AgentClient(endpoint);
        this.ours = new AgentClient(endpoint, build);
        this.build = build;
    }

    public AgentEndpoint endpoint() {
        return endpoint;
    }

    public AgentClient client() {
        return client;
    }

    /** The agent's hello, when an agent of this build answers (asked anew each time: a millisecond). */
    public Optional<AgentMessage> answering() {
        return client.hello().filter(this::ours);
    }

    private boolean ours(AgentMessage hello) {
        return hello.get("build").map(build.get()::equals).orElse(false);
    }

    /** Why no agent answers, for the one note a goal prints: gone, or of another build. */
    public String absence() {
        Optional<AgentMessage> other = client.hello();
        if (other.isPresent()) {
            return "the stack agent (pid " + other.get().get("pid").orElse("?") + ") runs another build of the plugin ("
                    + other.get().get("build").orElse("?") + ", this one is " + build.get() + ")";
        }
        return "the stack agent of " + stateDir + " is gone" + recordedAgent().map(pid -> " (pid " + pid + ")").orElse("");
    }

    private Optional<String> recordedAgent() {
        Properties p = RunRecord.load(endpoint.recordFile());
        return p == null ? Optional.empty() : Optional.ofNullable(p.getProperty("pid"));
    }

    /**
     * An agent of this build that answers: the running one, or one started now (replacing an agent of
     * another build first; the new one adopts what the old one supervised).
     */
    public synchronized AgentClient ensureRunning(JavaLaunch java, String control) {
        if (answering().isPresent()) {
            return client;
        }
        client.hello().ifPresent(this::replace);
        List<String> cmd = new ArrayList<>();
        if ("groups".equals(control)) {
            cmd.add(Setsid.PATH); // its own session: a terminal's Ctrl+C or the end of the build never reaches it
        }
        cmd.add(java.javaExecutable().toString());
        cmd.addAll(AGENT_JVM);
        cmd.add(StackAgent.class.getName());
        cmd.addAll(List.of("--state", stateDir.toString(), "--control", control, "--build", build.get()));
        Process p;
        try {
            Files.createDirectories(endpoint.directory());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(endpoint.errorsFile().toFile()));
            // the class path through CLASSPATH: ps shows the agent's own arguments, not hundreds of jars
            pb.environment().put("CLASSPATH", String.join(File.pathSeparator,
                    java.classpath().stream().map(Path::toString).toList()));
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new StackException("Cannot start the stack agent: " + e.getMessage(), e);
        }
        long until = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < until) {
            if (answering().isPresent()) {
                return client;
            }
            if (!p.isAlive() && answering().isEmpty()) {
                throw new StackException("The stack agent exited at once (code " + p.exitValue() + "): "
                        + String.join(" | ", LogFiles.tail(endpoint.errorsFile(), 5)));
            }
            Pause.millis(20);
        }
        p.destroyForcibly();
        throw new StackException("The stack agent did not answer within " + START_WAIT.toSeconds() + " s; see "
                + endpoint.errorsFile());
    }

    /** Ends an agent of another build (its services keep running, to be adopted). */
    private void replace(AgentMessage hello) {
        long pid = Long.parseLong(hello.get("pid").orElse("0"));
        long start = Long.parseLong(hello.get("start").orElse("0"));
        try {
            client.call(AgentMessage.request("shutdown").build(), Duration.ofSeconds(5));
        } catch (IOException e) {
            // an agent that speaks another protocol: ended by its signal below
        }
        Optional<ProcessHandle> h = ProcessTable.alive(pid, start);
        long until = System.currentTimeMillis() + 5000;
        while (h.isPresent() && h.get().isAlive() && System.currentTimeMillis() < until) {
            Pause.millis(20);
        }
        h.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroy);
    }

    /** Has the agent launch one service; the record is written once this returns. */
    public void launch(LaunchSpec spec) {
        AgentMessage answer;
        try {
            answer = ours.call(spec.toRequest(), Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new StackException("The stack agent did not take the launch of " + spec.service() + ": "
                    + e.getMessage() + ". See " + endpoint.errorsFile() + ".", e);
        }
        if (!answer.isOk()) {
            throw new StackException("The stack agent refused to launch " + spec.service() + ": "
                    + answer.get("message").orElse("(no reason given)"));
        }
    }

    /**
     * Health probes through the agent while it answers, else {@code direct}; {@code database} is what an
     * sql probe connects to.
     */
    public HealthProbe healthProbe(HealthProbe direct, HealthTimeouts timeouts, DatabaseTarget database,
                                   Runnable absent) {
        return (ServiceDefinition s, String host, Integer port, boolean details) -> {
            AgentMessage.Builder b = AgentMessage.request("health").put("service", s.name())
                    .put("kind", s.health().id()).put("health-service", s.healthService())
                    .put("health-path", s.healthPath()).put("host", host).put("port", port)
                    .put("details", details).put("connect-ms", timeouts.connect().toMillis())
                    .put("rpc-ms", timeouts.rpc().toMillis());
            if (database != null) {
                naming(b, database);
            }
            return answered(b.build(), timeouts.connect().plus(timeouts.rpc()).plusSeconds(5), absent)
                    .map(AgentHealth::of).orElseGet(() -> direct.check(s, host, port, details));
        };
    }

    /** The digest of a database's migration history through the agent (its driver is warm) while it answers. */
    public SchemaHistory.Reader schemaHistory(SchemaHistory.Reader direct, Runnable absent) {
        return target -> answered(naming(AgentMessage.request("schema-history"), target).build(), Duration.ofSeconds(30),
                absent).map(m -> m.require("digest")).orElseGet(() -> direct.digest(target));
    }

    /**
     * The agent's answer when one of this build gives an ok; else empty, after {@code absent} (the caller
     * then does the work itself).
     */
    private Optional<AgentMessage> answered(AgentMessage request, Duration timeout, Runnable absent) {
        try {
            AgentMessage m = ours.call(request, timeout);
            if (m.isOk()) {
                return Optional.of(m);
            }
        } catch (IOException | RuntimeException e) {
            // no agent, or it went away meanwhile
        }
        absent.run();
        return Optional.empty();
    }

    private static AgentMessage.Builder naming(AgentMessage.Builder b, DatabaseTarget d) {
        return b.put("db-host", d.host()).put("db-port", d.port()).put("db-name", d.database()).put("db-user", d.user())
                .put("db-password", d.password().reveal());
    }

    /** The gateway's cache calls through the agent while it answers, else {@code direct}. */
    public io.gladys.grpc.SalienceCache cache(io.gladys.grpc.SalienceCache direct, String host, int port, String label,
                                              Duration deadline, Runnable absent) {
        return new AgentCache(ours, direct, host, port, label, deadline, absent);
    }
}
