package io.guichet.app.cli.admin;

import io.guichet.app.cli.CliFailures;

/**
 * An expected refusal of an admin command: a bad argument (exit 2) or a name that does not exist (exit 1). The
 * message is printed as is: one line saying what was wrong and what is accepted.
 */
final class AdminProblem extends RuntimeException {

    private final int exitCode;

    private AdminProblem(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static AdminProblem usage(String message) {
        return new AdminProblem(message, CliFailures.USAGE);
    }

    static AdminProblem notFound(String message) {
        return new AdminProblem(message, CliFailures.INFRASTRUCTURE);
    }

    /** A setting the command needs is missing (exit 78). */
    static AdminProblem config(String message) {
        return new AdminProblem(message, CliFailures.CONFIG);
    }

    /** Something outside Guichet failed (the mailbox): exit 1. */
    static AdminProblem infrastructure(String message) {
        return new AdminProblem(message, CliFailures.INFRASTRUCTURE);
    }

    int exitCode() {
        return exitCode;
    }
}
