package io.gladys.sync;

/** A generated stub whose embedded descriptor cannot be found or decoded. */
final class StubFormatException extends Exception {

    StubFormatException(String message) {
        super(message);
    }

    StubFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
