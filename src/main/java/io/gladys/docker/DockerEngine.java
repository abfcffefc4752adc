package io.gladys.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Docker engine, through its API (docker-java): the one {@link DockerEndpoint} names, over its socket or
 * over TCP with its TLS material. Short connect timeouts: a goal that finds no engine says so rather than
 * hanging.
 */
public final class DockerEngine implements ContainerEngine {

    private final DockerEndpoint endpoint;
    private final DockerClient client;
    private final DockerClientConfig config;
    /** Why the client could not be made (unreadable TLS material), or null. */
    private final RuntimeException setupError;

    /** The engine this process's environment names. */
    public DockerEngine() {
        this(DockerEndpoint.fromEnvironment());
    }

    /** The engine at the given address (unix:///var/run/docker.sock, tcp://host:2375), without TLS. */
    public DockerEngine(URI host) {
        this(new DockerEndpoint(host, "given", null));
    }

    public DockerEngine(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
        DockerClient made = null;
        DockerClientConfig c = null;
        RuntimeException error = null;
        try {
            c = endpoint.clientConfig();
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(c.getDockerHost())
                    .sslConfig(c.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(2))
                    // a followed log stream stays open as long as the container writes nothing
                    .responseTimeout(Duration.ofDays(1))
                    .build();
            made = DockerClientImpl.getInstance(c, http);
        } catch (RuntimeException e) {
            error = e; // requireAvailable says what is wrong with the TLS material
        }
        this.client = made;
        this.config = c;
        this.setupError = error;
    }

    @Override
    public String host() {
        return endpoint.host().toString();
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Optional<String> unavailable() {
        Optional<String> unusable = endpoint.unusable();
        if (unusable.isPresent()) {
            return unusable;
        }
        if (client == null) {
            return Optional.of("the TLS material of the Docker engine " + endpoint.describe() + " cannot be used ("
                    + rootMessage(setupError) + "): ca.pem, cert.pem and key.pem must be PEM files, the key "
                    + "unencrypted");
        }
        try {
            client.pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(TlsFailure.explain(e, endpoint)
                    .or(() -> endpoint.tls() ? TlsFailure.handshake(endpoint, config.getSSLConfig()) : Optional.empty())
                    .orElseGet(() -> "no Docker engine answers at " + host() + " (" + rootMessage(e) + ")"
                            + (endpoint.tcp() && !endpoint.tls() && rootMessage(e).contains("reset")
                            ? "; if the engine takes TLS at that port, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH" : "")));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public void requireAvailable() {
        unavailable().ifPresent(why -> {
            if (!why.startsWith("no Docker engine answers")) {
                // the engine is named but cannot be used as given: starting a daemon would not help
                throw new DockerException("The docker environment needs a Docker engine, but " + why
                        + ". Nothing was done.", null);
            }
            boolean denied = why.toLowerCase(java.util.Locale.ROOT).contains("permission denied");
            String join = "join the 'docker' group (sudo usermod -aG docker $USER, then log in again)";
            throw new DockerException("The docker environment needs a Docker engine, but " + why + ". "
                    + (denied ? "The socket is there but not accessible to you: " + join + "; or start "
                    : "Start ") + "Docker Desktop or the daemon (sudo systemctl start docker, or dockerd)"
                    + (denied ? "" : "; if the socket is not accessible, " + join)
                    + "; or set DOCKER_HOST to the engine's address (unix:///path/docker.sock, tcp://host:2376) "
                    + "or choose a docker context (" + endpoint.source() + " named this one). Nothing was done.", null);
        });
    }

    @Override
    public List<Container> containers(String project, String service) {
        List<Container> out = new ArrayList<>();
        Map<String, String> labels = service == null ? Map.of(PROJECT_LABEL, project)
                : Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service);
        for (var c : client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            Map<String, String> own = c.getLabels() == null ? Map.of() : c.getLabels();
            if ("True".equalsIgnoreCase(own.get(ONEOFF_LABEL))) {
                continue;
            }
            inspect(c.getId()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<Container> publishing(int hostPort) {
        for (var c : client.listContainersCmd().exec()) {
            if (c.getPorts() != null && java.util.Arrays.stream(c.getPorts())
                    .anyMatch(p -> p.getPublicPort() != null && p.getPublicPort() == hostPort)) {
                return inspect(c.getId());
            }
        }
        return Optional.empty();
    }

    /** Every host port the engine's running containers publish, whatever project they belong to. */
    public Set<Integer> publishedPorts() {
        Set<Integer> out = new java.util.HashSet<>();
        for (var c : client.listContainersCmd().exec()) {
            if (c.getPorts() != null) {
                java.util.Arrays.stream(c.getPorts()).map(p -> p.getPublicPort()).filter(java.util.Objects::nonNull)
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public Optional<Container> inspect(String id) {
        InspectContainerResponse r;
        try {
            r = client.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        var st = r.getState();
        String health = null;
        String healthOutput = null;
        if (st.getHealth() != null) {
            health = st.getHealth().getStatus();
            var log = st.getHealth().getLog();
            if (log != null && !log.isEmpty() && log.get(log.size() - 1).getOutput() != null) {
                healthOutput = log.get(log.size() - 1).getOutput().strip();
            }
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> publishedOn = new LinkedHashMap<>();
        Ports p = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getPorts();
        if (p != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : p.getBindings().entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                for (Ports.Binding b : e.getValue()) {
                    try {
                        int port = Integer.parseInt(b.getHostPortSpec());
                        if (ports.putIfAbsent(e.getKey().toString(), port) == null && b.getHostIp() != null
                                && !b.getHostIp().isEmpty()) {
                            publishedOn.put(e.getKey().toString(), b.getHostIp());
                        }
                    } catch (NumberFormatException ignored) {
                        // a range is not a port this plugin probes
                    }
                }
            }
        }
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
                : r.getConfig().getLabels();
        Instant started = parse(st.getStartedAt());
        Long exit = st.getExitCodeLong();
        return Optional.of(new Container(r.getId(), labels.get(SERVICE_LABEL), st.getStatus(), health, healthOutput,
                started, exit == null ? null : exit.intValue(), Boolean.TRUE.equals(st.getOOMKilled()),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                r.getConfig() == null ? null : r.getConfig().getImage(), ports,
                r.getName() == null ? null : r.getName().replaceFirst("^/", ""), labels.get(PROJECT_LABEL),
                labels.get("com.docker.compose.project.working_dir"), publishedOn));
    }

    private static Instant parse(String t) {
        if (t == null || t.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void stop(String id, Duration timeout) {
        try {
            client.stopContainerCmd(id).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped, or gone
        }
    }

    @Override
    public void remove(String id, boolean volumes) {
        try {
            client.removeContainerCmd(id).withRemoveVolumes(volumes).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            // removal already in progress
        }
    }

    @Override
    public void removeProjectResources(String project, boolean volumes) {
        String label = PROJECT_LABEL + "=" + project;
        for (Network n : client.listNetworksCmd().withFilter("label", List.of(label)).exec()) {
            try {
                client.removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        if (volumes) {
            var found = client.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
            for (var v : found == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : found) {
                try {
                    client.removeVolumeCmd(v.getName()).exec();
                } catch (NotFoundException e) {
                    // already gone
                }
            }
        }
    }

    @Override
    public List<String> lastLines(String id, int lines) {
        List<String> out = new ArrayList<>();
        try {
            logs(id, lines, false, 0, (stream, line) -> out.add(line));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public void logs(String id, int tail, boolean follow, long untilEpochMs, BiConsumer<String, String> sink)
            throws InterruptedException {
        Lines lines = new Lines(sink);
        var cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(follow);
        cmd = tail < 0 ? cmd.withTailAll() : cmd.withTail(tail);
        // the callback's own timed await closes the stream: wait on a latch of our own instead
        try (ResultCallback.Adapter<Frame> cb = cmd.exec(lines)) {
            while (!lines.ended.await(200, TimeUnit.MILLISECONDS)) {
                if (untilEpochMs > 0 && System.currentTimeMillis() >= untilEpochMs) {
                    break;
                }
            }
            lines.closing = true; // what closing the stream raises is not an error
        } catch (InterruptedException e) {
            lines.closing = true;
            throw e;
        } catch (IOException e) {
            // closing the stream: nothing more to read
        } finally {
            lines.flush();
        }
        if (lines.error != null) {
            throw new DockerException("Cannot read the logs of container " + id + ": " + lines.error.getMessage(),
                    lines.error);
        }
    }

    /** Frames cut lines anywhere: keep a partial line per stream until its end comes. */
    private static final class Lines extends ResultCallback.Adapter<Frame> {
        private final BiConsumer<String, String> sink;
        private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
        final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        volatile Throwable error;
        volatile boolean closing;

        @Override
        public void onComplete() {
            ended.countDown();
            super.onComplete();
        }

        @Override
        public void onError(Throwable t) {
            if (!closing) {
                error = t;
            }
            ended.countDown();
            super.onError(t);
        }

        Lines(BiConsumer<String, String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void onNext(Frame f) {
            ByteArrayOutputStream buf = partial.computeIfAbsent(f.getStreamType(), t -> new ByteArrayOutputStream());
            for (byte b : f.getPayload()) {
                if (b == '\n') {
                    emit(f.getStreamType(), buf);
                } else {
                    buf.write(b);
                }
            }
        }

        synchronized void flush() {
            partial.forEach((t, buf) -> {
                if (buf.size() > 0) {
                    emit(t, buf);
                }
            });
        }

        private void emit(StreamType t, ByteArrayOutputStream buf) {
            String line = buf.toString(StandardCharsets.UTF_8);
            buf.reset();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            sink.accept(t == StreamType.STDERR ? "stderr" : "stdout", line);
        }
    }

    @Override
    public Optional<Instant> imageCreated(String name) {
        try {
            InspectImageResponse r = client.inspectImageCmd(name).exec();
            return Optional.ofNullable(r.getCreated()).map(Instant::parse);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void buildImage(Path context, String tag, Consumer<String> output) {
        client.buildImageCmd(context.toFile())
                .withTags(Set.of(tag))
                .withPull(false)
                .exec(new BuildImageResultCallback() {
                    @Override
                    public void onNext(BuildResponseItem item) {
                        if (item.getStream() != null && !item.getStream().isBlank()) {
                            output.accept(item.getStream().strip());
                        }
                        super.onNext(item);
                    }
                })
                .awaitImageId();
    }

    @Override
    public List<String> imageTags(String label) {
        List<String> tags = new ArrayList<>();
        for (Image i : client.listImagesCmd().withLabelFilter(Map.of(label, "true")).exec()) {
            if (i.getRepoTags() != null) {
                tags.addAll(List.of(i.getRepoTags()));
            }
        }
        return tags;
    }

    @Override
    public Optional<String> hostGatewayAddress() {
        try {
            Network bridge = client.inspectNetworkCmd().withNetworkId("bridge").exec();
            if (bridge.getIpam() != null && bridge.getIpam().getConfig() != null) {
                for (Network.Ipam.Config c : bridge.getIpam().getConfig()) {
                    if (c.getGateway() != null && !c.getGateway().isBlank() && !c.getGateway().contains(":")) {
                        return Optional.of(c.getGateway());
                    }
                }
            }
            // engines that leave the gateway out: the bridge's own interface on this machine (a local engine)
            String name = bridge.getOptions() == null ? null : bridge.getOptions().get("com.docker.network.bridge.name");
            java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(name == null ? "docker0" : name);
            if (nic != null) {
                return nic.inetAddresses().filter(a -> a instanceof java.net.Inet4Address)
                        .map(java.net.InetAddress::getHostAddress).findFirst();
            }
            return Optional.empty();
        } catch (NotFoundException | java.net.SocketException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean removeImage(String tag) {
        try {
            client.removeImageCmd(tag).exec();
            return true;
        } catch (ConflictException | NotFoundException e) {
            return false; // in use by a container, or gone meanwhile
        }
    }

    /** docker-java's client of this engine, for what ContainerEngine does not say (tests set up images with it). */
    public DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
