/**
 * The docker environment: {@link io.gladys.docker.DockerBackend} implements the stack's backend with the
 * installed Compose CLI ({@link io.gladys.docker.ComposeCli}) creating containers and the engine's API
 * ({@link io.gladys.docker.ContainerEngine}, docker-java in {@link io.gladys.docker.DockerEngine}) doing
 * everything else; containers are found by their Compose labels. {@link io.gladys.docker.ComposeFile} reads
 * what the plugin needs of a Compose file; {@link io.gladys.docker.DockerSettings} holds the parameters.
 */
package io.gladys.docker;
