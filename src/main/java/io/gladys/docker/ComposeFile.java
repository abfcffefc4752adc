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
public record ComposeFile(Path file, String projectName, List<Service> services, boolean namesItself) {

    /** A file whose project name comes from its directory (or the one given). */
    public ComposeFile(Path file, String projectName, List<Service> services) {
        this(file, projectName, services, false);
    }

    /** File names Compose itself looks for, in its order, then GLADyS's own place. */
    public static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml", "docker/docker-compose.yml", "src/integration/docker-compose.yml");

    /**
     * One service.
     *
     * @param image      the image it names, or null when it is only built
     * @param context    the build context, or null when it is not built here
     * @param dockerfile the Dockerfile of the build, or null when it is not built here
     * @param ports      its published ports, as written (fixed host ports only; variables are left to Compose)
     * @param dependsOn  the services it depends on
     * @param extraHosts its {@code extra_hosts} entries as written ("host.docker.internal:host-gateway")
     * @param bindMounts the host paths it mounts (bind mounts), as written
     */
    public record Service(String name, String image, Path context, Path dockerfile, List<Port> ports,
                          List<String> dependsOn, String containerName, List<String> extraHosts,
                          List<String> bindMounts) {

        public Service(String name, String image, Path context, Path dockerfile, List<Port> ports,
                       List<String> dependsOn, String containerName, List<String> extraHosts) {
            this(name, image, context, dockerfile, ports, dependsOn, containerName, extraHosts, List.of());
        }

        public boolean built() {
            return context != null;
        }

        /** Whether the container knows a host of that name ({@code extra_hosts}). */
        public boolean knowsHost(String host) {
            return extraHosts.stream().anyMatch(h -> h.trim().startsWith(host + ":") || h.trim().startsWith(host + "="));
        }
    }

    /** A published port: the host's and the container's (5433:5432). */
    public record Port(int published, int target) {
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
                services.add(new Service(name, image, context, dockerfile, ports(def.get("ports")),
                        dependsOn(def.get("depends_on")),
                        def.get("container_name") == null ? null : String.valueOf(def.get("container_name")),
                        extraHosts(def.get("extra_hosts")), bindMounts(def.get("volumes"))));
            }
        }
        String env = System.getenv("COMPOSE_PROJECT_NAME");
        return new ComposeFile(file, project, services, root.get("name") != null || env != null && !env.isBlank());
    }

    /**
     * The host paths of a service's volumes: short entries whose source is a path ("./data:/data",
     * "/srv/x:/x:ro", "~/y:/y"), long ones of type bind. Named volumes are the engine's own.
     */
    private static List<String> bindMounts(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String e) {
                    String source = e.contains(":") ? e.substring(0, e.indexOf(':')) : "";
                    if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                        out.add(source);
                    }
                } else if (o instanceof Map<?, ?> m && "bind".equals(String.valueOf(m.get("type")))) {
                    out.add(String.valueOf(m.get("source")));
                }
            }
        }
        return out;
    }

    /** extra_hosts as a list ("name:address") or a map (name: address). */
    private static List<String> extraHosts(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(h -> out.add(String.valueOf(h)));
        } else if (v instanceof Map<?, ?> m) {
            m.forEach((k, a) -> out.add(k + ":" + a));
        }
        return out;
    }

    /** As Compose names the project: COMPOSE_PROJECT_NAME, the file's "name", or the directory's name. */
    private static String projectName(Map<String, Object> root, Path dir) {
        Object name = root.get("name");
        String env = System.getenv("COMPOSE_PROJECT_NAME");
        String raw = env != null && !env.isBlank() ? env : name != null ? String.valueOf(name)
                : dir.getFileName().toString();
        return normalise(raw);
    }

    /** A project name as Compose normalises it: lower case, only letters, digits, '-' and '_'. */
    public static String normalise(String raw) {
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    /** The same file under another project name (gladys.compose.project). */
    public ComposeFile withProject(String name) {
        return name == null || name.isBlank() ? this : new ComposeFile(file, normalise(name), services, namesItself);
    }

    public java.util.Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Short ("5433:5432", "127.0.0.1:5433:5432/tcp") and long ({published, target}) forms. */
    private static List<Port> ports(Object value) {
        List<Port> out = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            return out;
        }
        for (Object p : list) {
            try {
                if (p instanceof Map<?, ?> m && m.get("published") != null && m.get("target") != null) {
                    out.add(new Port(Integer.parseInt(String.valueOf(m.get("published"))),
                            Integer.parseInt(String.valueOf(m.get("target")))));
                } else if (p != null && !(p instanceof Map<?, ?>)) {
                    String spec = String.valueOf(p).replaceFirst("/(tcp|udp|sctp)$", "");
                    String[] parts = spec.split(":");
                    if (parts.length >= 2) {
                        out.add(new Port(Integer.parseInt(parts[parts.length - 2]),
                                Integer.parseInt(parts[parts.length - 1])));
                    }
                }
            } catch (NumberFormatException e) {
                // a range or a variable: Compose resolves it, the container tells the port
            }
        }
        return out;
    }

    private static List<String> dependsOn(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        return List.of();
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
