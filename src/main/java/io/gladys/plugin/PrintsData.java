package io.gladys.plugin;

/**
 * A goal that prints data (JSON, CSV, a report) and so honours {@code gladys.output}; other goals
 * ignore it, even when a shared plugin configuration sets it.
 */
interface PrintsData {
}
