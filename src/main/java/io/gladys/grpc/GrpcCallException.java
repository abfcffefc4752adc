package io.gladys.grpc;

/** A gRPC call that failed, with a message that names the service, the call and the reason. */
public class GrpcCallException extends RuntimeException {
    public GrpcCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
