/**
 * The local environment's records in the state directory: what runs (pids with start times, how each
 * launch was made), how it ended, and where everything is kept. Written by the stack agent, read by
 * every goal; no dependencies beyond the JDK.
 */
package io.gladys.local.state;
