package io.guichet.app.cli;

import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.CoreAssembly;
import io.guichet.core.mail.AbandonedMail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code guichet outbox}: the mail the outbox gave up on (the SMTP server refused it for good, or did not take it for
 * the whole GUICHET_OUTBOX_RETRY_WINDOW): {@code list} shows it, {@code retry} puts it back to be sent by the running
 * nodes.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Mail the outbox gave up on: list it, send it again.",
        subcommands = {OutboxCommand.ListAbandoned.class, OutboxCommand.Retry.class})
public final class OutboxCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: 'guichet outbox list' or 'guichet outbox retry ID|--all'.");
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The JSON form: an array of {@code {"id", "abandoned": instant, "queued": instant, "attempts", "ticket":
     * number|null, "to", "subject", "lastError"}}, oldest first.
     */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the abandoned mail, oldest first, with why it was given up.")
    static final class ListAbandoned implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Configured configured;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100_000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--limit: '" + limit + "' is not a whole number between 1 and 100000.");
            }
            PrintWriter out = spec.commandLine().getOut();
            Optional<GuichetConfig> config = configured.read(System.getenv(), spec.commandLine().getErr());
            if (config.isEmpty()) {
                return CliFailures.CONFIG;
            }
            try (DatabaseHandle database = DatabaseHandle.open(config.get().database())) {
                List<AbandonedMail> mails = CoreAssembly.on(config.get(), database.database(), Clock.systemUTC()).mailOutbox().abandoned(limit);
                if (json) {
                    JsonOutput.print(out, mails.stream().map(m -> JsonOutput.object("id", m.id(),
                            "abandoned", m.abandonedAt(), "queued", m.createdAt(), "attempts", m.attempts(),
                            "ticket", m.ticketNumber(), "to", m.recipient(), "subject", m.subject(),
                            "lastError", m.lastError())).toList());
                } else if (mails.isEmpty()) {
                    out.println("No abandoned mail: everything in the outbox was sent or is still being tried.");
                } else {
                    Table table = new Table("ID", "ABANDONED", "QUEUED", "ATTEMPTS", "TICKET", "TO", "SUBJECT",
                            "LAST ERROR");
                    for (AbandonedMail m : mails) {
                        table.row(Long.toString(m.id()), TIME.format(m.abandonedAt()), TIME.format(m.createdAt()),
                                Integer.toString(m.attempts()), m.ticketNumber().map(n -> "#" + n).orElse("-"),
                                m.recipient(), Table.shorten(m.subject(), 40), Table.shorten(m.lastError(), 80));
                    }
                    table.print(out);
                    out.println();
                    out.println(mails.size() + (mails.size() == 1 ? " mail" : " mails")
                            + " abandoned. Once the cause is fixed: guichet outbox retry ID (or --all).");
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Put abandoned mail back in the outbox: the running nodes send it at once, and retry it for"
                    + " a whole GUICHET_OUTBOX_RETRY_WINDOW again if it fails.")
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Configured configured;
        @Parameters(paramLabel = "ID", arity = "0..*", description = "Ids shown by 'guichet outbox list'.")
        List<String> ids = new ArrayList<>();
        @Option(names = "--all", description = "Every abandoned mail.")
        boolean all;

        @Override
        public Integer call() {
            List<Long> wanted = arguments();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<GuichetConfig> config = configured.read(System.getenv(), err);
            if (config.isEmpty()) {
                return CliFailures.CONFIG;
            }
            try (DatabaseHandle database = DatabaseHandle.open(config.get().database())) {
                List<Long> queued = CoreAssembly.on(config.get(), database.database(), Clock.systemUTC()).mailOutbox()
                        .retryAbandoned(wanted, Clock.systemUTC().instant());
                List<Long> missing = wanted.stream().filter(id -> !queued.contains(id)).toList();
                if (!queued.isEmpty()) {
                    out.println("Queued again: " + queued.stream().sorted().map(String::valueOf)
                            .reduce((a, b) -> a + ", " + b).orElse("") + ". The running nodes send "
                            + (queued.size() == 1 ? "it" : "them") + " now.");
                } else if (all) {
                    out.println("No abandoned mail to send again.");
                }
                out.flush();
                if (!missing.isEmpty()) {
                    err.println("guichet: no abandoned mail with id " + missing.stream().map(String::valueOf)
                            .reduce((a, b) -> a + ", " + b).orElse("") + " (sent, still being tried, or unknown:"
                            + " see 'guichet outbox list').");
                    err.flush();
                    return CliFailures.INFRASTRUCTURE;
                }
                return 0;
            }
        }

        /** The ids, checked before any connection is made. */
        private List<Long> arguments() {
            if (all == !ids.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Give the ids of the mail to send again, or --all (not both).");
            }
            List<Long> wanted = new ArrayList<>();
            for (String id : ids) {
                try {
                    long n = Long.parseLong(id.strip());
                    if (n > 0) {
                        wanted.add(n);
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "ID: '" + id + "' is not an outbox id (a whole number, as shown by 'guichet outbox list').");
            }
            return wanted;
        }
    }
}
