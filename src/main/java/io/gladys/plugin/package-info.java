/**
 * The Maven side, and the only package that knows Maven: one Mojo per goal, which reads its parameters and
 * calls one thing; {@link io.gladys.plugin.AbstractGladysMojo} holds the shared parameters, the skips and
 * the mapping of failures to build failures; {@link io.gladys.plugin.MavenBuildContext} answers what the
 * Maven-free configuration asks of the build.
 */
package io.gladys.plugin;
