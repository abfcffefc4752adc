/**
 * The lowest layer of configuration: every {@code -D} property name ({@link io.gladys.config.PropertyNames}),
 * the project's {@code .env} file ({@link io.gladys.config.DotEnv}) and {@code ${VAR}} placeholders.
 */
package io.gladys.config;
