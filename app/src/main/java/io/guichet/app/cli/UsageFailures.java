package io.guichet.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * Bad usage (a missing or malformed argument, an unknown option): one line naming the argument and what is
 * accepted, a pointer to {@code --help} rather than the whole usage text, and exit code 2.
 */
public final class UsageFailures implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        String message = failure.getMessage().strip();
        err.println("guichet: " + message + (message.endsWith(".") ? "" : ".")
                + " Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.flush();
        return CliFailures.USAGE;
    }
}
