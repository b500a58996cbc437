package io.guichet.app.cli;

import io.guichet.app.config.ConfigReader;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code guichet run}: production. Reads and validates the configuration, opens (and migrates) the database,
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
        Optional<GuichetConfig> read = configured.read(System.getenv(), err);
        if (read.isEmpty()) {
            return CliFailures.CONFIG;
        }
        GuichetConfig config = read.get();
        List<String> missing = ConfigReader.requireMailChannel(config);
        if (!missing.isEmpty()) {
            Configured.report(err, missing);
            return CliFailures.CONFIG;
        }
        DatabaseHandle database = DatabaseHandle.open(config.database());
        GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            node.close();
            database.close();
            stopped.countDown();
        }, "guichet-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        node.start();
        out.println("Guichet is running. Stop it with Ctrl-C (or SIGTERM): the current mail is finished first.");
        out.flush();
        stopped.await();
        return 0;
    }
}
