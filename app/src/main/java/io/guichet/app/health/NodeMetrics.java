package io.guichet.app.health;

import io.guichet.core.mail.Outbox;
import io.guichet.db.JooqStatistics;
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

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guichet's metrics in Prometheus form: mails in by disposition, tickets by status and severity, outbox backlog and
 * age, deadline lag, target breaches, and the JVM's own. Database-backed figures are read at each scrape.
 */
public final class NodeMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JooqStatistics statistics;
    private final Outbox outbox;
    private final Clock clock;
    private final MultiGauge tickets;
    private final MultiGauge mails;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong backlogAgeSeconds = new AtomicLong();
    private final AtomicLong deadlineLagSeconds = new AtomicLong();
    private final AtomicLong breaches = new AtomicLong();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public NodeMetrics(JooqStatistics statistics, Outbox outbox, Clock clock) {
        this.statistics = statistics;
        this.outbox = outbox;
        this.clock = clock;
        tickets = MultiGauge.builder("guichet_tickets").description("Tickets by status and severity (0: not given)")
                .register(registry);
        mails = MultiGauge.builder("guichet_mails_in").description("Inbound mails by disposition").register(registry);
        Gauge.builder("guichet_outbox_backlog", backlog, AtomicLong::get).description("Mails waiting to be sent")
                .register(registry);
        Gauge.builder("guichet_outbox_oldest_age_seconds", backlogAgeSeconds, AtomicLong::get)
                .description("Age of the oldest mail waiting to be sent").register(registry);
        Gauge.builder("guichet_deadline_lag_seconds", deadlineLagSeconds, AtomicLong::get)
                .description("How late the oldest due deadline is").register(registry);
        Gauge.builder("guichet_target_breaches", breaches, AtomicLong::get)
                .description("Response targets missed so far (R15, R16)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Reads the current figures and returns the Prometheus text exposition. */
    public String scrape() {
        tickets.register(statistics.ticketsByStatusAndSeverity().stream()
                .map(c -> MultiGauge.Row.of(Tags.of("status", c.status(), "severity", Integer.toString(c.severity())),
                        c.count()))
                .toList(), true);
        mails.register(statistics.mailsByDisposition().stream()
                .map(c -> MultiGauge.Row.of(Tags.of("disposition", c.disposition()), c.count()))
                .toList(), true);
        Outbox.Backlog b = outbox.backlog(clock.instant());
        backlog.set(b.pending());
        backlogAgeSeconds.set(b.oldestAge().map(java.time.Duration::toSeconds).orElse(0L));
        deadlineLagSeconds.set(statistics.deadlineLag(clock.instant()).toSeconds());
        breaches.set(statistics.breaches());
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
