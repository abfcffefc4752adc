package io.gladys.docker.reference;

import io.gladys.common.Sha256;
import io.gladys.common.AtomicWrite;
import io.gladys.catalog.Catalog;
import io.gladys.config.PropertyNames;
import io.gladys.catalog.Dependency;
import io.gladys.catalog.Environment;
import io.gladys.catalog.JavaLaunch;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.Secret;
import io.gladys.docker.ContainerEngine;
import io.gladys.docker.DockerBackend;
import io.gladys.docker.GeneratedProject;
import io.gladys.docker.DockerException;
import io.gladys.stack.StackAddresses;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Compose project of the docker environment for a project that has no Compose file of its own: the
 * catalog's database on a PostgreSQL image (used through the official image's interface:
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, {@code POSTGRES_DB}, port 5432), and every service the
 * plugin launches as a Java main class from its own class path, in one image built {@code FROM} a Java base
 * image with the plugin's jars copied in. Neither base image holds GLADyS code.
 *
 * <p>How the docker backend uses it, when no Compose file is found:
 * <pre>{@code
 * ReferenceComposeProject project = ReferenceComposeProject.builder(stateDirectory.resolve("docker"))
 *         .catalog(catalog)              // the database and services whose command is a launch of `java`
 *         .java(config.java())           // the plugin's JavaLaunch: its class path (jars) and JVM options
 *         .javaImage(javaImage)          // gladys.docker.javaImage, default eclipse-temurin:17-jre
 *         .postgresImage(postgresImage)  // gladys.docker.postgresImage, default pgvector/pgvector:pg17
 *         .database(name, user, password)
 *         .build();
 * ReferenceComposeProject.Written written = project.write(); // compose.yaml and context/, rewritten on change only
 * project.ensureImage(engine);                                 // builds the services' image when the engine lacks it
 * // then the Compose CLI: -p <project name> -f written.composeFile() up -d ..., with
 * // project.composeEnvironment() added to its environment (the password is not written into the file)
 * project.removeOtherImages(engine);                           // after up: images of earlier plugin builds
 * }</pre>
 *
 * <p>What it writes, under the given directory: {@code compose.yaml} (file format 2.4, which Compose v1
 * 1.29 and v2 both accept, with {@code depends_on} conditions), and {@code context/} with a Dockerfile and
 * the class path under {@code lib/}. Every port is published on one address (127.0.0.1 unless told
 * otherwise: a remote engine's are published where this machine reaches them): the database's
 * {@code dockerPort} to its 5432, each service's {@code dockerPort} to the port it listens on inside its
 * container, its {@code localPort} (as GLADyS's own Compose files do: 50051 inside, 50061 published).
 * Services reach each other over the Compose network by service name: they get the same variables as
 * local processes ({@link StackAddresses}), pointing at {@code <compose service>:<container port>}.
 *
 * <p>The output is deterministic: the same catalog, jars and images give the same bytes, so nothing is
 * rewritten (and Compose recreates no container) when nothing changed. The image's tag is a hash of its
 * Dockerfile, which names the base image and the hash of every jar's content: a changed plugin gets a new
 * image, an unchanged one reuses the one it built.
 *
 * <p>The image is built with docker-java's build on the written context ({@link #ensureImage}), not by
 * {@code compose build}: the engine and its API are needed anyway, an unchanged image is found by its tag
 * without sending a context, and it works whatever Compose CLI is installed (Compose v2 hands builds to
 * buildx, which engines such as Debian's do not have; v1 builds through its own Python client). Jib was
 * not chosen: its daemon target would have to export the base image out of the engine to layer on it, and
 * it would be one more dependency for what one {@code COPY} does. The {@code build} section stays in the
 * Compose file so that {@code docker compose up --build} by hand works too.
 *
 * <p>Healthchecks: the database has one ({@code pg_isready} over TCP, which the official image and
 * scripts/offline-base-images.sh's image both answer), so services that need it healthy wait for it in
 * Compose too. Java services have none (their images hold no gRPC client); a dependency on one is
 * {@code service_started} in Compose, and the plugin waits for their GLADyS health on the published
 * ports in dependency order, as it does locally.
 */
public final class ReferenceComposeProject implements GeneratedProject {

    /** Repository of the services' image; the tag is the content hash. */
    public static final String DEFAULT_IMAGE_REPOSITORY = "gladys-reference";
    /** Label on the services' image, so the images the plugin built can be found (and removed). */
    public static final String IMAGE_LABEL = "io.gladys.reference";
    /** Label on every Compose service: the catalog name it stands for. */
    public static final String SERVICE_LABEL = "io.gladys.service";
    /** The variable the Compose CLI must have: the database password, kept out of the written file. */
    public static final String PASSWORD_VARIABLE = "GLADYS_DB_PASSWORD";
    /** The port of the official postgres image's interface. */
    public static final int POSTGRES_PORT = 5432;

    static final String COMPOSE_FILE = "compose.yaml";
    static final String CONTEXT = "context";
    private static final String LIB_IN_IMAGE = "/opt/gladys/lib/";
    private static final String DB_VOLUME = "db-data";
    /** Compose stops with this message when the variable is not set (an empty one is allowed: trust). */
    private static final String PASSWORD_REFERENCE = "${" + PASSWORD_VARIABLE + "?set " + PASSWORD_VARIABLE
            + " to the database password (the plugin does when it runs Compose)}";

    private final Path directory;
    private final Catalog catalog;
    private final JavaLaunch java;
    private final String javaImage;
    private final String postgresImage;
    private final String dbName;
    private final String dbUser;
    private final Secret dbPassword;
    private final String imageRepository;
    private final String publishAddress;
    private Rendered rendered;

    private ReferenceComposeProject(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.java = Objects.requireNonNull(b.java, "java");
        this.javaImage = requireText(b.javaImage, "javaImage");
        this.postgresImage = requireText(b.postgresImage, "postgresImage");
        this.dbName = requireText(b.dbName, "database name");
        this.dbUser = requireText(b.dbUser, "database user");
        this.dbPassword = b.dbPassword == null ? Secret.of("") : b.dbPassword;
        this.imageRepository = requireText(b.imageRepository, "imageRepository");
        this.publishAddress = requireText(b.publishAddress, "publishAddress");
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    public Path composeFile() {
        return directory.resolve(COMPOSE_FILE);
    }

    /** The services' image, {@code <repository>:<content hash>}. */
    public String image() {
        return rendered().image;
    }

    /** Variables the Compose CLI needs in its environment to run this project. */
    @Override
    public Map<String, String> composeEnvironment() {
        return Map.of(PASSWORD_VARIABLE, dbPassword.reveal());
    }

    /** The port a service listens on inside its container. */
    public static Integer containerPort(ServiceDefinition s) {
        if (s.isDatabase()) {
            return POSTGRES_PORT;
        }
        return s.localPort() != null ? s.localPort() : s.dockerPort();
    }

    /**
     * Writes the Compose file and the image's build context when they differ from what is there. The
     * context is complete once its Dockerfile is there (written last), so an interrupted write is redone.
     */
    @Override
    public Written write() {
        Rendered r = rendered();
        Path context = directory.resolve(CONTEXT);
        Path dockerfile = context.resolve("Dockerfile");
        try {
            boolean changed = false;
            if (!r.dockerfile.equals(readOrNull(dockerfile))) {
                deleteTree(context);
                Path lib = Files.createDirectories(context.resolve("lib"));
                for (Entry e : r.entries) {
                    copy(e.source, lib.resolve(e.name));
                }
                AtomicWrite.writeString(dockerfile, r.dockerfile);
                changed = true;
            }
            if (!r.compose.equals(readOrNull(composeFile()))) {
                AtomicWrite.writeString(composeFile(), r.compose);
                changed = true;
            }
            return new Written(composeFile(), r.image, changed);
        } catch (IOException e) {
            throw new DockerException("Cannot write the Compose project of the reference services into " + directory
                    + ": " + e.getMessage() + ". Check that the state directory is writable.", e);
        }
    }

    /**
     * Builds the services' image on the engine unless it has it already (by its content-hash tag).
     *
     * @return whether it was built
     */
    @Override
    public boolean ensureImage(ContainerEngine engine) {
        String image = image();
        if (engine.imageCreated(image).isPresent()) {
            return false;
        }
        write();
        Deque<String> lastLines = new ArrayDeque<>();
        try {
            engine.buildImage(directory.resolve(CONTEXT), image, line -> {
                lastLines.addLast(line);
                if (lastLines.size() > 10) {
                    lastLines.removeFirst();
                }
            });
        } catch (RuntimeException e) {
            String hint = engine.imageCreated(javaImage).isPresent() ? ""
                    : " The Java base image '" + javaImage + "' is not on the engine and could not be pulled: pull it, "
                    + "or build the offline base images with scripts/offline-base-images.sh and pass "
                    + "-D" + PropertyNames.DOCKER_JAVA_IMAGE + "=gladys-local/jre:17 -D" + PropertyNames.DOCKER_POSTGRES_IMAGE + "=gladys-local/postgres:17.";
            throw new DockerException("Cannot build the reference services' image " + image + " from "
                    + directory.resolve(CONTEXT) + ": " + e.getMessage() + "." + hint
                    + (lastLines.isEmpty() ? "" : " Last build output:\n  " + String.join("\n  ", lastLines)), e);
        }
        return true;
    }

    /**
     * Removes the images an earlier plugin (other jars, another Java image) built in this image
     * repository, so that rebuilding the plugin does not leave one image behind per build. An image that a
     * container still uses, running or stopped, is kept: call this after Compose has recreated the
     * containers on the current image.
     *
     * @return the tags removed
     */
    @Override
    public List<String> removeOtherImages(ContainerEngine engine) {
        String current = image();
        List<String> removed = new ArrayList<>();
        for (String tag : engine.imageTags(IMAGE_LABEL)) {
            if (tag.startsWith(imageRepository + ":") && !tag.equals(current) && engine.removeImage(tag)) {
                removed.add(tag);
            }
        }
        return removed;
    }

    private Rendered rendered() {
        if (rendered == null) {
            List<Entry> entries = entries(java.classpath());
            String dockerfile = dockerfile(entries);
            String image = imageRepository + ":" + Sha256.hex(dockerfile).substring(0, 16);
            rendered = new Rendered(entries, dockerfile, image, compose(image));
        }
        return rendered;
    }

    private record Rendered(List<Entry> entries, String dockerfile, String image, String compose) {
    }

    /** One class path entry, the name it gets under lib/, and the hash of its content. */
    private record Entry(Path source, String name, String hash) {
    }

    private static List<Entry> entries(List<Path> classpath) {
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new DockerException("The class path entry " + p + " does not exist; the reference services' image "
                        + "cannot be made without it. Rebuild the plugin (or its project) and try again.", null);
            }
            // numbered: two jars of one name from different groups must not overwrite each other
            entries.add(new Entry(p, String.format("%03d-%s", i++, p.getFileName()), contentHash(p)));
        }
        return entries;
    }

    private String dockerfile(List<Entry> entries) {
        StringBuilder cp = new StringBuilder();
        StringBuilder hashes = new StringBuilder();
        for (Entry e : entries) {
            cp.append(cp.isEmpty() ? "" : ":").append(LIB_IN_IMAGE).append(e.name);
            hashes.append("# ").append(e.hash).append(' ').append(e.name).append('\n');
        }
        return "# Written by gladys-maven-plugin: its Java services on a Java base image that holds no GLADyS code.\n"
                + "# Content of lib/ (sha256), so that a changed jar changes this file and the image's tag:\n"
                + hashes
                + "FROM " + javaImage + "\n"
                + "COPY lib/ " + LIB_IN_IMAGE + "\n"
                + "ENV CLASSPATH=" + cp + "\n"
                + "LABEL " + IMAGE_LABEL + "=\"true\"\n"
                + "# the services need no privileges\n"
                + "USER 65534:65534\n";
    }

    private String compose(String image) {
        ServiceDefinition db = catalog.find(ServiceDefinition.DATABASE).orElse(null);
        DatabaseTarget inNetwork = db == null ? null : new DatabaseTarget(inContainers(db) ? db.composeService()
                : DockerBackend.HOST_FROM_CONTAINERS, inContainers(db) ? POSTGRES_PORT : db.localPort(), dbName, dbUser,
                Secret.of(PASSWORD_REFERENCE));
        // services reach each other over the Compose network by service name, on their container ports, and the
        // services that run as local processes on this machine, as host.docker.internal
        StackAddresses addresses = new StackAddresses(catalog, Environment.DOCKER.id(),
                s -> inContainers(s) ? s.composeService() : DockerBackend.HOST_FROM_CONTAINERS,
                s -> inContainers(s) ? containerPort(s) : s.localPort(), inNetwork);
        boolean othersOnTheHost = catalog.services().stream().anyMatch(s -> !inContainers(s));

        Map<String, Object> services = new LinkedHashMap<>();
        for (ServiceDefinition s : catalog.resolve(Catalog.ALL)) {
            if (!inContainers(s)) {
                continue;
            }
            Map<String, Object> service = s.isDatabase() ? database(s) : javaService(s, image, addresses);
            service.put("ports", List.of(hostAddress(publishAddress) + ":" + publishedPort(s) + ":" + containerPort(s)));
            Map<String, Object> dependsOn = dependsOn(s);
            if (!dependsOn.isEmpty()) {
                service.put("depends_on", dependsOn);
            }
            if (othersOnTheHost) {
                // Linux engines know host.docker.internal only when told: the host's address on the bridge
                service.put("extra_hosts", List.of(DockerBackend.HOST_FROM_CONTAINERS + ":host-gateway"));
            }
            service.put("stop_signal", "SIG" + s.stopSignal());
            service.put("labels", Map.of(SERVICE_LABEL, s.name()));
            services.put(s.composeService(), service);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        // 2.4: the last format Compose v1 reads that has depends_on conditions; v2 reads it too
        root.put("version", "2.4");
        root.put("services", services);
        if (db != null && inContainers(db)) {
            root.put("volumes", Map.of(DB_VOLUME, Map.of()));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        return "# Written by gladys-maven-plugin for the docker environment of a project without a Compose file;\n"
                + "# rewritten whenever the catalog or the plugin changes. Needs " + PASSWORD_VARIABLE
                + " in the environment.\n"
                + new Yaml(options).dump(root);
    }

    private Map<String, Object> database(ServiceDefinition db) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", escape(postgresImage));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_DB", escape(dbName));
        env.put("POSTGRES_USER", escape(dbUser));
        env.put("POSTGRES_PASSWORD", PASSWORD_REFERENCE);
        s.put("environment", env);
        s.put("volumes", List.of(DB_VOLUME + ":/var/lib/postgresql/data"));
        // over TCP: during its first initialisation the official image runs a server on the socket only
        Map<String, Object> healthcheck = new LinkedHashMap<>();
        healthcheck.put("test", List.of("CMD", "pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(POSTGRES_PORT),
                "-U", escape(dbUser), "-d", escape(dbName)));
        healthcheck.put("interval", "1s");
        healthcheck.put("timeout", "5s");
        healthcheck.put("retries", 180);
        s.put("healthcheck", healthcheck);
        return s;
    }

    private Map<String, Object> javaService(ServiceDefinition svc, String image, StackAddresses addresses) {
        List<String> main = java.mainOf(svc.command()).orElseThrow(() -> new DockerException("Service '" + svc.name()
                + "' runs '" + String.join(" ", svc.command()) + "', which the plugin cannot put into a container: "
                + "only the database and the plugin's own Java services run without a Compose file. Give the project "
                + "a Compose file with this service (" + PropertyNames.COMPOSE_FILE + "), or leave it out with "
                + "<defaultCatalog>false</defaultCatalog> or its own <dockerPort>-less definition.", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", escape(image));
        s.put("build", Map.of("context", "./" + CONTEXT));
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(java.jvmOptions());
        command.addAll(main);
        s.put("command", command.stream().map(ReferenceComposeProject::escape).toList());
        // what a local process gets (the stack's variables, then the service's own), less the host's class
        // path: the image has its own
        Map<String, String> env = new TreeMap<>(addresses.variablesFor(svc));
        env.putAll(svc.environment());
        java.environment().keySet().forEach(env::remove);
        // inside a container the service must listen on every interface; the port is published on one address
        env.put("GLADYS_BIND_ADDRESS", "0.0.0.0");
        env.replaceAll((k, v) -> PASSWORD_REFERENCE.equals(v) ? v : escape(v));
        s.put("environment", env);
        return s;
    }

    private Integer publishedPort(ServiceDefinition s) {
        if (s.dockerPort() == null) {
            throw new DockerException("Service '" + s.name() + "' has no <dockerPort>: the plugin reaches the "
                    + "services of the docker environment on their published ports. Give it one.", null);
        }
        return s.dockerPort();
    }

    /**
     * Compose v1-compatible conditions: healthy where the dependency has a Compose healthcheck (the
     * database), else started (the plugin itself waits for the dependency's health before going on).
     */
    private Map<String, Object> dependsOn(ServiceDefinition s) {
        Map<String, Object> deps = new LinkedHashMap<>();
        for (Dependency d : s.dependsOn()) {
            ServiceDefinition target = catalog.get(d.service());
            if (!inContainers(target)) {
                continue; // a local process: the plugin starts it first, Compose does not know it
            }
            // the plugin launches each container itself (up --no-deps): these conditions serve a compose up by
            // hand, which keeps the database healthy first also for a "launched" edge (Compose has no such one)
            boolean healthy = d.condition() != Dependency.Condition.STARTED && target.isDatabase();
            deps.put(target.composeService(), Map.of("condition", healthy ? "service_healthy" : "service_started"));
        }
        return deps;
    }

    /** Whether the service runs in this project (the stack's docker part), not as a local process. */
    private static boolean inContainers(ServiceDefinition s) {
        return s.runsIn() == null || s.runsIn() == Environment.DOCKER;
    }

    /** Compose interpolates $ in every value: a literal one is written $$. */
    static String escape(String value) {
        return value.replace("$", "$$");
    }

    private static String readOrNull(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }


    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** sha256 of a jar's bytes, or of a directory's files (relative names and bytes, in name order). */
    private static String contentHash(Path entry) {
        try {
            MessageDigest md = Sha256.digest();
            if (Files.isDirectory(entry)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(entry)) {
                    files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> entry.relativize(p).toString()))
                            .toList();
                }
                for (Path f : files) {
                    md.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    Sha256.update(md, f);
                }
            } else {
                Sha256.update(md, entry);
            }
            return Sha256.hex(md);
        } catch (IOException e) {
            throw new DockerException("Cannot read " + entry + ": " + e.getMessage(), e);
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new DockerException("The reference Compose project needs a " + what + "; none was given.", null);
        }
        return value.trim();
    }

    @Override
    public String publishAddress() {
        return publishAddress;
    }

    /** An IPv6 address in a port mapping goes in brackets ([::1]:5433:5432). */
    private static String hostAddress(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    /** Builder; everything but the image repository and the publish address is required. */
    public static final class Builder {
        private final Path directory;
        private Catalog catalog;
        private JavaLaunch java;
        private String javaImage;
        private String postgresImage;
        private String dbName;
        private String dbUser;
        private Secret dbPassword;
        private String imageRepository = DEFAULT_IMAGE_REPOSITORY;
        private String publishAddress = "127.0.0.1";

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** The services to run: the database, and services whose command is a launch of {@link #java}. */
        public Builder catalog(Catalog v) { catalog = v; return this; }
        /** The plugin's launch: its class path becomes the image's, its JVM options the services'. */
        public Builder java(JavaLaunch v) { java = v; return this; }
        public Builder javaImage(String v) { javaImage = v; return this; }
        public Builder postgresImage(String v) { postgresImage = v; return this; }
        public Builder database(String name, String user, Secret password) {
            dbName = name;
            dbUser = user;
            dbPassword = password;
            return this;
        }
        /** Repository of the services' image (default {@value ReferenceComposeProject#DEFAULT_IMAGE_REPOSITORY}). */
        public Builder imageRepository(String v) { imageRepository = v; return this; }
        /** The host address every port is published on (default 127.0.0.1; 0.0.0.0: every interface). */
        public Builder publishAddress(String v) { publishAddress = v; return this; }

        public ReferenceComposeProject build() {
            return new ReferenceComposeProject(this);
        }
    }
}
