/**
 * gRPC clients of the GLADyS services: one channel per address for a goal
 * ({@link io.gladys.grpc.GrpcChannels}), the Salience Gateway's cache RPCs, event publishing, and the GLADyS
 * health calls.
 */
package io.gladys.grpc;
