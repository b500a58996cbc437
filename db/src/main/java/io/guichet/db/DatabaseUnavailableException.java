package io.guichet.db;

/**
 * The database could not be reached or started: wrong URL, server down, bad credentials, data directory in use.
 * The message is one line meant for an operator; it never contains a password.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
