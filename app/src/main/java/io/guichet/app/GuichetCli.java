package io.guichet.app;

import io.guichet.app.cli.BackupCommand;
import io.guichet.app.cli.CheckCommand;
import io.guichet.app.cli.CliFailures;
import io.guichet.app.cli.GuichetVersion;
import io.guichet.app.cli.DemoCommand;
import io.guichet.app.cli.MigrateCommand;
import io.guichet.app.cli.OutboxCommand;
import io.guichet.app.cli.RestoreCommand;
import io.guichet.app.cli.RunCommand;
import io.guichet.app.cli.UsageFailures;
import io.guichet.app.cli.admin.AccountsCommand;
import io.guichet.app.cli.admin.ContactsCommand;
import io.guichet.app.cli.admin.KbCommand;
import io.guichet.app.cli.admin.QuarantineCommand;
import io.guichet.app.cli.admin.TicketsCommand;
import io.guichet.app.cli.admin.VersionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code guichet} command: the entry point of the application. Each subcommand is one thing an operator does
 * ({@code migrate}, ...). Exit codes: 0 done, 1 the database, a migration or its schema version refused, 2 bad usage,
 * 78 invalid configuration, 70 a bug.
 */
@Command(
        name = "guichet",
        mixinStandardHelpOptions = true,
        versionProvider = GuichetVersion.class,
        description = "Guichet: a support desk that lives in e-mail and Discord.",
        footer = {"", "The support policy it enforces, rule by rule (R1-R22): docs/policy.md in the source, or the policy.md",
                "shipped with the documentation."},
        subcommands = {DemoCommand.class, RunCommand.class, CheckCommand.class, MigrateCommand.class, AccountsCommand.class,
                ContactsCommand.class, VersionsCommand.class, TicketsCommand.class, KbCommand.class, OutboxCommand.class,
                QuarantineCommand.class,
                BackupCommand.class, RestoreCommand.class, CommandLine.HelpCommand.class})
public final class GuichetCli implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands and failure handling, printing to System.out and System.err. */
    public static CommandLine commandLine() {
        return new CommandLine(new GuichetCli()).setExecutionExceptionHandler(new CliFailures())
                .setParameterExceptionHandler(new UsageFailures());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'guichet run', 'guichet demo' or 'guichet --help'.");
    }
}
