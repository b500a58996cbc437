package io.guichet.app.cli.admin;

import io.guichet.app.cli.CliFailures;
import io.guichet.app.cli.Configured;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * An admin command: reads the configuration ({@code --config} and {@code GUICHET_*}), opens the database, runs,
 * and turns an expected refusal into its message and exit code.
 */
abstract class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Configured configured;

    /** The configuration read, for the commands that need more than the database. */
    GuichetConfig config;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<GuichetConfig> config = configured.read(System.getenv(), err);
        if (config.isEmpty()) {
            return CliFailures.CONFIG;
        }
        this.config = config.get();
        try (DatabaseHandle database = DatabaseHandle.open(config.get().database())) {
            run(AdminStores.on(database.database(), config.get().policy()), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (AdminProblem problem) {
            err.println("guichet: " + problem.getMessage());
            err.flush();
            return problem.exitCode();
        }
    }

    abstract void run(AdminStores stores, PrintWriter out);
}
