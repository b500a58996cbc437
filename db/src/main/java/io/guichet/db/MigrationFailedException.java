package io.guichet.db;

/**
 * A Flyway migration could not be applied or the applied ones do not match the scripts (edited after merge,
 * missing, failed earlier). The message is Flyway's own explanation, meant for an operator.
 */
public final class MigrationFailedException extends RuntimeException {

    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
