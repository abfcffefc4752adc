package io.gladys.db;

/** A database operation that could not be done, with a message fit for the user (no password). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
