package io.gladys.stack;

/** A stack operation that could not be done; the message says what, why, and what to do. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
