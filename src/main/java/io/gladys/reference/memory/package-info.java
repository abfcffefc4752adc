/** The reference Memory Storage: heuristics and events in PostgreSQL, with text matching for queries. */
package io.gladys.reference.memory;
