package io.gladys.docker;

/** The Docker engine or a Compose file could not be used; the message says why. */
public class DockerException extends RuntimeException {
    public DockerException(String message, Throwable cause) {
        super(message, cause);
    }
}
