package io.guichet.bench;

import io.guichet.app.node.GuichetNode;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code bench deadlines}: N tickets waiting on the customer whose first reminder (R12a) falls due at the same
 * instant T0, a few seconds after a whole node (Quartz scheduler, clustered sweep every 5 s, one sweep at a time as
 * in production) has started. Measures the time from T0 until every reminder is applied (ticket saved, event
 * written, reminder mail in the outbox, deadline marked fired), and the lateness of each (fired_at - due_at).
 */
@Command(name = "deadlines", mixinStandardHelpOptions = true,
        description = "N deadlines due at once: time until all are applied by the node's sweep, lateness p50/p99.")
final class DeadlinesScenario implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--deadlines", defaultValue = "100000", description = "Deadlines due at once (default ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--contacts", defaultValue = "10000",
            description = "Contacts the tickets belong to (default ${DEFAULT-VALUE}; at most 20 automatic mails per "
                    + "contact and day are sent, GUICHET_AUTO_REPLY_CAP).")
    private int contacts;

    @Option(names = "--delay", defaultValue = "PT15S", description = "T0: this long after the node started (default ${DEFAULT-VALUE}).")
    private Duration delay;

    @Option(names = "--timeout", defaultValue = "PT20M", description = "Give up after (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--pool", defaultValue = "10", description = "Connection pool size (GUICHET_DB_POOL_SIZE default ${DEFAULT-VALUE}).")
    private int pool;

    @Option(names = "--db-url", description = "An external PostgreSQL; default: an embedded one, durable.")
    private Optional<String> dbUrl;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scenario: deadlines, deadlines=%d, contacts=%d, delay=%s, pool=%d%n", count, contacts, delay, pool);
        Machine.describe(out);
        Path work = Files.createTempDirectory("guichet-bench-deadlines-");
        try (BenchDatabase db = BenchDatabase.start(dbUrl, pool, out)) {
            Instant t0 = Instant.now().plus(delay).plus(Duration.ofSeconds(30)).truncatedTo(ChronoUnit.SECONDS);
            long seedStart = System.nanoTime();
            try (Connection c = db.connection()) {
                long account = Seed.customers(c, contacts);
                load(c, account, t0);
                try (Statement s = c.createStatement()) {
                    s.execute("analyze");
                }
            }
            out.printf("seeded %d tickets waiting on the customer, their reminders due at %s, in %.1f s%n", count, t0,
                    (System.nanoTime() - seedStart) / 1e9);
            GuichetNode node = new GuichetNode(BenchNode.config(work, Map.of("GUICHET_DB_POOL_SIZE",
                    Integer.toString(pool))), db.database(), Clock.systemUTC());
            try {
                node.start();
                out.println("node started at " + Instant.now() + "; waiting for T0 " + t0);
                out.flush();
                long applied = 0;
                Instant giveUp = t0.plus(timeout);
                long lastPrint = 0;
                while (Instant.now().isBefore(giveUp)) {
                    boolean print = Instant.now().isAfter(t0) && System.nanoTime() - lastPrint > 10e9;
                    if (print || !anyPending(db, t0)) {
                        applied = count - pending(db, t0);
                        if (applied >= count) {
                            break;
                        }
                    }
                    if (print) {
                        out.printf("  t0+%ds: %d applied%n", Duration.between(t0, Instant.now()).toSeconds(), applied);
                        out.flush();
                        lastPrint = System.nanoTime();
                    }
                    // the watcher shares the 2 cores with the node: it looks once a second, cheaply, and counts only
                    // for the progress line (the figures come from fired_at, not from when this loop notices)
                    Thread.sleep(1000);
                }
                report(db, out, t0, applied);
            } finally {
                node.close();
            }
        } finally {
            BenchDatabase.delete(work);
        }
        return 0;
    }

    /** Whether a reminder due by T0 is still pending: the first row of the sweep's own index of pending rows. */
    private boolean anyPending(BenchDatabase db, Instant t0) throws Exception {
        return pendingQuery(db, t0, "select exists (select 1 from deadlines where fired_at is null and due_at <= ? "
                + "and kind = 'REMINDER' and step = 0)") > 0;
    }

    /** Reminders due by T0 not applied yet (~60 ms at 100,000: only for the progress line every 10 s). */
    private long pending(BenchDatabase db, Instant t0) throws Exception {
        return pendingQuery(db, t0, "select count(*) from deadlines where fired_at is null and due_at <= ? "
                + "and kind = 'REMINDER' and step = 0");
    }

    private long pendingQuery(BenchDatabase db, Instant t0, String sql) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(t0, ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Object value = rs.getObject(1);
                return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
            }
        }
    }

    private void report(BenchDatabase db, PrintWriter out, Instant t0, long applied) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select extract(epoch from max(fired_at) - min(due_at)),
                            extract(epoch from percentile_cont(0.5) within group (order by fired_at - due_at)),
                            extract(epoch from percentile_cont(0.99) within group (order by fired_at - due_at)),
                            extract(epoch from min(fired_at) - min(due_at)),
                            (select count(*) from outbox),
                            (select count(*) from ticket_events where kind = 'REMINDER_SENT')
                     from deadlines where kind = 'REMINDER' and step = 0 and fired_at is not null""")) {
            rs.next();
            double all = rs.getDouble(1);
            double p50 = rs.getDouble(2);
            double p99 = rs.getDouble(3);
            double first = rs.getDouble(4);
            long mails = rs.getLong(5);
            long events = rs.getLong(6);
            out.printf("applied %d of %d; first applied %.1f s after T0; reminders in the outbox: %d; events: %d%n",
                    applied, count, first, mails, events);
            out.printf("deadlines: n=%d applied=%d all_applied_in=%s rate=%.0f/s lateness_p50=%.1fs lateness_p99=%.1fs "
                            + "peak_rss=%dMB load=%s%n", count, applied,
                    applied >= count ? String.format("%.1fs", all) : "NOT(timeout)",
                    all > 0 ? applied / all : 0.0, p50, p99, Machine.peakRssMb(), Machine.load());
            out.flush();
        }
    }

    /** Tickets waiting on the customer since T0 - 2 days (first reminder due at T0), with their planned deadlines. */
    private void load(Connection c, long account, Instant t0) throws Exception {
        Instant since = t0.minus(Duration.ofDays(2));
        SplittableRandom random = new SplittableRandom(7);
        String at = OffsetDateTime.ofInstant(since, ZoneOffset.UTC).toString();
        StringBuilder rows = new StringBuilder(count * 160);
        for (int i = 0; i < count; i++) {
            int contact = 1 + (i % contacts);
            int severity = 2 + random.nextInt(3);
            String created = OffsetDateTime.ofInstant(since.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 5))),
                    ZoneOffset.UTC).toString();
            rows.append(account).append(',').append(contact).append(",Question ").append(i).append(",Waiting,")
                    .append(severity).append(',').append(severity).append(",WAITING_ON_CUSTOMER,")
                    .append(created).append(',').append(at).append(',').append(at).append(',').append(created).append('\n');
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy tickets (account_id, contact_id, subject, description, "
                + "severity, original_severity, status, created_at, updated_at, status_since, first_responded_at) "
                + "from stdin with (format csv)", new StringReader(rows.toString()));
        try (Statement s = c.createStatement()) {
            // the plan DeadlinePlan derives for these tickets with the default policy: reminders at 2 and 5 days,
            // automatic resolution at 7
            s.execute("insert into deadlines (ticket_id, kind, step, due_at, created_at) "
                    + "select id, 'REMINDER', 0, status_since + interval '2 days', status_since from tickets "
                    + "union all select id, 'REMINDER', 1, status_since + interval '5 days', status_since from tickets "
                    + "union all select id, 'AUTO_RESOLVE', 0, status_since + interval '7 days', status_since from tickets");
        }
    }
}
