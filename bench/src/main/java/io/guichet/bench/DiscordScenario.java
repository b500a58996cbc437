package io.guichet.bench;

import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.SentInteraction;
import io.guichet.discord.standin.StandInWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench discord}: technicians' interactions through JDA. A node (durable embedded PostgreSQL, the Discord
 * console) is connected to the Discord stand-in; the stand-in dispatches slash commands on the gateway at a steady
 * rate ({@code /ticket show} and {@code /queue}, alternately) as members would type them, and records the calls
 * JDA makes back. For each interaction: the time from its dispatch on the gateway to the arrival of its deferral
 * (Discord wants it within 3 s), and to the arrival of the answer edited in (through the core and PostgreSQL).
 */
@Command(name = "discord", aliases = "interactions", mixinStandardHelpOptions = true,
        description = "Slash commands through JDA and the stand-in: dispatch-to-deferral and dispatch-to-answer p50/p99.")
final class DiscordScenario implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--interactions", defaultValue = "1000", description = "Measured interactions (default ${DEFAULT-VALUE}).")
    private int interactions;

    @Option(names = "--rate", defaultValue = "20", description = "Interactions per second (default ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--warmup", defaultValue = "200", description = "Interactions answered before measuring (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--tickets", defaultValue = "500", description = "Active tickets in the queue (default ${DEFAULT-VALUE}).")
    private int tickets;

    @Option(names = "--pool", defaultValue = "10", description = "Connection pool size (default ${DEFAULT-VALUE}).")
    private int pool;

    @Option(names = "--drain", defaultValue = "PT30S", description = "Wait this long for the last answers (default ${DEFAULT-VALUE}).")
    private Duration drain;

    @Option(names = "--db-url", description = "An external PostgreSQL; default: an embedded one, durable.")
    private Optional<String> dbUrl;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scenario: discord, interactions=%d, rate=%.1f/s, warmup=%d, tickets=%d, pool=%d%n", interactions,
                rate, warmup, tickets, pool);
        Machine.describe(out);
        Path work = Files.createTempDirectory("guichet-bench-discord-");
        try (BenchDatabase db = BenchDatabase.start(dbUrl, pool, out); DiscordStandIn discord = DiscordStandIn.start()) {
            out.println("discord: stand-in " + discord.apiUrl() + " and " + discord.gatewayUrl()
                    + " (JSON over zlib-stream, as JDA connects to Discord)");
            try (Connection c = db.connection()) {
                Seed.customers(c, 50);
            }
            Map<String, String> settings = new HashMap<>();
            StandInWorld world = discord.world();
            settings.put("GUICHET_DB_POOL_SIZE", Integer.toString(pool));
            settings.put("GUICHET_DISCORD_TOKEN", world.token());
            settings.put("GUICHET_DISCORD_GUILD_ID", world.guildId());
            settings.put("GUICHET_DISCORD_STAFF_CHANNEL_ID", StandInWorld.EXAMPLE_STAFF_CHANNEL);
            settings.put("GUICHET_DISCORD_TECHNICIAN_ROLE_ID", StandInWorld.EXAMPLE_TECHNICIAN_ROLE);
            settings.put("GUICHET_DISCORD_MANAGER_ROLE_ID", StandInWorld.EXAMPLE_MANAGER_ROLE);
            settings.put("GUICHET_DISCORD_API_URL", discord.apiUrl());
            settings.put("GUICHET_DISCORD_GATEWAY_URL", discord.gatewayUrl());
            GuichetNode node = new GuichetNode(BenchNode.config(work, settings), db.database(), Clock.systemUTC());
            try {
                List<TicketNumber> numbers = openTickets(node);
                out.println("opened " + numbers.size() + " tickets");
                node.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(discord.botConnected() && discord.registeredCommands().size() > 0)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the console did not connect to the stand-in within 60 s");
                    }
                    Thread.sleep(50);
                }
                out.println("console connected, commands registered; warming up");
                out.flush();
                List<SentInteraction> warm = run(discord, numbers, warmup);
                awaitAnswers(discord, warm, drain);
                out.println("warmed up; measuring");
                out.flush();
                List<SentInteraction> measured = run(discord, numbers, interactions);
                awaitAnswers(discord, measured, drain);
                report(out, discord, measured);
            } finally {
                node.close();
            }
        } finally {
            BenchDatabase.delete(work);
        }
        return 0;
    }

    private List<TicketNumber> openTickets(GuichetNode node) {
        List<TicketNumber> numbers = new ArrayList<>(tickets);
        for (int i = 0; i < tickets; i++) {
            EmailAddress from = EmailAddress.parse(Seed.contactEmail(1 + i % 50)).orElseThrow();
            IntakeDraft draft = new IntakeDraft(Optional.of("Bench ticket " + i), Optional.of("Agents offline, case " + i),
                    Optional.of(Integer.toString(1 + i % 4)), Optional.of("https://vsa.bench-corp.example"),
                    Optional.of("Agent"), Optional.of("1. upgrade 2. open the console"), Optional.of("SN-" + i),
                    Optional.of("VSA 9.5.0.12"));
            CustomerOutcome outcome = node.customers().handle(new CustomerCommand.OpenTicket(from, "Bench", Optional.empty(),
                    draft, false));
            if (outcome instanceof CustomerOutcome.Opened opened) {
                numbers.add(opened.ticket().number());
            }
        }
        if (numbers.isEmpty()) {
            throw new IllegalStateException("no ticket could be opened for the bench");
        }
        return numbers;
    }

    /** Dispatches {@code count} interactions at the rate: {@code /ticket show} and {@code /queue} alternately. */
    private List<SentInteraction> run(DiscordStandIn discord, List<TicketNumber> numbers, int count)
            throws InterruptedException {
        List<SentInteraction> sent = java.util.Collections.synchronizedList(new ArrayList<>(count));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ticker.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                done.countDown();
                return;
            }
            sent.add(i % 2 == 0
                    ? discord.slash("tess", "ticket show", Map.of("ticket", Long.toString(numbers.get(i % numbers.size()).value())))
                    : discord.slash("max", "queue", Map.of()));
        }, 0, (long) (1e9 / rate), TimeUnit.NANOSECONDS);
        done.await();
        ticker.shutdownNow();
        return List.copyOf(sent);
    }

    private static void awaitAnswers(DiscordStandIn discord, List<SentInteraction> sent, Duration drain)
            throws InterruptedException {
        long until = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < until) {
            Map<String, Integer> responses = responseCounts(discord);
            if (sent.stream().allMatch(s -> responses.getOrDefault(s.id(), 0) >= 2)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Calls per interaction id: its callback, and its webhook calls (found by token). */
    private static Map<String, Integer> responseCounts(DiscordStandIn discord) {
        Map<String, List<RecordedCall>> byInteraction = byInteraction(discord);
        Map<String, Integer> counts = new HashMap<>();
        byInteraction.forEach((id, calls) -> counts.put(id, calls.size()));
        return counts;
    }

    private static Map<String, List<RecordedCall>> byInteraction(DiscordStandIn discord) {
        Map<String, String> tokens = new HashMap<>();
        Map<String, List<RecordedCall>> result = new HashMap<>();
        for (RecordedCall call : discord.calls()) {
            String[] parts = call.route().split("/");
            if (call.isInteractionCallback()) {
                tokens.put(parts[3], parts[2]);
                result.computeIfAbsent(parts[2], k -> new ArrayList<>()).add(call);
            } else if (call.route().startsWith("/webhooks/") && parts.length > 3 && tokens.containsKey(parts[3])) {
                result.computeIfAbsent(tokens.get(parts[3]), k -> new ArrayList<>()).add(call);
            }
        }
        return result;
    }

    private void report(PrintWriter out, DiscordStandIn discord, List<SentInteraction> measured) {
        Map<String, List<RecordedCall>> calls = byInteraction(discord);
        Percentiles deferral = new Percentiles();
        Percentiles answer = new Percentiles();
        int failed = 0;
        int missing = 0;
        for (SentInteraction sent : measured) {
            List<RecordedCall> responses = calls.getOrDefault(sent.id(), List.of());
            if (responses.isEmpty()) {
                missing++;
                continue;
            }
            RecordedCall first = responses.getFirst();
            if (first.status() != 200 || first.callbackType() != 5) {
                failed++;
                continue;
            }
            deferral.recordNanos(first.receivedNanos() - sent.dispatchedNanos());
            if (responses.size() >= 2 && responses.get(1).status() == 200) {
                answer.recordNanos(responses.get(1).receivedNanos() - sent.dispatchedNanos());
            } else {
                failed++;
            }
        }
        out.println("dispatch on the gateway to deferral received: " + deferral.summary());
        out.println("dispatch on the gateway to answer received (through the core and PostgreSQL): " + answer.summary());
        out.println("refused or unanswered: " + failed + ", never acknowledged: " + missing);
        out.printf("discord: n=%d rate=%.1f/s deferral_p50=%.2fms deferral_p99=%.2fms deferral_max=%.2fms "
                        + "answer_p50=%.2fms answer_p99=%.2fms failed=%d missing=%d peak_rss=%dMB load=%s%n",
                deferral.count(), rate, deferral.ms(50), deferral.ms(99), deferral.maxMs(), answer.ms(50), answer.ms(99),
                failed, missing, Machine.peakRssMb(), Machine.load());
        out.flush();
    }
}
