/**
 * The docker environment for a project without a Compose file: {@link
 * io.gladys.docker.reference.ReferenceComposeProject}, a {@link io.gladys.docker.GeneratedProject}, writes a
 * Compose project that runs the catalog's database on a PostgreSQL image and the plugin's own Java services
 * in an image built from the plugin's jars on a Java base image. scripts/offline-base-images.sh makes both
 * base images without a registry.
 */
package io.gladys.docker.reference;
