package io.gladys.docker;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the plugin reads from a Compose file: the project name and, per service, the image it runs and
 * the context it is built from. The Compose file stays the source of truth; nothing is written back.
 */
public record ComposeFile(Path file, String projectName, List<Service> services) {

    /** File names Compose itself looks for, in its order, then GLADyS's own place. */
    public static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml", "docker/docker-compose.yml", "src/integration/docker-compose.yml");

    /**
     * One service.
     *
     * @param image      the image it names, or null when it is only built
     * @param context    the build context, or null when it is not built here
     * @param dockerfile the Dockerfile of the build, or null when it is not built here
     */
    public record Service(String name, String image, Path context, Path dockerfile) {
        public boolean built() {
            return context != null;
        }
    }

    /** The first Compose file found in the project directory, if any. */
    public static java.util.Optional<Path> find(Path projectDir) {
        return DEFAULT_NAMES.stream().map(projectDir::resolve).filter(Files::isRegularFile).findFirst();
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile read(Path file) {
        Map<String, Object> root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            root = loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            throw new DockerException("Cannot read the Compose file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DockerException("The Compose file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        String project = projectName(root, dir);
        List<Service> services = new ArrayList<>();
        Object s = root.get("services");
        if (s instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                Map<String, Object> def = e.getValue() instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
                String image = def.get("image") == null ? null : String.valueOf(def.get("image"));
                Path context = null;
                Path dockerfile = null;
                Object build = def.get("build");
                if (build instanceof String b) {
                    context = dir.resolve(b).normalize();
                } else if (build instanceof Map<?, ?> b) {
                    context = dir.resolve(String.valueOf(b.get("context") == null ? "." : b.get("context"))).normalize();
                    if (b.get("dockerfile") != null) {
                        dockerfile = context.resolve(String.valueOf(b.get("dockerfile"))).normalize();
                    }
                }
                if (context != null && dockerfile == null) {
                    dockerfile = context.resolve("Dockerfile");
                }
                services.add(new Service(name, image, context, dockerfile));
            }
        }
        return new ComposeFile(file, project, services);
    }

    /** As Compose names the project: the file's "name", COMPOSE_PROJECT_NAME, or the directory's name. */
    private static String projectName(Map<String, Object> root, Path dir) {
        Object name = root.get("name");
        String raw = name != null ? String.valueOf(name)
                : System.getenv("COMPOSE_PROJECT_NAME") != null ? System.getenv("COMPOSE_PROJECT_NAME")
                : dir.getFileName().toString();
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    /** Names the image of a built service may have: its own, then Compose v2's and v1's defaults. */
    public List<String> imageNames(Service service) {
        List<String> names = new ArrayList<>();
        if (service.image() != null) {
            names.add(service.image());
        }
        names.add(projectName + "-" + service.name());
        names.add(projectName + "_" + service.name());
        return names;
    }
}
