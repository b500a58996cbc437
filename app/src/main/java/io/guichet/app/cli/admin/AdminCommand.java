package io.guichet.app.cli.admin;

import io.guichet.app.cli.CliFailures;
import io.guichet.app.cli.Configured;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.CoreAssembly;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.core.ticket.Actor;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * An admin command: checks its arguments (no connection yet), reads the configuration ({@code --config} and
 * {@code GUICHET_*}), opens the database as it is (never migrated; a schema this build does not know is refused), builds
 * the core's desks on it, runs, and turns an expected refusal into its message and exit code. The operator is named
 * in the audit trail by {@code --as}, or else the system user name.
 */
abstract class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Configured configured;

    @Option(names = "--as", paramLabel = "NAME", description = "The operator named in the audit trail (default: the system user).")
    String operatorName;

    /** The configuration read, for the commands that need more than the database. */
    GuichetConfig config;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            checkArguments();
        } catch (AdminProblem problem) {
            if (problem.exitCode() == CliFailures.USAGE) {
                // the usage form of every bad argument: one line, one pointer to --help, exit 2
                throw new CommandLine.ParameterException(spec.commandLine(), problem.getMessage());
            }
            err.println("guichet: " + problem.getMessage());
            err.flush();
            return problem.exitCode();
        }
        Optional<GuichetConfig> config = configured.read(System.getenv(), err);
        if (config.isEmpty()) {
            return CliFailures.CONFIG;
        }
        this.config = config.get();
        try (DatabaseHandle database = DatabaseHandle.open(config.get().database())) {
            CoreAssembly core = CoreAssembly.on(config.get(), database.database(), Clock.systemUTC());
            run(new AdminDesks(core.desks(), core.mail(), Actor.Staff.operator(operator()), core), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (AdminProblem problem) {
            err.println("guichet: " + problem.getMessage());
            err.flush();
            return problem.exitCode();
        }
    }

    /**
     * Reads and checks the arguments before the configuration is read or any database reached, throwing
     * {@link AdminProblem#usage} with what is accepted: a bad argument costs no connection.
     */
    void checkArguments() {
    }

    abstract void run(AdminDesks admin, PrintWriter out);

    /** The operator named in the audit trail: {@code --as}, else the system user. */
    private String operator() {
        if (operatorName != null && !operatorName.isBlank()) {
            return operatorName.strip();
        }
        String user = System.getProperty("user.name", "");
        return user.isBlank() ? "operator" : user;
    }
}
