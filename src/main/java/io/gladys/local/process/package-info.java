/**
 * What the operating system says of processes, for the local backend and its runner alike: whether a
 * pid is still the process that was recorded (by its start time), process groups and their members,
 * signals. Never signals a pid alone without checking it.
 */
package io.gladys.local.process;
