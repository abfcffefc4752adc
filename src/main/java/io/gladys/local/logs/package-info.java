/** Service logs of the local environment: rotation, reading the last lines, following several at once. */
package io.gladys.local.logs;
