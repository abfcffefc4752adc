package io.gladys.local.agent;

import io.gladys.local.logs.LogFiles;
import io.gladys.local.logs.LogFollower;
import io.gladys.local.logs.LogRotation;
import io.gladys.local.process.ProcessTable;
import io.gladys.local.state.RunRecord;
import io.gladys.local.state.StateDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stack agent: one process per local stack, started by the first launch of a start. It supervises
 * every local service of the stack ({@link SupervisedService}), rotates their logs, and answers the
 * goals on a Unix domain socket ({@link AgentEndpoint}) in the protocol of {@link AgentMessage}. It
 * exits once the stack's last local service has ended; services never depend on it to run or to log.
 *
 * <pre>StackAgent --state DIR --control groups|portable --build HASH</pre>
 *
 * Requests: {@code hello}, {@code launch}, {@code status}, {@code health}, {@code cache} (the gateway's calls),
 * {@code logs} (tail, follow), {@code shutdown} (the agent leaves; its services keep running).
 */
public final class StackAgent {

    /** Connections served at once; more are closed at once (a client that never reads holds one). */
    static final int MAX_CONNECTIONS = 32;
    /** How long a client may take to send its request. */
    static final long REQUEST_TIMEOUT_MS = 10_000;
    /** How long an agent without services waits for a launch before it exits. */
    static final long IDLE_EXIT_MS = 1_000;
    private static final long TICK_MS = 500;
    /** How an agent refuses the request of another build of the plugin. */
    static final String OTHER_BUILD = "another build of the plugin";
    /** How long a log may stay past its limit while its writer never pauses. */
    private static final long BUSY_ROTATION_MS = 5_000;
    /** A service launched this recently still spawns its helpers (portable control: its tree is listed often). */
    private static final long YOUNG_MS = 15_000;
    /** How often a settled service's tree is listed (portable control). */
    private static final long SETTLED_SCAN_MS = 3_000;

    private final StateDirectory state;
    private final AgentEndpoint endpoint;
    private final boolean groups;
    private final String build;
    private final Map<String, SupervisedService> services = new ConcurrentHashMap<>();
    /** Since when each log has been past its limit (its writer gave no pause to rotate in). */
    private final Map<String, Long> overSince = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-timer");
        t.setDaemon(true);
        return t;
    });
    private final Object lifecycle = new Object();
    private volatile AgentProbes probes;
    private volatile boolean exiting;
    private volatile long lastActivity = System.currentTimeMillis();
    private long lastTreeScan;
    private ServerSocketChannel server;

    StackAgent(Path stateDir, boolean groups, String build) {
        this.state = new StateDirectory(stateDir);
        this.endpoint = new AgentEndpoint(stateDir);
        this.groups = groups;
        this.build = build;
    }

    public static void main(String[] args) throws Exception {
        Path stateDir = null;
        String control = "groups";
        String build = "unknown";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--state" -> stateDir = Path.of(args[i + 1]);
                case "--control" -> control = args[i + 1];
                case "--build" -> build = args[i + 1];
                default -> throw new IllegalArgumentException("unknown agent option " + args[i]);
            }
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("usage: StackAgent --state DIR --control groups|portable --build HASH");
        }
        new StackAgent(stateDir, "groups".equals(control), build).serve();
    }

    void serve() throws IOException {
        state.createDirectories();
        Path socket = endpoint.prepare();
        if (new AgentClient(endpoint).hello().isPresent()) {
            System.err.println("agent: another agent answers on " + socket + "; leaving");
            return;
        }
        server = endpoint.bind(socket);
        writeRecord(socket);
        adoptOrphans();
        Thread warm = new Thread(() -> probes().warmUp(), "agent-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
        timers.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        try {
            while (true) {
                SocketChannel c;
                try {
                    c = server.accept();
                } catch (ClosedChannelException e) {
                    break; // exiting
                }
                if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                    connections.decrementAndGet();
                    c.close();
                    continue;
                }
                Thread t = new Thread(() -> serve(c), "agent-client");
                t.setDaemon(true);
                t.start();
            }
        } finally {
            leave();
        }
    }

    private void writeRecord(Path socket) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", String.valueOf(self.pid()));
        p.setProperty("start", String.valueOf(ProcessTable.startMillis(self)));
        p.setProperty("build", build);
        p.setProperty("protocol", String.valueOf(AgentMessage.VERSION));
        p.setProperty("control", groups ? "groups" : "portable");
        p.setProperty("socket", socket.toString());
        RunRecord.writeAtomically(endpoint.recordFile(), p);
    }

    /** Services whose agent died while they kept running: supervised here from now on, not restarted. */
    private void adoptOrphans() {
        if (!Files.isDirectory(state.services())) {
            return;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(state.services(), "*.record")) {
            for (Path f : records) {
                String name = StateDirectory.serviceOf(f);
                Optional<RunRecord> r = state.record(name);
                if (r.isEmpty() || !r.get().hasChild() || services.containsKey(name)) {
                    continue;
                }
                Optional<ProcessHandle> child = ProcessTable.alive(r.get().childPid(), r.get().childStart());
                boolean agentAlive = ProcessTable.alive(r.get().agentPid(), r.get().agentStart()).isPresent()
                        && r.get().agentPid() != ProcessHandle.current().pid();
                Optional<LaunchSpec> spec = LaunchSpec.read(state.launchFile(name));
                if (child.isEmpty() || agentAlive || spec.isEmpty()) {
                    continue;
                }
                SupervisedService s = new SupervisedService(state, spec.get(), groups, this::ended);
                services.put(name, s);
                s.adopt(r.get(), child.get());
            }
        } catch (IOException e) {
            System.err.println("agent: cannot look for services to adopt: " + e.getMessage());
        }
    }

    private void ended(SupervisedService s) {
        services.remove(s.name(), s);
        lastActivity = System.currentTimeMillis();
    }

    /** Housekeeping: log rotation, the portable control's process trees, and leaving once idle. */
    private void tick() {
        try {
            long now = System.currentTimeMillis();
            for (SupervisedService s : services.values()) {
                LaunchSpec spec = s.spec();
                Path log = state.logFile(s.name());
                // rotated in a pause of its writer, or after BUSY_ROTATION_MS past the limit regardless
                try {
                    long over = overSince.computeIfAbsent(s.name(), k -> now);
                    if (LogRotation.rotateIfLarger(log, spec.logMaxBytes(), spec.logKeep(),
                            now - over > BUSY_ROTATION_MS) || !Files.isRegularFile(log)
                            || Files.size(log) <= spec.logMaxBytes()) {
                        overSince.remove(s.name());
                    }
                } catch (IOException e) {
                    System.err.println("agent: cannot rotate " + log + ": " + e.getMessage());
                }
            }
            // a service spawns its helpers as it starts: its tree is listed twice a second then, later every 3 s
            boolean launching = services.values().stream().anyMatch(s -> now - s.launchedAt() < YOUNG_MS);
            if (!groups && !services.isEmpty() && (launching || now - lastTreeScan >= SETTLED_SCAN_MS)) {
                lastTreeScan = now;
                Map<Long, List<ProcessHandle>> children = new HashMap<>();
                ProcessHandle.allProcesses().forEach(p -> p.parent().ifPresent(parent ->
                        children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p)));
                services.values().forEach(s -> s.collectTree(children));
            }
            synchronized (lifecycle) {
                if (services.isEmpty() && System.currentTimeMillis() - lastActivity > IDLE_EXIT_MS) {
                    exiting = true;
                    server.close(); // the accept loop ends, and with it the agent
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("agent: " + e);
        }
    }

    private void leave() {
        try {
            Files.deleteIfExists(endpoint.socket());
            Optional<String> recorded = recordedPid();
            if (recorded.isPresent() && recorded.get().equals(String.valueOf(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(endpoint.recordFile());
            }
        } catch (IOException e) {
            System.err.println("agent: " + e.getMessage());
        }
        AgentProbes p = probes;
        if (p != null) {
            p.close();
        }
        System.exit(0);
    }

    private Optional<String> recordedPid() {
        Properties p = RunRecord.load(endpoint.recordFile());
        return p == null ? Optional.empty() : Optional.ofNullable(p.getProperty("pid"));
    }

    // ------------------------------------------------------------------------------ one connection

    private void serve(SocketChannel c) {
        ScheduledFuture<?> deadline = timers.schedule(() -> closeQuietly(c), REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try (c) {
            InputStream in = Channels.newInputStream(c);
            OutputStream out = Channels.newOutputStream(c);
            Optional<AgentMessage> request;
            try {
                request = AgentMessage.read(in);
            } catch (AgentMessage.BadMessage e) {
                AgentMessage.error("not a request of gladys-agent/" + AgentMessage.VERSION + ": " + e.getMessage())
                        .write(out);
                return;
            }
            deadline.cancel(false);
            if (request.isEmpty()) {
                return;
            }
            lastActivity = System.currentTimeMillis();
            answer(request.get(), out);
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent what cannot be answered: this connection only
        } finally {
            deadline.cancel(false);
            connections.decrementAndGet();
        }
    }

    private void answer(AgentMessage request, OutputStream out) throws IOException {
        String[] head = request.head().split(" ", 2);
        if (!head[0].equals(AgentMessage.PREFIX + AgentMessage.VERSION) || head.length < 2) {
            AgentMessage.error("this agent speaks " + AgentMessage.PREFIX + AgentMessage.VERSION + ", not '"
                    + request.head() + "'").write(out);
            return;
        }
        Optional<String> asker = request.get("build");
        if (asker.isPresent() && !asker.get().equals(build) && !head[1].equals("hello")) {
            AgentMessage.error(OTHER_BUILD + " (the agent runs " + build + ", the request is from " + asker.get() + ")")
                    .write(out);
            return;
        }
        try {
            AgentMessage answer = switch (head[1]) {
                case "hello" -> hello();
                case "launch" -> launch(request);
                case "status" -> status();
                case "health" -> probes().health(request);
                case "cache" -> probes().cache(request);
                case "schema-history" -> probes().schemaHistory(request);
                case "logs" -> {
                    logs(request, out);
                    yield null;
                }
                case "shutdown" -> {
                    AgentMessage.ok().put("pid", ProcessHandle.current().pid()).build().write(out);
                    synchronized (lifecycle) {
                        exiting = true;
                        server.close();
                    }
                    yield null;
                }
                default -> AgentMessage.error("unknown request '" + head[1] + "'");
            };
            if (answer != null) {
                answer.write(out);
            }
        } catch (RuntimeException e) {
            AgentMessage.error(e.getClass().getSimpleName() + ": " + e.getMessage()).write(out);
        }
    }

    private synchronized AgentProbes probes() {
        if (probes == null) {
            probes = new AgentProbes();
        }
        return probes;
    }

    private AgentMessage hello() {
        ProcessHandle self = ProcessHandle.current();
        return AgentMessage.ok().put("protocol", AgentMessage.VERSION).put("build", build).put("pid", self.pid())
                .put("start", ProcessTable.startMillis(self)).put("state", state.root())
                .put("control", groups ? "groups" : "portable").putAll("service", List.copyOf(services.keySet()))
                .build();
    }

    private AgentMessage launch(AgentMessage request) throws IOException {
        LaunchSpec spec = LaunchSpec.of(request);
        SupervisedService s;
        synchronized (lifecycle) {
            if (exiting) {
                return AgentMessage.error("exiting: the agent is leaving; start another");
            }
            SupervisedService running = services.get(spec.service());
            if (running != null && running.child().map(ProcessHandle::isAlive).orElse(false)) {
                return AgentMessage.error(spec.service() + " already runs under this agent (pid "
                        + running.child().get().pid() + ")");
            }
            s = new SupervisedService(state, spec, groups, this::ended);
            services.put(spec.service(), s);
            lastActivity = System.currentTimeMillis();
        }
        s.launch();
        return AgentMessage.ok().put("pid", s.child().map(ProcessHandle::pid).orElse(0L)).build();
    }

    private AgentMessage status() {
        AgentMessage.Builder b = AgentMessage.ok().put("pid", ProcessHandle.current().pid()).put("build", build);
        for (SupervisedService s : services.values()) {
            b.put("service", String.join("\t", s.name(), String.valueOf(s.child().map(ProcessHandle::pid).orElse(0L)),
                    s.phase(), String.valueOf(s.restarts()), s.spec().restart().describe(),
                    String.valueOf(s.adopted())));
        }
        return b.build();
    }

    /** The last lines of each log asked for, then (with follow) every new line until the client leaves. */
    private void logs(AgentMessage request, OutputStream out) throws IOException {
        int tail = Integer.parseInt(request.get("tail").orElse("10"));
        boolean follow = Boolean.parseBoolean(request.get("follow").orElse("false"));
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : request.all("service")) {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                AgentMessage.error("not a service name: '" + name + "'").write(out);
                return;
            }
            files.put(name, state.logFile(name));
        }
        List<String> batch = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // follow from here on, then send the tails: a line written meanwhile comes maybe twice, never lost
        try (LogFollower follower = follow ? new LogFollower(files, (n, l) -> batch.add(n + "\t" + l), warnings::add)
                : null) {
            AgentMessage.Builder first = AgentMessage.ok();
            files.forEach((name, file) -> LogFiles.tail(file, tail).forEach(l -> first.put("line", name + "\t" + l)));
            first.build().write(out);
            while (follower != null) {
                follower.poll();
                if (!batch.isEmpty() || !warnings.isEmpty()) {
                    AgentMessage.ok().putAll("line", batch).putAll("warning", warnings).build().write(out);
                    batch.clear();
                    warnings.clear();
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a connection that is going anyway
        }
    }
}
