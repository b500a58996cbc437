package io.guichet.app.health;

import io.guichet.core.mail.Outbox;
import io.guichet.core.mail.Quarantine;
import io.guichet.db.JooqStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guichet's metrics in Prometheus form: mails in by disposition, mail in quarantine, tickets by status and severity, outbox backlog and
 * age, deadline lag, target breaches, and the JVM's own. The database figures are read by a periodic count query
 * (every {@link #REFRESH} once {@link #start()}ed), never during a scrape: a scrape is always fast and always answers,
 * with the JVM's figures and the last database figures, even while the database is down. {@code
 * guichet_statistics_up} says whether the last read worked and {@code guichet_statistics_age_seconds} how old the
 * database figures are.
 */
public final class NodeMetrics implements AutoCloseable {

    /** How often the database figures are read. */
    public static final Duration REFRESH = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JooqStatistics statistics;
    private final Outbox outbox;
    private final Quarantine quarantine;
    private final Clock clock;
    private final MultiGauge tickets;
    private final MultiGauge mails;
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
        mails = MultiGauge.builder("guichet_mails_in").description("Inbound mails by disposition").register(registry);
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
            mails.register(statistics.mailsByDisposition().stream()
                    .map(c -> MultiGauge.Row.of(Tags.of("disposition", c.disposition()), c.count()))
                    .toList(), true);
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
