/**
 * What the reference services share: the gRPC server with the GLADyS and standard health services, health
 * details, dependency monitoring, settings from the environment.
 */
package io.gladys.reference.common;
