/**
 * The runner: a small JVM per local service that starts it, keeps its output in a rotating log, records
 * its own and the service's identity (pid and start time) and how the service ended, and ends what the
 * service spawned. Runs outside Maven; depends on the process table and the common helpers only.
 */
package io.gladys.local.runner;
