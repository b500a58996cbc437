package io.guichet.bench;

import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.QueueKey;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqTransactions;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.ExecuteListener;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench queue}: the triage queue at scale. Loads N tickets with COPY (statuses, severities, certification and
 * due times spread as a mature installation has them), ANALYZEs, then times the first page of the queue
 * (OPEN + IN_PROGRESS, {@link JooqTicketStore#queue}) and prints the plan of that exact statement; then page 41 by
 * offset, and page 41 read after the key of page 40's last row ({@link JooqTicketStore#queueAfter}, what the console's
 * Next button does), checked to be the same tickets.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Triage queue page query over N tickets: p50/p99 and the plan.")
final class QueueScenario implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--tickets", defaultValue = "1000000", description = "Tickets to load (default ${DEFAULT-VALUE}).")
    private int tickets;

    @Option(names = "--contacts", defaultValue = "5000", description = "Authorized contacts (default ${DEFAULT-VALUE}).")
    private int contacts;

    @Option(names = "--runs", defaultValue = "1000", description = "Timed queries (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--page", defaultValue = "25", description = "Page size (default ${DEFAULT-VALUE}).")
    private int page;

    @Option(names = "--db-url", description = "An external PostgreSQL (JDBC URL with user and password); "
            + "default: an embedded one, durable, in a temporary directory.")
    private Optional<String> dbUrl;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scenario: queue, tickets=%d, contacts=%d, runs=%d, page=%d%n", tickets, contacts, runs, page);
        Machine.describe(out);
        try (BenchDatabase db = BenchDatabase.start(dbUrl, 4, out)) {
            long loadStart = System.nanoTime();
            try (Connection c = db.connection()) {
                long account = Seed.customers(c, contacts);
                load(c, account);
                try (Statement s = c.createStatement()) {
                    s.execute("analyze");
                }
            }
            out.printf("loaded %d tickets (COPY) and analyzed in %.1f s%n", tickets,
                    (System.nanoTime() - loadStart) / 1e9);
            printDistribution(db, out);

            AtomicReference<String> lastSql = new AtomicReference<>();
            AtomicReference<String> boundSql = new AtomicReference<>();
            AtomicReference<List<Object>> binds = new AtomicReference<>();
            DSLContext dsl = DSL.using(new DefaultConfiguration().set(db.database().dataSource())
                    .set(SQLDialect.POSTGRES)
                    .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                        @Override
                        public void executeStart(ExecuteContext ctx) {
                            if (ctx.query() != null) {
                                lastSql.set(ctx.dsl().renderInlined(ctx.query()));
                                boundSql.set(ctx.sql());
                                binds.set(ctx.query().getBindValues());
                            }
                        }
                    })));
            JooqTicketStore store = new JooqTicketStore(new JooqTransactions(dsl).autoCommit());
            JooqTicketStore plain = new JooqTicketStore(db.database().transactions().autoCommit());
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            EnumSet<TicketStatus> active = EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
            List<Ticket> first = store.queue(active, Optional.empty(), today, 0, page);
            String sql = lastSql.get();
            out.println("first page: " + first.size() + " tickets, head: " + first.stream().limit(3)
                    .map(t -> "#" + t.number().value() + " s" + t.severity().map(s -> s.level()).orElse(0)
                            + (t.submitterCertifiedUntil().filter(d -> !d.isBefore(today)).isPresent() ? " certified" : ""))
                    .toList());
            for (int i = 0; i < Math.min(200, runs); i++) {
                plain.queue(active, Optional.empty(), today, 0, page);
            }
            Percentiles times = new Percentiles();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                plain.queue(active, Optional.empty(), today, 0, page);
                times.recordNanos(System.nanoTime() - t0);
            }
            Percentiles deep = new Percentiles();
            for (int i = 0; i < Math.max(1, runs / 10); i++) {
                long t0 = System.nanoTime();
                plain.queue(active, Optional.empty(), today, 40 * page, page);
                deep.recordNanos(System.nanoTime() - t0);
            }
            // keyset pagination (what the console's Next button does): walk pages 2 to 41 from the last row's key, then
            // time page 41 read after the key of page 40's last row
            Percentiles walk = new Percentiles();
            List<Ticket> shown = plain.queue(active, Optional.empty(), today, 0, page);
            QueueKey page40Last = null;
            for (int n = 2; n <= 41 && !shown.isEmpty(); n++) {
                QueueKey key = QueueKey.of(shown.get(shown.size() - 1), today);
                if (n == 41) {
                    page40Last = key;
                }
                long t0 = System.nanoTime();
                shown = plain.queueAfter(active, Optional.empty(), today, key, page);
                walk.recordNanos(System.nanoTime() - t0);
            }
            List<Ticket> byOffset = plain.queue(active, Optional.empty(), today, 40 * page, page);
            if (!shown.stream().map(Ticket::number).toList().equals(byOffset.stream().map(Ticket::number).toList())) {
                throw new IllegalStateException("page 41 by key differs from page 41 by offset");
            }
            Percentiles keyset = new Percentiles();
            for (int i = 0; i < 200; i++) {
                plain.queueAfter(active, Optional.empty(), today, page40Last, page);
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                plain.queueAfter(active, Optional.empty(), today, page40Last, page);
                keyset.recordNanos(System.nanoTime() - t0);
            }
            store.queueAfter(active, Optional.empty(), today, page40Last, page);
            String keysetSql = lastSql.get();
            out.println("statement: " + sql);
            out.println("EXPLAIN (ANALYZE, BUFFERS):");
            java.util.Set<String> indexes = new java.util.TreeSet<>();
            boolean sortsAll = false;
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(Index Scan|Index Only Scan|Bitmap Index Scan|Seq Scan)(?: using| on) (\\w+)").matcher(line);
                    if (m.find()) {
                        indexes.add(m.group(1).replace(" ", "") + ":" + m.group(2));
                    }
                    sortsAll |= line.contains("Bitmap Heap Scan") || line.contains("Seq Scan");
                    out.println("  " + line);
                }
            }
            out.println("plan cache: " + planCache(db, boundSql.get(), binds.get()));
            out.println("page 41 after the key of page 40's last row: " + keysetSql);
            out.println("EXPLAIN (ANALYZE, BUFFERS):");
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("explain (analyze, buffers) " + keysetSql)) {
                while (rs.next()) {
                    out.println("  " + rs.getString(1));
                }
            }
            out.println("queue page (offset 0), end to end through JooqTicketStore: " + times.summary());
            out.println("queue page 41 (offset " + 40 * page + "): " + deep.summary());
            out.println("queue pages 2-41 walked with Next (after the last row's key): " + walk.summary());
            out.println("queue page 41 after the key of page 40's last row: " + keyset.summary());
            out.printf("queue: tickets=%d p50=%.2fms p99=%.2fms max=%.2fms page41_offset_p99=%.2fms "
                            + "page41_keyset_p50=%.2fms page41_keyset_p99=%.2fms ordered_index=%s "
                            + "plan=%s peak_rss=%dMB load=%s%n", tickets, times.ms(50), times.ms(99), times.maxMs(),
                    deep.ms(99), keyset.ms(50), keyset.ms(99), sortsAll ? "NO(reads all active)" : "yes",
                    String.join("+", indexes), Machine.peakRssMb(), Machine.load());
            out.flush();
        }
        return 0;
    }

    /**
     * Runs the page's statement as the driver does (prepared, the same bind values) 10 more times on one pooled
     * connection and reports how PostgreSQL planned its runs there: a cached generic plan is planned once, a custom
     * plan on every run.
     */
    private static String planCache(BenchDatabase db, String sql, List<Object> values) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            for (int run = 0; run < 10; run++) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // read every row, as the store does
                    }
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select generic_plans, custom_plans from pg_prepared_statements "
                         + "where not from_sql order by generic_plans + custom_plans desc limit 1")) {
                return rs.next() ? "the page's statement on one pooled connection (its earlier runs included): "
                        + rs.getLong(1) + " runs on the cached generic plan, " + rs.getLong(2) + " planned each time"
                        : "the driver did not prepare the statement";
            }
        }
    }

    private void printDistribution(BenchDatabase db, PrintWriter out) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select status, count(*) from tickets group by status order by 2 desc")) {
            StringBuilder line = new StringBuilder("statuses:");
            while (rs.next()) {
                line.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
            }
            out.println(line);
        }
    }

    /** COPY in chunks of 100,000 rows. */
    private void load(Connection c, long account) throws Exception {
        PGConnection pg = c.unwrap(PGConnection.class);
        SplittableRandom random = new SplittableRandom(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String copy = "copy tickets (account_id, contact_id, subject, description, severity, original_severity, status, "
                + "resolution_reason, submitter_certified_until, first_response_due_at, next_update_due_at, "
                + "first_responded_at, created_at, updated_at, status_since, resolved_at, closed_at) "
                + "from stdin with (format csv, null '')";
        int chunk = 100_000;
        for (int from = 0; from < tickets; from += chunk) {
            StringBuilder rows = new StringBuilder(chunk * 220);
            for (int i = from; i < Math.min(tickets, from + chunk); i++) {
                row(rows, random, account, now, today);
            }
            pg.getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
        }
    }

    private void row(StringBuilder b, SplittableRandom r, long account, Instant now, LocalDate today) {
        int contact = 1 + r.nextInt(contacts);
        int p = r.nextInt(1000);
        String status;
        if (p < 800) {
            status = "CLOSED";
        } else if (p < 860) {
            status = "RESOLVED";
        } else if (p < 910) {
            status = "OPEN";
        } else if (p < 960) {
            status = "IN_PROGRESS";
        } else if (p < 980) {
            status = "WAITING_ON_CUSTOMER";
        } else if (p < 990) {
            status = "AWAITING_INFO";
        } else {
            status = "ON_HOLD";
        }
        boolean active = !status.equals("CLOSED") && !status.equals("RESOLVED");
        int s = r.nextInt(100);
        Integer severity;
        if (s >= 97 && (status.equals("OPEN") || status.equals("AWAITING_INFO"))) {
            severity = null;
        } else {
            severity = s < 5 ? 1 : s < 25 ? 2 : s < 70 ? 3 : 4;
        }
        Instant created = active ? now.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 30)))
                : now.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 365 * 3)));
        Instant firstDue = severity == null ? null : created.plus(Duration.ofHours(switch (severity) {
            case 1 -> 1;
            case 2 -> 4;
            case 3 -> 8;
            default -> 16;
        }));
        boolean responded = !status.equals("OPEN") || r.nextInt(100) < 30;
        Instant respondedAt = responded && firstDue != null ? created.plus(Duration.ofMinutes(r.nextInt(120))) : null;
        Instant nextUpdate = active && respondedAt != null && !status.equals("ON_HOLD")
                ? now.plus(Duration.ofMinutes(r.nextInt(60 * 48) - 60 * 12)) : null;
        LocalDate certified = Seed.certifiedUntil(contact, today);
        Instant updated = active ? created.plus(Duration.ofMinutes(r.nextInt(600))) : created.plus(Duration.ofDays(3));
        b.append(account).append(',').append(contact).append(",Bench ticket ").append(p).append(",\"Something broke, ")
                .append(contact).append("\",").append(severity == null ? "" : severity).append(',')
                .append(severity == null ? "" : severity).append(',').append(status).append(',')
                .append(active ? "" : "FIXED_BY_UPDATE").append(',').append(certified == null ? "" : certified).append(',')
                .append(ts(firstDue)).append(',').append(ts(nextUpdate)).append(',').append(ts(respondedAt)).append(',')
                .append(ts(created)).append(',').append(ts(updated)).append(',').append(ts(updated)).append(',')
                .append(active ? "" : ts(created.plus(Duration.ofDays(2)))).append(',')
                .append(status.equals("CLOSED") ? ts(created.plus(Duration.ofDays(3))) : "").append('\n');
    }

    private static String ts(Instant at) {
        return at == null ? "" : OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
