package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property names said once: every name in {@link PropertyNames} is a parameter of the plugin's descriptor
 * (or read from the command line only), and no message in the sources spells a property out by hand, so a
 * message can only name a property through a constant that the first check holds to the descriptor.
 */
class PropertyNamesTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");
    /** A property-like name in a string literal: gladys.x, gladys.x.y (not io.gladys.x, a package). */
    private static final Pattern PROPERTY_LIKE = Pattern.compile("(?:(?<![\\w.])|(?<=-D))gladys\\.[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*");
    /** A short twin in a message: -Dservice=, -Dfile=, ... */
    private static final Pattern SHORT_FLAG = Pattern.compile("-D([a-z]+)(?=[= \"]|$)");
    /** gladys.* names in literals that are not properties: protobuf packages, JUnit report keys. */
    /** What the descriptor's expressions name besides the plugin's properties: Maven's objects, help's own. */
    private static final Set<String> MAVEN_OWN = Set.of("project", "session", "plugin", "settings", "mojoExecution",
            "detail", "goal", "indentSize", "lineLength");
    private static final List<String> NOT_PROPERTIES = List.of("gladys.memory.", "gladys.types.", "gladys.v1.",
            "gladys.contract.");

    @Test
    void everyNameIsAParameterOfTheDescriptorOrReadFromTheCommandLineOnly() throws Exception {
        Set<String> parameters = descriptorProperties();
        List<String> names = constants();
        assertThat(names).hasSizeGreaterThan(60);
        for (String name : names) {
            if (PropertyNames.COMMAND_LINE_ONLY.contains(name)) {
                assertThat(parameters).as("%s is read from the command line only", name).doesNotContain(name);
            } else {
                assertThat(parameters).as("PropertyNames has %s; plugin.xml's parameters do not", name).contains(name);
            }
        }
        // and the other way round: every parameter's property has its constant
        assertThat(names).containsAll(parameters);
    }

    @Test
    void noMessageSpellsAPropertyOutByHand() throws IOException, IllegalAccessException {
        Set<String> shortTwins = new TreeSet<>();
        for (String name : constants()) {
            if (!name.startsWith("gladys.")) {
                shortTwins.add(name);
            }
        }
        List<String> found = new ArrayList<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.endsWith(Path.of("config", "PropertyNames.java"))) {
                    continue;
                }
                for (String literal : literals(Files.readString(f))) {
                    Matcher m = PROPERTY_LIKE.matcher(literal);
                    while (m.find()) {
                        String token = m.group();
                        if (NOT_PROPERTIES.stream().noneMatch(p -> (token + ".").startsWith(p))) {
                            found.add(sources.relativize(f) + ": \"" + literal + "\"");
                        }
                    }
                    Matcher s = SHORT_FLAG.matcher(literal);
                    while (s.find()) {
                        if (shortTwins.contains(s.group(1))) {
                            found.add(sources.relativize(f) + ": \"" + literal + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("property names typed into literals: use io.gladys.config.PropertyNames").isEmpty();
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        assertThat(literals("x(\"a (gladys.start.timeout)\" + y); // \"gladys.in.a.comment\"\n"))
                .containsExactly("a (gladys.start.timeout)");
        assertThat(PROPERTY_LIKE.matcher("did not finish (gladys.start.timeout).").find()).isTrue();
        assertThat(PROPERTY_LIKE.matcher("package io.gladys.stack").find()).isFalse();
        assertThat(PROPERTY_LIKE.matcher("-Dgladys.docker.postgresImage=<image>").find()).isTrue();
        assertThat(SHORT_FLAG.matcher("-Dfile=x runs one file").find()).isTrue();
    }

    private static List<String> constants() throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : PropertyNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    /** The ${...} properties of every goal's parameters in the generated descriptor. */
    private static Set<String> descriptorProperties() throws Exception {
        Set<String> out = new TreeSet<>();
        try (InputStream in = PropertyNamesTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("target/classes/META-INF/maven/plugin.xml").isNotNull();
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            var configurations = doc.getElementsByTagName("configuration");
            for (int i = 0; i < configurations.getLength(); i++) {
                var children = configurations.item(i).getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    Matcher m = EXPRESSION.matcher(children.item(j).getTextContent());
                    if (m.matches() && !MAVEN_OWN.contains(m.group(1)) && !m.group(1).startsWith("project.")
                            && !m.group(1).startsWith("session.")) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    /** The string literals of a Java source, outside comments. */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            if (src.startsWith("//", i)) {
                int j = src.indexOf('\n', i);
                i = j < 0 ? n : j;
            } else if (src.startsWith("/*", i)) {
                int j = src.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
            } else if (src.charAt(i) == '\'') {
                int j = i + 1;
                while (src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (src.charAt(i) == '"') {
                int j = i + 1;
                while (src.charAt(j) != '"') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(src.substring(i + 1, j));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
