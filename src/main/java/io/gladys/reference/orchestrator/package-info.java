/** The reference Orchestrator: routes published events through the gateway into memory and the executive. */
package io.gladys.reference.orchestrator;
