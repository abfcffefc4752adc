/**
 * The docker environment: {@link io.gladys.docker.DockerBackend} implements the stack's backend with the
 * installed Compose CLI ({@link io.gladys.docker.ComposeCli}) creating containers and the engine's API
 * ({@link io.gladys.docker.ContainerEngine}, docker-java in {@link io.gladys.docker.DockerEngine}) doing
 * everything else; containers are found by their Compose labels. It runs the project's own Compose file
 * ({@link io.gladys.docker.ComposeFile}), or one the plugin writes ({@link io.gladys.docker.GeneratedProject});
 * {@link io.gladys.docker.DockerPolicy} is what the environment says of ports, hosts and the database;
 * {@link io.gladys.docker.DockerSettings} holds the parameters. {@link io.gladys.docker.DockerEndpoint} is the
 * one engine a goal uses (found as the docker CLI finds it, with its TLS material), for the API and every
 * Compose run; {@code TlsFailure} says what a failed handshake means; {@link io.gladys.docker.EngineHostPorts}
 * picks dynamic ports free on a remote engine's host.
 */
package io.gladys.docker;
