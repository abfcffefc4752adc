package io.gladys.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Docker engine, through its API (docker-java), found as the docker CLI finds it (DOCKER_HOST, else
 * the local socket). Short timeouts: a goal that finds no engine says so rather than hanging.
 */
public final class DockerEngine implements AutoCloseable {

    private final DockerClientConfig config;
    private final DockerClient client;

    public DockerEngine() {
        this.config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    public String host() {
        return config.getDockerHost().toString();
    }

    /** Empty when the engine answers, else why it does not. */
    public Optional<String> unavailable() {
        try {
            client.pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c.getCause() != null) {
                c = c.getCause();
            }
            return Optional.of("no Docker engine answers at " + host() + " (" + (c.getMessage() == null
                    ? c.getClass().getSimpleName() : c.getMessage()) + ")");
        }
    }

    /** When the image was created, or empty when the engine has no such image. */
    public Optional<Instant> imageCreated(String name) {
        try {
            InspectImageResponse r = client.inspectImageCmd(name).exec();
            return Optional.ofNullable(r.getCreated()).map(Instant::parse);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
