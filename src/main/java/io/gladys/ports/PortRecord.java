package io.gladys.ports;

import io.gladys.common.AtomicWrite;
import io.gladys.catalog.Environment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The ports a stack was started on, kept in the project's state directory
 * ({@code .gladys/ports/<environment>.properties}) so that every later goal, in later Maven runs too,
 * addresses the same ports. Written by a start that shifts or picks ports, removed once the stack is stopped.
 */
public record PortRecord(PortMode mode, Map<String, Integer> ports) {

    public static Path file(Path stateDir, Environment env) {
        return stateDir.resolve("ports").resolve(env.id() + ".properties");
    }

    public static Optional<PortRecord> read(Path stateDir, Environment env) {
        Path f = file(stateDir, env);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new PortException("Cannot read the port record " + f + ": " + e.getMessage());
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            if (k.startsWith("port.")) {
                try {
                    ports.put(k.substring("port.".length()), Integer.parseInt(p.getProperty(k).trim()));
                } catch (NumberFormatException e) {
                    throw new PortException("The port record " + f + " has '" + p.getProperty(k) + "' for " + k
                            + ", not a port. Stop the stack (mvn gladys:stop) and delete the file.");
                }
            }
        }
        return Optional.of(new PortRecord(PortMode.parseId(p.getProperty("mode")), ports));
    }

    /** Writes the record whole (a reader never sees half of it). */
    public void write(Path stateDir, Environment env) {
        Path f = file(stateDir, env);
        try {
            AtomicWrite.write(f, this::store);
        } catch (IOException e) {
            throw new PortException("Cannot write the port record " + f + ": " + e.getMessage());
        }
    }

    /**
     * Writes the record unless one is there already (another start of the same project got there first);
     * the record that holds either way.
     */
    public PortRecord writeIfAbsent(Path stateDir, Environment env) {
        Path f = file(stateDir, env);
        Path mine = f.resolveSibling(env.id() + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        try {
            Files.createDirectories(f.getParent());
            write(mine);
            Files.createLink(f, mine); // fails when the record exists: the other start's ports hold
            return this;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return read(stateDir, env).orElse(this);
        } catch (IOException | UnsupportedOperationException e) {
            write(stateDir, env); // no hard links here: the last start's record holds
            return this;
        } finally {
            try {
                Files.deleteIfExists(mine);
            } catch (IOException e) {
                // a stray temporary file in the state directory does no harm
            }
        }
    }

    private void write(Path file) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            store(out);
        }
    }

    private void store(java.io.OutputStream out) throws IOException {
        Properties p = new Properties();
        p.setProperty("mode", mode.id());
        ports.forEach((k, v) -> p.setProperty("port." + k, String.valueOf(v)));
        p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                "ports of this project's stack (written by gladys:start)");
    }

    public static void delete(Path stateDir, Environment env) {
        try {
            Files.deleteIfExists(file(stateDir, env));
        } catch (IOException e) {
            throw new PortException("Cannot delete the port record " + file(stateDir, env) + ": " + e.getMessage());
        }
    }
}
