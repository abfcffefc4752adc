/**
 * gladys:test's work: the project's own integration-test command with the stack's addresses in its
 * environment ({@link io.gladys.integration.TestCommandRunner}), or the contract suite, chosen and run by
 * {@link io.gladys.integration.IntegrationTestRun}.
 */
package io.gladys.integration;
