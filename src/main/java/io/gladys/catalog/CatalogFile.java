package io.gladys.catalog;

import io.gladys.config.PropertyNames;
import io.gladys.config.ConfigException;
import io.gladys.config.Placeholders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A catalog kept in a file: the same elements as the pom's {@code <services>} and {@code <database>},
 * under a {@code <catalog>} root. Values may hold {@code ${VAR}} / {@code ${VAR:-default}}
 * placeholders, filled from the process environment, then the project's {@code .env}. One element
 * the pom does not have: {@code <javaMain>}, a main class on the plugin's own class path, launched
 * with the plugin's JVM (the reference services).
 *
 * <pre>{@code
 * <catalog>
 *   <services>
 *     <service>
 *       <name>memory-python</name>
 *       <localPort>${MEMORY_PYTHON_PORT:-50051}</localPort>
 *       <command><arg>uv</arg><arg>run</arg><arg>python</arg><arg>-m</arg><arg>gladys_memory</arg></command>
 *       ...
 *     </service>
 *   </services>
 *   <database><host>${DB_HOST:-localhost}</host>...</database>
 * </catalog>
 * }</pre>
 *
 * @param services the entries, partial or whole, as the pom's would be
 * @param database the {@code <database>} elements given, by element name (lists comma-separated)
 */
public record CatalogFile(String source, List<ServiceDefinition> services, Map<String, String> database) {

    /** The catalogs shipped in the plugin, by the name {@code <catalog>} takes. */
    public static final Set<String> BUILT_IN = Set.of("reference", "gladys-checkout");

    private static final Set<String> SERVICE_ELEMENTS = Set.of("name", "description", "group", "aliases", "localPort",
            "dockerPort", "fixedPort", "command", "javaMain", "workingDirectory", "environmentVariables", "composeService",
            "dependsOn", "health", "healthService", "healthPath", "startTimeout", "stopSignal",
            "stopCommand", "environment", "restart", "maxRestarts");

    /** A catalog shipped in the plugin. */
    public static CatalogFile builtIn(String name, JavaLaunch java, Function<String, String> variables) {
        if (!BUILT_IN.contains(name)) {
            throw new CatalogException("Unknown catalog '" + name + "' (<catalog>, " + PropertyNames.CATALOG + "). Built-in catalogs: "
                    + String.join(", ", BUILT_IN.stream().sorted().toList())
                    + "; a catalog of your own goes in a file named by <catalogFile>.");
        }
        String resource = "/io/gladys/catalog/" + name + ".xml";
        try (InputStream in = CatalogFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the plugin lacks its catalog " + resource);
            }
            return parse(in, "the built-in catalog '" + name + "'", java, variables);
        } catch (IOException e) {
            throw new CatalogException("Cannot read the built-in catalog '" + name + "': " + e.getMessage());
        }
    }

    /** A catalog file of the project's. */
    public static CatalogFile read(Path file, JavaLaunch java, Function<String, String> variables) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException("The catalog file " + file + " (<catalogFile>, " + PropertyNames.CATALOG_FILE + ") does not exist.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), java, variables);
        } catch (IOException e) {
            throw new CatalogException("Cannot read the catalog file " + file + ": " + e.getMessage());
        }
    }

    static CatalogFile parse(InputStream in, String source, JavaLaunch java, Function<String, String> variables) {
        Element root = document(in, source).getDocumentElement();
        if (!"catalog".equals(root.getTagName())) {
            throw new CatalogException(source + ": the root element must be <catalog>, not <" + root.getTagName() + ">.");
        }
        Reader r = new Reader(source, java, variables);
        List<ServiceDefinition> services = new ArrayList<>();
        Map<String, String> database = new LinkedHashMap<>();
        for (Element e : children(root)) {
            switch (e.getTagName()) {
                case "services" -> {
                    for (Element s : children(e)) {
                        if (!"service".equals(s.getTagName())) {
                            throw new CatalogException(source + ": <services> holds <service> elements, not <"
                                    + s.getTagName() + ">.");
                        }
                        services.add(r.service(s));
                    }
                }
                case "database" -> {
                    for (Element d : children(e)) {
                        List<Element> items = children(d);
                        database.put(d.getTagName(), items.isEmpty() ? r.text(d, "database")
                                : String.join(",", items.stream().map(i -> r.text(i, "database")).toList()));
                    }
                }
                default -> throw new CatalogException(source + ": unknown element <" + e.getTagName()
                        + "> under <catalog> (expected <services>, <database>).");
            }
        }
        return new CatalogFile(source, services, database);
    }

    /** Turns one {@code <service>} into a definition, with its placeholders filled. */
    private record Reader(String source, JavaLaunch java, Function<String, String> variables) {

        ServiceDefinition service(Element s) {
            Map<String, Element> f = new LinkedHashMap<>();
            for (Element c : children(s)) {
                if (!SERVICE_ELEMENTS.contains(c.getTagName())) {
                    throw new CatalogException(source + ": unknown element <" + c.getTagName() + "> in a <service>. "
                            + "Elements: " + String.join(", ", SERVICE_ELEMENTS.stream().sorted().toList()) + ".");
                }
                f.put(c.getTagName(), c);
            }
            if (!f.containsKey("name")) {
                throw new CatalogException(source + ": a <service> has no <name>.");
            }
            String name = text(f.get("name"), "a service");
            String where = "service '" + name + "'";
            ServiceDefinition.Builder b = ServiceDefinition.builder(name);
            b.description(opt(f, "description", where)).group(opt(f, "group", where))
                    .workingDirectory(opt(f, "workingDirectory", where))
                    .composeService(opt(f, "composeService", where))
                    .healthService(opt(f, "healthService", where))
                    .healthPath(opt(f, "healthPath", where))
                    .localPort(port(f, "localPort", where)).dockerPort(port(f, "dockerPort", where));
            String fixed = opt(f, "fixedPort", where);
            if (fixed != null) {
                b.fixedPort(Boolean.parseBoolean(fixed.trim()));
            }
            if (f.containsKey("aliases")) {
                b.aliases(list(f.get("aliases"), where));
            }
            if (f.containsKey("command") && f.containsKey("javaMain")) {
                throw new CatalogException(source + ": " + where + " has both <command> and <javaMain>; give one.");
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (f.containsKey("command")) {
                b.command(list(f.get("command"), where));
            } else if (f.containsKey("javaMain")) {
                b.command(java.command(text(f.get("javaMain"), where)));
                env.putAll(java.environment());
            }
            if (f.containsKey("environmentVariables")) {
                for (Element v : children(f.get("environmentVariables"))) {
                    env.put(v.getTagName(), text(v, where));
                }
            }
            if (!env.isEmpty()) {
                b.environment(env);
            }
            if (f.containsKey("dependsOn")) {
                b.dependsOn(list(f.get("dependsOn"), where).stream().map(Dependency::parse).toList());
            }
            String health = opt(f, "health", where);
            if (health != null) {
                b.health(HealthKind.parse(health));
            }
            String timeout = opt(f, "startTimeout", where);
            if (timeout != null) {
                b.startTimeout(Duration.ofSeconds(number(timeout, "startTimeout", where)));
            }
            String signal = opt(f, "stopSignal", where);
            if (signal != null) {
                b.stopSignal(signal.trim().toUpperCase(Locale.ROOT).replaceFirst("^SIG", ""));
            }
            if (f.containsKey("stopCommand")) {
                b.stopCommand(list(f.get("stopCommand"), where));
            }
            String restart = opt(f, "restart", where);
            String maxRestarts = opt(f, "maxRestarts", where);
            if (restart != null || maxRestarts != null) {
                try {
                    b.restart(RestartPolicy.of(restart, maxRestarts == null ? null
                            : (int) number(maxRestarts, "maxRestarts", where)));
                } catch (CatalogException e) {
                    throw new CatalogException(source + ": " + where + ": " + e.getMessage());
                }
            }
            String environment = opt(f, "environment", where);
            if (environment != null) {
                try {
                    b.runsIn(Environment.parseElement(environment.trim(), "<environment>"));
                } catch (CatalogException e) {
                    throw new CatalogException(source + ": " + where + ": " + e.getMessage());
                }
            }
            return b.build();
        }

        private String opt(Map<String, Element> f, String element, String where) {
            return f.containsKey(element) ? text(f.get(element), where) : null;
        }

        private Integer port(Map<String, Element> f, String element, String where) {
            String v = opt(f, element, where);
            if (v == null) {
                return null;
            }
            int p = number(v, element, where);
            if (p < 1 || p > 65535) {
                throw new CatalogException(source + ": <" + element + "> of " + where + " is " + p
                        + ", not a port (1-65535).");
            }
            return p;
        }

        private int number(String v, String element, String where) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new CatalogException(source + ": <" + element + "> of " + where + " is '" + v
                        + "', not a number.");
            }
        }

        private List<String> list(Element e, String where) {
            return children(e).stream().map(c -> text(c, where)).toList();
        }

        String text(Element e, String where) {
            try {
                return Placeholders.expand(e.getTextContent().strip(), variables, source + ", " + where + " <"
                        + e.getTagName() + ">");
            } catch (ConfigException x) {
                throw new CatalogException(x.getMessage());
            }
        }
    }

    private static Document document(InputStream in, String source) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(in);
        } catch (SAXException e) {
            throw new CatalogException(source + " is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new CatalogException("Cannot read " + source + ": " + e.getMessage());
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
