/**
 * The built-in GLADyS contract suite (gladys:test's second suite): checks that whatever runs in the stack
 * answers GLADyS's gRPC contracts (health, details, cache, events) as the real services do, and reports
 * as JUnit XML.
 */
package io.gladys.contract;
