package io.gladys.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to launch a Java main class as a service process: the java executable, the class path (given
 * through the CLASSPATH variable, which keeps it out of process listings) and JVM options.
 */
public record JavaLaunch(Path javaExecutable, List<Path> classpath, List<String> jvmOptions) {

    /** Small heap and quick start-up: the reference services are light. */
    public static final List<String> SMALL_JVM = List.of(
            "-Xms16m", "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            // the services log through java.util.logging; a library's slf4j calls have no provider to reach
            "-Dslf4j.internal.verbosity=ERROR",
            // Netty's buffer events for Flight Recorder: registering them costs a service about 17% of its
            // start-up CPU (with a class-data archive), and nothing records them
            "-Dio.grpc.netty.shaded.io.netty.jfr.enabled=false");

    /** The JVM running this code, with the given class path. */
    public static JavaLaunch currentJvm(List<Path> classpath) {
        return new JavaLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, SMALL_JVM);
    }

    public List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The main class and its arguments when {@code command} is a launch of {@link #command}: this
     * executable and these JVM options, then the main class; empty for any other command.
     */
    public Optional<List<String>> mainOf(List<String> command) {
        int options = jvmOptions.size();
        if (command.size() <= 1 + options || !command.get(0).equals(javaExecutable.toString())
                || !command.subList(1, 1 + options).equals(jvmOptions)) {
            return Optional.empty();
        }
        return Optional.of(command.subList(1 + options, command.size()));
    }

    public Map<String, String> environment() {
        return Map.of("CLASSPATH", String.join(java.io.File.pathSeparator,
                classpath.stream().map(Path::toString).toList()));
    }
}
