package io.guichet.app.cli;

import io.guichet.app.health.HttpPortUnavailableException;
import io.guichet.app.node.SchemaMismatchException;
import io.guichet.db.DatabaseUnavailableException;
import io.guichet.db.MigrationFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure of a subcommand into an exit code. Infrastructure failures an operator can fix (database
 * unreachable, migration refused, a schema this build does not work with, health port taken) print their message only, no stack trace, and exit with 1. Anything else is a
 * bug: its stack trace is printed and the exit code is 70 ({@code EX_SOFTWARE}).
 */
public final class CliFailures implements IExecutionExceptionHandler {

    /** An operator can fix the cause: the database, a migration, the health port. */
    public static final int INFRASTRUCTURE = 1;
    /** A command-line argument is wrong; the message names it and what is accepted. */
    public static final int USAGE = 2;
    /** The configuration is wrong; the message names each bad setting ({@code EX_CONFIG}). */
    public static final int CONFIG = 78;
    /** A bug in Guichet. */
    public static final int BUG = 70;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        if (failure instanceof DatabaseUnavailableException || failure instanceof MigrationFailedException
                || failure instanceof HttpPortUnavailableException || failure instanceof SchemaMismatchException) {
            command.getErr().println("guichet: " + failure.getMessage());
            return INFRASTRUCTURE;
        }
        command.getErr().println("guichet: unexpected failure, please report it with what follows:");
        failure.printStackTrace(command.getErr());
        return BUG;
    }
}
