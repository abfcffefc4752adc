/**
 * The reference Salience Gateway: evaluates events against heuristics, with a bounded LRU cache that
 * fetches from Memory Storage on a miss, and the cache RPCs the cache goals call.
 */
package io.gladys.reference.gateway;
