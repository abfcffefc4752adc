package io.gladys.plugin;

import io.gladys.db.DatabaseException;
import io.gladys.session.BuildContext;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the configuration asks of the build, answered by Maven: artifacts, settings.xml servers, -D properties. */
final class MavenBuildContext implements BuildContext {

    private final MavenSession session;
    private final MavenProject project;
    private final PluginDescriptor plugin;
    private final Settings settings;
    private final Components components;

    /** The components Maven injects into the goal. */
    record Components(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
    }

    MavenBuildContext(MavenSession session, MavenProject project, PluginDescriptor plugin, Settings settings,
                      Components components) {
        this.session = session;
        this.project = project;
        this.plugin = plugin;
        this.settings = settings;
        this.components = components;
    }

    @Override
    public Path resolveArtifact(String coordinates) {
        ArtifactRequest req = new ArtifactRequest(new DefaultArtifact(coordinates),
                project.getRemotePluginRepositories(), null);
        try {
            return components.repositorySystem().resolveArtifact(session.getRepositorySession(), req).getArtifact()
                    .getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<Credentials> server(String id) {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult r = components.settingsDecrypter().decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : r.getProblems()) {
            if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new DatabaseException("Cannot decrypt the password of settings.xml server '" + id + "': "
                        + p.getMessage());
            }
        }
        return Optional.of(new Credentials(r.getServer().getUsername(), r.getServer().getPassword()));
    }

    @Override
    public Optional<String> commandLineProperty(String key) {
        String v = session.getUserProperties().getProperty(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    @Override
    public List<PluginJar> pluginClasspath() {
        List<Artifact> artifacts = new ArrayList<>();
        if (plugin.getPluginArtifact() != null) {
            artifacts.add(plugin.getPluginArtifact());
        }
        if (plugin.getArtifacts() != null) {
            artifacts.addAll(plugin.getArtifacts());
        }
        List<PluginJar> jars = new ArrayList<>();
        for (Artifact a : artifacts) {
            if (a.getFile() != null) {
                jars.add(new PluginJar(a.getFile().toPath(), a.isSnapshot()));
            }
        }
        return jars;
    }

    @Override
    public Map<String, String> environment() {
        return System.getenv();
    }
}
