package io.guichet.app.health;

import io.guichet.core.mail.Outbox;
import io.guichet.db.Database;
import io.guichet.core.mail.Quarantine;
import io.guichet.db.JooqStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Guichet's metrics in Prometheus form: mails in by disposition, mail in quarantine, tickets by status and severity,
 * outbox backlog, age and abandoned mail, deadline lag, target breaches, the connection pool, how long handling a mail
 * and sending one take on this node, and the JVM's own. The database figures are read by a periodic count query
 * (every {@link #REFRESH} once {@link #start()}ed), never during a scrape: a scrape is always fast and always answers,
 * with the JVM's figures and the last database figures, even while the database is down. {@code
 * guichet_statistics_up} says whether the last read worked and {@code guichet_statistics_age_seconds} how old the
 * database figures are.
 */
public final class NodeMetrics implements AutoCloseable {

    /** How often the database figures are read. */
    public static final Duration REFRESH = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);
    private static final String RECEIVED = "RECEIVED";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JooqStatistics statistics;
    private final Outbox outbox;
    private final Quarantine quarantine;
    private final Clock clock;
    private final MultiGauge tickets;
    private final Map<String, AtomicLong> mailsIn = new ConcurrentHashMap<>();
    private final AtomicLong mailsInProgress = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong backlogAgeSeconds = new AtomicLong();
    private final AtomicLong deadlineLagSeconds = new AtomicLong();
    private final AtomicLong breaches = new AtomicLong();
    private final AtomicLong up = new AtomicLong();
    private volatile Optional<Instant> lastRead = Optional.empty();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private ScheduledExecutorService refresher;

    public NodeMetrics(JooqStatistics statistics, Outbox outbox, Quarantine quarantine, Clock clock) {
        this.statistics = statistics;
        this.outbox = outbox;
        this.quarantine = quarantine;
        this.clock = clock;
        tickets = MultiGauge.builder("guichet_tickets").description("Tickets by status and severity (0: not given)")
                .register(registry);
        Gauge.builder("guichet_mails_in_progress", mailsInProgress, AtomicLong::get)
                .description("Inbound mails recorded and being handled (disposition RECEIVED)").register(registry);
        Gauge.builder("guichet_outbox_abandoned", abandoned, AtomicLong::get)
                .description("Outbox mails given up on and not sent again (guichet outbox list / retry)")
                .register(registry);
        Gauge.builder("guichet_outbox_backlog", backlog, AtomicLong::get).description("Mails waiting to be sent")
                .register(registry);
        Gauge.builder("guichet_mail_quarantined", quarantined, AtomicLong::get)
                .description("Mails in the quarantine folder, not released (guichet quarantine list)").register(registry);
        Gauge.builder("guichet_outbox_oldest_age_seconds", backlogAgeSeconds, AtomicLong::get)
                .description("Age of the oldest mail waiting to be sent").register(registry);
        Gauge.builder("guichet_deadline_lag_seconds", deadlineLagSeconds, AtomicLong::get)
                .description("How late the oldest due deadline is").register(registry);
        FunctionCounter.builder("guichet_target_breaches", breaches, AtomicLong::get)
                .description("Response targets missed so far (R15, R16)").register(registry);
        Gauge.builder("guichet_statistics_up", up, AtomicLong::get)
                .description("Whether the last read of the database figures worked (1) or failed (0)").register(registry);
        Gauge.builder("guichet_statistics_age_seconds", this, NodeMetrics::ageSeconds)
                .description("Age of the database figures (-1: never read)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Reads the database figures now and then every {@link #REFRESH}, on a thread of its own. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichet-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the database figures; false when the database does not answer, in which case the previous figures stay
     * and {@code guichet_statistics_up} drops to 0. Logs only when that state changes.
     */
    public boolean refresh() {
        try {
            tickets.register(statistics.ticketsByStatusAndSeverity().stream()
                    .map(c -> MultiGauge.Row.of(Tags.of("status", c.status(), "severity", Integer.toString(c.severity())),
                            c.count()))
                    .toList(), true);
            for (JooqStatistics.MailCount count : statistics.mailsByDisposition()) {
                if (count.disposition().equals(RECEIVED)) {
                    mailsInProgress.set(count.count());
                } else {
                    mailsIn(count.disposition()).set(count.count());
                }
            }
            abandoned.set(statistics.abandonedMails());
            Instant now = clock.instant();
            Outbox.Backlog b = outbox.backlog(now);
            backlog.set(b.pending());
            quarantined.set(quarantine.count());
            backlogAgeSeconds.set(b.oldestAge().map(Duration::toSeconds).orElse(0L));
            deadlineLagSeconds.set(statistics.deadlineLag(now).toSeconds());
            breaches.set(statistics.breaches());
            lastRead = Optional.of(now);
            if (up.getAndSet(1) == 0) {
                LOG.info("metrics: database figures read");
            }
            return true;
        } catch (RuntimeException e) {
            if (up.getAndSet(0) == 1) {
                LOG.warn("metrics: the database figures cannot be read, the last ones are kept: {}", e.getMessage());
            }
            return false;
        }
    }

    /** Per mailbox: its dispatcher's unchecked resends and sends found in Sent (read through this object). */
    private final Map<String, java.util.function.LongSupplier[]> uncertainSends = new java.util.concurrent.ConcurrentHashMap<>();

    /** The counter of inbound mails with one final disposition, registered when it first appears. */
    private AtomicLong mailsIn(String disposition) {
        return mailsIn.computeIfAbsent(disposition, d -> {
            AtomicLong total = new AtomicLong();
            FunctionCounter.builder("guichet_mails_in", total, AtomicLong::get).tags("disposition", d)
                    .description("Inbound mails recorded, by disposition (database-wide)").register(registry);
            return total;
        });
    }

    /** The outbox backlog as last read from the database (empty until the first read). */
    public Optional<Outbox.Backlog> outboxBacklog() {
        if (lastRead.isEmpty()) {
            return Optional.empty();
        }
        long age = backlogAgeSeconds.get();
        return Optional.of(new Outbox.Backlog((int) backlog.get(),
                backlog.get() > 0 ? Optional.of(Duration.ofSeconds(age)) : Optional.empty()));
    }

    /**
     * {@code guichet_mailbox_backlog{mailbox}}: mails waiting in the mailbox to be handled (NaN until first counted, and
     * on a node that does not read it).
     */
    public void bindMailboxBacklog(String mailbox, Supplier<java.util.OptionalLong> waiting) {
        Gauge.builder("guichet_mailbox_backlog", () -> {
                    java.util.OptionalLong n = waiting.get();
                    return n.isPresent() ? n.getAsLong() : Double.NaN;
                })
                .tags("mailbox", mailbox)
                .description("Mails in the mailbox not handled yet, as of the last batch read (this node, while it reads it)")
                .register(registry);
    }

    /**
     * Counters of the uncertain sends this node resolved for {@code mailbox} (answers that may have left before a
     * crash or a lost connection): {@code guichet_outbox_unchecked_resends_total}, sent again without the Sent folder
     * check (each may have reached its recipient twice, with the same Message-ID), and
     * {@code guichet_outbox_found_in_sent_total}, found in the Sent folder and not sent again.
     */
    public void bindUncertainSends(String mailbox, java.util.function.LongSupplier uncheckedResends,
                                   java.util.function.LongSupplier foundInSent) {
        uncertainSends.put(mailbox, new java.util.function.LongSupplier[] {uncheckedResends, foundInSent});
        // counted on this object, which the node holds: a counter keeps only a weak reference to what it reads
        FunctionCounter.builder("guichet_outbox_unchecked_resends", this,
                        m -> m.uncertainSends.get(mailbox)[0].getAsLong())
                .tags("mailbox", mailbox)
                .description("Uncertain sends sent again without being checked in the Sent folder (possible duplicates)")
                .register(registry);
        FunctionCounter.builder("guichet_outbox_found_in_sent", this, m -> m.uncertainSends.get(mailbox)[1].getAsLong())
                .tags("mailbox", mailbox)
                .description("Uncertain sends found in the Sent folder and marked sent without being sent again")
                .register(registry);
    }

    /** Gauges of the connection pool, under HikariCP's usual names ({@code hikaricp_connections_*}). */
    public void bindPool(Supplier<Database.PoolState> pool) {
        Tags tags = Tags.of("pool", "guichet");
        Gauge.builder("hikaricp_connections_active", () -> pool.get().active()).tags(tags)
                .description("Connections in use").register(registry);
        Gauge.builder("hikaricp_connections_idle", () -> pool.get().idle()).tags(tags)
                .description("Connections open and idle").register(registry);
        Gauge.builder("hikaricp_connections", () -> pool.get().total()).tags(tags)
                .description("Connections open").register(registry);
        Gauge.builder("hikaricp_connections_max", () -> pool.get().maximum()).tags(tags)
                .description("Most connections the pool opens").register(registry);
        Gauge.builder("hikaricp_connections_pending", () -> pool.get().waiting()).tags(tags)
                .description("Threads waiting for a connection").register(registry);
    }

    /** How long handling one inbound mail of {@code mailbox} took on this node, by outcome (processed, quarantined, retry_later). */
    public void mailHandled(String mailbox, Duration took, String outcome) {
        Timer.builder("guichet_mail_handling").tags("outcome", outcome, "mailbox", mailbox)
                .description("Time to handle one inbound mail on this node (parse, ticket, answers, commit)")
                .register(registry).record(took);
    }

    /** How long one SMTP send from {@code mailbox} took on this node, and whether the relay took the mail. */
    public void mailSent(String mailbox, Duration took, boolean accepted) {
        Timer.builder("guichet_smtp_send").tags("result", accepted ? "sent" : "failed", "mailbox", mailbox)
                .description("Time of one SMTP send on this node (the relay's answer included)")
                .register(registry).record(took);
    }

    /** The Prometheus text exposition: fast, no database access. */
    public String scrape() {
        return registry.scrape();
    }

    private double ageSeconds() {
        return lastRead.map(at -> (double) Duration.between(at, clock.instant()).toSeconds()).orElse(-1.0);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        gc.close();
        registry.close();
    }
}
