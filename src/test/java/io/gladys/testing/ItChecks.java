package io.gladys.testing;

import io.gladys.local.PortOwner;
import io.gladys.local.process.ProcessTable;
import io.gladys.local.state.RunRecord;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Used by the integration tests' verify scripts (src/it): what a build left behind, and a last clean-up. */
public final class ItChecks {

    private ItChecks() {
    }

    public static boolean portInUse(int port) {
        return PortOwner.inUse(port);
    }

    /**
     * Processes still alive that a state directory records: the members of the services' process groups,
     * and the recorded services (still the recorded processes) with their descendants.
     */
    public static List<Long> survivors(Path stateDir) {
        java.util.Set<Long> alive = new java.util.TreeSet<>();
        for (RunRecord r : records(stateDir)) {
            if (r.hasChild()) {
                alive.addAll(ProcessTable.groupMembers(r.childPid()));
            }
            tree(r).stream().filter(ProcessTable::alive).forEach(h -> alive.add(h.pid()));
        }
        return new ArrayList<>(alive);
    }

    /** The stack agent of a state directory, while it is still the recorded process. */
    public static java.util.Optional<ProcessHandle> agent(Path stateDir) {
        java.util.Properties p = RunRecord.load(new io.gladys.local.agent.AgentEndpoint(stateDir).recordFile());
        if (p == null) {
            return java.util.Optional.empty();
        }
        return ProcessTable.alive(Long.parseLong(p.getProperty("pid", "0")), Long.parseLong(p.getProperty("start", "0")));
    }

    /** Whether the agent of a state directory has left within the timeout (it leaves once its services are gone). */
    public static boolean agentLeaves(Path stateDir, java.time.Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (agent(stateDir).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return agent(stateDir).isEmpty();
    }

    /**
     * Kills every process group and process tree a state directory records, and its agent: a failed test
     * leaves nothing running.
     */
    public static void killLeftovers(Path stateDir) {
        agent(stateDir).ifPresent(ProcessHandle::destroyForcibly);
        for (RunRecord r : records(stateDir)) {
            List<ProcessHandle> tree = tree(r); // collected before anything dies
            if (r.hasChild() && ProcessTable.processGroup(r.childPid()).orElse(-1) == r.childPid()) {
                ProcessTable.signal(r.childPid(), "KILL", true);
            }
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The recorded service, when it is still that process, and its descendants. */
    public static List<ProcessHandle> tree(RunRecord r) {
        List<ProcessHandle> out = new ArrayList<>();
        if (r.hasChild()) {
            ProcessTable.alive(r.childPid(), r.childStart()).ifPresent(out::add);
        }
        for (ProcessHandle h : List.copyOf(out)) {
            h.descendants().filter(d -> !out.contains(d)).forEach(out::add);
        }
        return out;
    }

    /**
     * Every sign in a build log that an exception escaped the plugin instead of a clear failure: a stack
     * trace printed by the JVM, Maven's "Execution ... failed" for an exception a goal did not handle,
     * a failure whose first cause is not MojoFailureException (the only trace -e should show), or an
     * exception's class name in an error line. Empty when there is none.
     */
    public static List<String> escapedExceptions(String log) {
        List<String> found = new ArrayList<>();
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("\tat ") || line.startsWith("Exception in thread")) {
                found.add("a stack trace printed by the JVM: " + line);
            }
            if (line.startsWith("[ERROR]") && line.matches(".*\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*")) {
                found.add("an exception's class in an error line: " + line);
            }
            if (line.startsWith("[ERROR] Failed to execute goal") && line.contains(": Execution ")) {
                found.add("an exception the goal did not handle: " + line);
            }
            if (line.startsWith("org.apache.maven.lifecycle.LifecycleExecutionException:")) {
                String cause = lines.subList(i + 1, lines.size()).stream().filter(l -> l.startsWith("Caused by: "))
                        .findFirst().orElse("");
                if (!cause.startsWith("Caused by: org.apache.maven.plugin.MojoFailureException: ")) {
                    found.add("a failure that is not a MojoFailureException: " + cause);
                }
            }
        }
        return found;
    }

    /**
     * Copies a project's files into {@code dest}, leaving out what a build or a run made (target, .gladys)
     * and version control (.git): what a fresh checkout of the same commit holds.
     */
    public static void copyProject(Path root, Path dest) throws IOException {
        java.util.Set<String> skipped = java.util.Set.of("target", ".git", ".gladys");
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                                                                   java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (!dir.equals(root) && skipped.contains(dir.getFileName().toString())) {
                    return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dest.resolve(root.relativize(dir).toString()));
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                // new modification times, as a clone has: they must not reach the jars
                Files.copy(file, dest.resolve(root.relativize(file).toString()));
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static List<RunRecord> records(Path stateDir) {
        List<RunRecord> out = new ArrayList<>();
        Path dir = stateDir.resolve("services");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.record")) {
            for (Path f : files) {
                RunRecord.read(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
