package io.gladys.db;

/** No connection could be made at all (refused, unknown host, timed out): the database is down or elsewhere. */
public class DatabaseUnreachableException extends DatabaseException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
