package io.gladys.local.agent;

import io.gladys.catalog.RestartPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the agent launches one service: the whole command line (its program already found on the
 * PATH), working directory and environment, how to stop it, what to restart, and the class-data
 * archive to move into place after an orderly exit. A goal sends it; the agent keeps it beside the
 * service's record so that an agent adopting the service later can restart it the same way.
 *
 * @param moveFrom a file the service writes as it exits (a JVM's class-data archive), or null
 * @param moveTo   where {@code moveFrom} goes after an orderly exit
 */
public record LaunchSpec(String service, String launchId, List<String> command, Path workDir,
                         Map<String, String> environment, String stopSignal, RestartPolicy restart,
                         long logMaxBytes, int logKeep, Path moveFrom, Path moveTo) {

    public LaunchSpec {
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    AgentMessage toRequest() {
        AgentMessage.Builder b = AgentMessage.request("launch")
                .put("service", service).put("launch-id", launchId).put("workdir", workDir)
                .put("stop-signal", stopSignal).put("restart", restart.mode().id())
                .put("max-restarts", restart.maxRestarts()).put("log-max", logMaxBytes).put("log-keep", logKeep)
                .put("move-from", moveFrom).put("move-to", moveTo).putAll("arg", command);
        environment.forEach((k, v) -> b.put("env", k + "=" + v));
        return b.build();
    }

    static LaunchSpec of(AgentMessage m) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : m.all("env")) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        List<String> command = new ArrayList<>(m.all("arg"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a launch without a command");
        }
        String restart = m.get("restart").orElse("no");
        int max = Integer.parseInt(m.get("max-restarts").orElse("0"));
        return new LaunchSpec(m.require("service"), m.require("launch-id"), command, Path.of(m.require("workdir")),
                env, m.get("stop-signal").orElse("TERM"),
                RestartPolicy.parse(restart) == RestartPolicy.Mode.NO ? RestartPolicy.NO
                        : new RestartPolicy(RestartPolicy.parse(restart), max),
                Long.parseLong(m.get("log-max").orElse("0")), Integer.parseInt(m.get("log-keep").orElse("3")),
                m.get("move-from").map(Path::of).orElse(null), m.get("move-to").map(Path::of).orElse(null));
    }

    /** Kept beside the record, readable by its user alone (the environment may hold passwords). */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            toRequest().write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<LaunchSpec> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return AgentMessage.read(in).map(LaunchSpec::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
