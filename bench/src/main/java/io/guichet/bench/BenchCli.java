package io.guichet.bench;

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
        description = "Benchmarks: ingest, latency, queue, deadlines.",
        subcommands = {IngestScenario.class, LatencyScenario.class, QueueScenario.class, DeadlinesScenario.class,
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
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing scenario: ingest, latency, queue or deadlines (try --help).");
    }
}
