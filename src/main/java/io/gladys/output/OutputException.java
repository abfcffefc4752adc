package io.gladys.output;

/** A goal's data could not be written where it was asked to go; nothing was left half written. */
public class OutputException extends RuntimeException {
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
