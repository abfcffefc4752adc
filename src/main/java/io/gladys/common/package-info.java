/**
 * Small helpers every other package uses, each written once: files that appear whole or not at all
 * ({@link io.gladys.common.AtomicWrite}), SHA-256 in hex ({@link io.gladys.common.Sha256}), and
 * durations as messages and reports print them ({@link io.gladys.common.Durations}). Depends on the
 * JDK only.
 */
package io.gladys.common;
