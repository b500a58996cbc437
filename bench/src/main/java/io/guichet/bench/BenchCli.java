package io.guichet.bench;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code guichet bench SCENARIO}: reproducible benchmarks of a whole Guichet (see docs/BENCHMARKS.md). Each scenario
 * prints its parameters, the machine, and ends with one summary line {@code SCENARIO: <figures>}. Logs go to
 * {@code guichet-bench.log} in the current directory (production level, INFO), not to the terminal.
 */
@Command(name = "guichet bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: ingest, latency, queue, deadlines, discord (also named interactions).",
        subcommands = {IngestScenario.class, LatencyScenario.class, QueueScenario.class, DeadlinesScenario.class,
                DiscordScenario.class,
                CommandLine.HelpCommand.class})
public final class BenchCli implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/guichet/bench/logback-bench.xml");
        }
        CommandLine cli = new CommandLine(new BenchCli());
        // a scenario that cannot start (a mail server not ready, a database unreachable) says why in one line
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("bench " + command.getCommandName() + ": " + e.getMessage()
                    + " (details in guichet-bench.log)");
            LoggerFactory.getLogger(BenchCli.class).error("bench {} failed", command.getCommandName(), e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing scenario: ingest, latency, queue, deadlines or discord (try --help).");
    }
}
