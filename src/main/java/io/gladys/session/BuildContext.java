package io.gladys.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What only the build tool knows, as the configuration needs it: the plugin implements it over Maven's
 * session (plugin/MavenBuildContext); tests implement it with plain values.
 */
public interface BuildContext {

    /**
     * Resolves an artifact ({@code groupId:artifactId[:extension[:classifier]]:version}) from the build's
     * repositories into a local file.
     *
     * @throws IllegalStateException with the build tool's reason when it cannot
     */
    Path resolveArtifact(String coordinates);

    /**
     * A settings.xml {@code <server>}'s username and password, decrypted; empty when there is no such server.
     *
     * @throws io.gladys.db.DatabaseException when its password cannot be decrypted
     */
    Optional<Credentials> server(String id);

    /** A property given for this run ({@code -D}), never a project property; blank counts as not given. */
    Optional<String> commandLineProperty(String key);

    /** The plugin's own jar and those it depends on, in class path order. */
    List<PluginJar> pluginClasspath();

    /** The build's environment variables. */
    Map<String, String> environment();

    /** A server's credentials; either may be null. */
    record Credentials(String username, String password) {
    }

    /** A jar of the plugin's class path; a snapshot may be overwritten in place by a later install. */
    record PluginJar(Path file, boolean snapshot) {
    }
}
