package io.guichet.bench;

import io.guichet.app.node.GuichetNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench latency}: a steady stream of new requests (default 20 mails/s for 60 s) delivered to the support
 * mailbox (in-process GreenMail through its API, or submitted over SMTP to an external server) while a node reads
 * it with IDLE; for each mail, the time from its delivery to the arrival of Guichet's answer in the customer's
 * mailbox (matched by In-Reply-To).
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Steady mail rate: delivery-to-answer-in-customer-mailbox latency p50/p95/p99/max.")
final class LatencyScenario implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--rate", defaultValue = "20", description = "Mails per second (default ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--duration", defaultValue = "PT60S", description = "How long (default ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "20", description = "Mails answered before measuring (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--contacts", defaultValue = "500", description = "Customers writing (default ${DEFAULT-VALUE}).")
    private int contacts;

    @Option(names = "--drain", defaultValue = "PT60S", description = "Wait this long for the last answers (default ${DEFAULT-VALUE}).")
    private Duration drain;

    @Option(names = "--pool", defaultValue = "10", description = "Connection pool size (default ${DEFAULT-VALUE}).")
    private int pool;

    @Option(names = "--db-url", description = "An external PostgreSQL; default: an embedded one, durable.")
    private Optional<String> dbUrl;

    @Mixin
    private MailServerOptions mailServers;

    @Option(names = "--imap-poll-interval", defaultValue = "PT30S",
            description = "The node's GUICHET_IMAP_POLL_INTERVAL: how often it checks the mailbox besides IDLE "
                    + "(default ${DEFAULT-VALUE}, the product's default).")
    private Duration imapPollInterval;

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> answered = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int total = (int) Math.round(rate * duration.toMillis() / 1000.0);
        out.printf("scenario: latency, rate=%.1f/s, duration=%s (%d mails), warmup=%d, contacts=%d, pool=%d, "
                + "imap-poll-interval=%s%n", rate, duration, total, warmup, contacts, pool, imapPollInterval);
        Machine.describe(out);
        Path work = Files.createTempDirectory("guichet-bench-latency-");
        try (MailWorld mail = mailServers.open(); BenchDatabase db = BenchDatabase.start(dbUrl, pool, out)) {
            out.println("mail: " + mail.describe() + "; the node waits with IMAP IDLE");
            try (Connection c = db.connection()) {
                Seed.customers(c, contacts);
            }
            Percentiles latency = new Percentiles();
            AtomicInteger warmupLeft = new AtomicInteger(warmup);
            CountDownLatch warmedUp = new CountDownLatch(warmup);
            List<String> customers = new ArrayList<>(contacts);
            for (int i = 1; i <= contacts; i++) {
                customers.add(Seed.contactEmail(i));
            }
            mail.watchAnswers(customers, m -> arrived(m, latency, warmupLeft, warmedUp));
            MailFactory factory = new MailFactory(23, mail.endpoints().supportAddress());
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<MimeMessage> measured = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                measured.add(factory.request("bench-" + run + "-" + i, Seed.contactEmail(1 + i % contacts), factory.size()));
            }
            Map<String, String> settings = new HashMap<>(BenchNode.mail(mail.endpoints()));
            settings.put("GUICHET_DB_POOL_SIZE", Integer.toString(pool));
            settings.put("GUICHET_IMAP_PROCESSED_FOLDER", "Processed");
            settings.put("GUICHET_IMAP_POLL_INTERVAL", imapPollInterval.toString());
            GuichetNode node = new GuichetNode(BenchNode.config(work, settings), db.database(), Clock.systemUTC());
            try {
                node.start();
                for (int i = 0; i < warmup; i++) {
                    deliver(mail, factory.request("warmup-" + run + "-" + i, Seed.contactEmail(1 + i % contacts), 4096));
                    Thread.sleep(100);
                }
                if (!warmedUp.await(60, TimeUnit.SECONDS)) {
                    out.println("warm-up answers missing: " + warmedUp.getCount());
                }
                out.println("warmed up; measuring");
                out.flush();
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                AtomicInteger next = new AtomicInteger();
                CountDownLatch allSent = new CountDownLatch(1);
                long periodNanos = (long) (1e9 / rate);
                ticker.scheduleAtFixedRate(() -> {
                    int i = next.getAndIncrement();
                    if (i >= total) {
                        allSent.countDown();
                        return;
                    }
                    deliver(mail, measured.get(i));
                }, 0, periodNanos, TimeUnit.NANOSECONDS);
                allSent.await();
                ticker.shutdownNow();
                long until = System.nanoTime() + drain.toNanos();
                while (latency.count() < total && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            } finally {
                node.close();
            }
            long missing = total - latency.count();
            out.println("answers received: " + latency.count() + " of " + total + (missing > 0 ? " (" + missing
                    + " missing after the drain)" : ""));
            out.println("delivery to answer in the customer's mailbox: " + latency.summary());
            out.printf("latency: rate=%.1f/s n=%d p50=%.0fms p95=%.0fms p99=%.0fms max=%.0fms missing=%d "
                            + "mail_server=%s peak_rss=%dMB load=%s%n", rate, latency.count(), latency.ms(50),
                    latency.ms(95), latency.ms(99), latency.maxMs(), missing, mailServers.external() ? "external" : "greenmail",
                    Machine.peakRssMb(), Machine.load());
            out.flush();
        } finally {
            BenchDatabase.delete(work);
        }
        return 0;
    }

    private void deliver(MailWorld mail, MimeMessage message) {
        try {
            String id = message.getMessageID();
            sentAt.put(id, System.nanoTime());
            mail.submit(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void arrived(MimeMessage answer, Percentiles latency, AtomicInteger warmupLeft, CountDownLatch warmedUp) {
        long now = System.nanoTime();
        try {
            String[] inReplyTo = answer.getHeader("In-Reply-To");
            if (inReplyTo == null || inReplyTo.length == 0) {
                return;
            }
            String id = inReplyTo[0].strip();
            Long sent = sentAt.get(id);
            if (sent == null || answered.putIfAbsent(id, Boolean.TRUE) != null) {
                return;
            }
            if (id.startsWith("<warmup-")) {
                warmupLeft.decrementAndGet();
                warmedUp.countDown();
                return;
            }
            latency.recordNanos(now - sent);
        } catch (MessagingException e) {
            // not ours
        }
    }
}
