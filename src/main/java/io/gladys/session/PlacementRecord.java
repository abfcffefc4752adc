package io.gladys.session;

import io.gladys.catalog.Environment;
import io.gladys.common.AtomicWrite;
import io.gladys.stack.StackException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where each service of a stack in several environments was started ({@code .gladys/placements.properties}),
 * so that a later start that runs a service elsewhere finds the one still running where it was, and refuses
 * instead of starting a second. Written by a start of a hybrid stack; removed by a start in one environment.
 */
final class PlacementRecord {

    private PlacementRecord() {
    }

    static Path file(Path stateDir) {
        return stateDir.resolve("placements.properties");
    }

    /** Service name to the environment it was started in; empty when there is no record. */
    static Map<String, Environment> read(Path stateDir) {
        Map<String, Environment> out = new LinkedHashMap<>();
        Path f = file(stateDir);
        if (!Files.isRegularFile(f)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StackException("Cannot read " + f + ": " + e.getMessage(), e);
        }
        for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            try {
                out.put(name, Environment.parse(p.getProperty(name)));
            } catch (RuntimeException e) {
                // a damaged entry says nothing: the service is checked where it runs now only
            }
        }
        return out;
    }

    static void write(Path stateDir, Map<String, Environment> placements) {
        Properties p = new Properties();
        placements.forEach((name, env) -> p.setProperty(name, env.id()));
        try {
            AtomicWrite.write(file(stateDir), out -> p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    "where each service was started (gladys:start of a stack in several environments)"));
        } catch (IOException e) {
            throw new StackException("Cannot write " + file(stateDir) + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(file(stateDir));
        } catch (IOException e) {
            throw new StackException("Cannot delete " + file(stateDir) + ": " + e.getMessage(), e);
        }
    }
}
