package io.gladys.plugin;

/**
 * The -D names of parameters that messages mention, in one place: used in {@code @Parameter(property)}
 * and in the messages, so the two cannot drift apart.
 */
final class PropertyNames {

    static final String OUTPUT = "gladys.output";

    private PropertyNames() {
    }
}
