/** The reference Executive stub: answers routed events, reports its memory backend and its (absent) LLM. */
package io.gladys.reference.executive;
