package io.gladys.sync;

/** sync-check could not run at all (no canonical proto directory, unreadable project): says what and why. */
public final class SyncException extends RuntimeException {

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
