package io.guichet.bench;

import io.guichet.app.node.GuichetNode;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code bench ingest}: N customer mails waiting in the support mailbox, then a whole node (durable embedded
 * PostgreSQL, IMAP watcher, intake, outbox, SMTP dispatcher) started on it. Measures mails/s from the start until
 * every mail has its receipt committed and every answer it caused was accepted by SMTP; then the same mails delivered
 * again and drained by a {@link NullDesk} (the same batched fetch, one reply per mail over a kept SMTP connection, the
 * same move; no parsing, no database): the mail system's own ceiling, on the same servers; then, on the same database,
 * the raw PostgreSQL ceiling: the same inserts (a ticket row and a message row with a unique Message-ID) as one plain
 * JDBC transaction per mail, one client, no Guichet.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "N mails pre-loaded in the support mailbox: mails/s through a whole node vs a null desk on the same mail servers (and the raw PostgreSQL ceiling).")
final class IngestScenario implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--mails", defaultValue = "5000", description = "Mails (default ${DEFAULT-VALUE}).")
    private int mails;

    @Option(names = "--reply-share", defaultValue = "0.3",
            description = "Share of replies tagged with an existing ticket's number (default ${DEFAULT-VALUE}).")
    private double replyShare;

    @Option(names = "--contacts", defaultValue = "500", description = "Authorized contacts writing (default ${DEFAULT-VALUE}).")
    private int contacts;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--processed-folder", defaultValue = "Processed",
            description = "Where handled mail is moved (default ${DEFAULT-VALUE}); '-' to flag it in INBOX instead.")
    private String processedFolder;

    @Mixin
    private MailServerOptions mailServers;

    @Option(names = "--pool", defaultValue = "10", description = "Connection pool size (default ${DEFAULT-VALUE}).")
    private int pool;

    @Option(names = "--db-url", description = "An external PostgreSQL; default: an embedded one, durable.")
    private Optional<String> dbUrl;

    @Option(names = "--statements", description = "Count the node's statements per mail with pg_stat_statements "
            + "(the embedded PostgreSQL loads it; an external one must preload it).")
    private boolean statements;

    @Option(names = "--everything", description = "Everything on while ingesting: the Discord console and ticket threads "
            + "on the Discord stand-in, three mailboxes, the web pages served (in-process GreenMail only); prints the "
            + "node's memory (with -XX:NativeMemoryTracking=summary in GUICHET_JAVA_OPTS, its breakdown).")
    private boolean everything;

    @Option(names = "--node-process", description = "Run the node in a JVM of its own, started by the launcher as "
            + "'guichet run' with the product's JVM options (the mail servers, the Discord stand-in and the bench's data "
            + "stay in this process), and print that process's peak resident memory (VmHWM).")
    private boolean nodeProcess;

    @Option(names = "--launcher", defaultValue = "./guichet",
            description = "The launcher --node-process starts the node with (default ${DEFAULT-VALUE}).")
    private Path launcher;

    @Option(names = "--node-java-opts", description = "GUICHET_JAVA_OPTS of the node's process (--node-process); "
            + "default: the launcher's own.")
    private Optional<String> nodeJavaOptions;

    @Option(names = "--native-memory", description = "With --node-process: the node's JVM tracks its native memory "
            + "(-XX:NativeMemoryTracking=summary) and its summary is printed (jcmd VM.native_memory).")
    private boolean nativeMemory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scenario: ingest, mails=%d, reply-share=%.2f, contacts=%d, processed-folder=%s, pool=%d%n", mails,
                replyShare, contacts, processedFolder, pool);
        Machine.describe(out);
        Path work = Files.createTempDirectory("guichet-bench-ingest-");
        try (MailWorld mail = mailServers.open();
             BenchDatabase db = BenchDatabase.start(dbUrl, pool, statements, out)) {
            out.println("mail: " + mail.describe());
            int replies = (int) Math.round(mails * replyShare);
            List<Long> existing;
            try (Connection c = db.connection()) {
                long account = Seed.customers(c, contacts);
                existing = existingTickets(c, account, Math.max(1, Math.min(replies, 1000)));
            }
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<MimeMessage> messages = generate(mail, existing, run);
            long bytes = bodyBytes;
            long preload = System.nanoTime();
            mail.deliver(messages);
            out.printf("pre-loaded %d mails (%.1f MB of bodies, %d replies to %d existing tickets) in %.1f s%n", mails,
                    bytes / 1048576.0, replies, existing.size(), (System.nanoTime() - preload) / 1e9);
            messages = null;

            Map<String, String> settings = new HashMap<>(BenchNode.mail(mail.endpoints()));
            Optional<EverythingOn> all = everything ? Optional.of(EverythingOn.start(mail)) : Optional.empty();
            all.ifPresent(on -> {
                settings.putAll(on.settings());
                out.println(on.describe());
            });
            settings.put("GUICHET_DB_POOL_SIZE", Integer.toString(pool));
            if (!processedFolder.equals("-")) {
                settings.put("GUICHET_IMAP_PROCESSED_FOLDER", processedFolder);
            }
            Optional<StatementCount> counted = statements ? Optional.of(StatementCount.reset(db)) : Optional.empty();
            long start = System.nanoTime();
            double seconds;
            Counts counts;
            double perMail = Double.NaN;
            long nodePeakMb = -1;
            long nodeThreads = -1;
            double nodeCpuMs = Double.NaN;
            AutoCloseable node = startNode(work, settings, db, out);
            try {
                all.ifPresent(EverythingOn::startLoad);
                Instant giveUp = Instant.now().plus(timeout);
                long lastPrint = System.nanoTime();
                while (true) {
                    counts = counts(db);
                    if (counts.receipts >= mails && counts.unsent == 0) {
                        break;
                    }
                    if (Instant.now().isAfter(giveUp)) {
                        out.println("TIMEOUT: " + counts);
                        break;
                    }
                    if (node instanceof NodeProcess process) {
                        nodeThreads = Math.max(nodeThreads, process.threads());
                    }
                    if (System.nanoTime() - lastPrint > 10e9) {
                        out.printf("  %4.0f s: %s%n", (System.nanoTime() - start) / 1e9, counts);
                        out.flush();
                        lastPrint = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
                seconds = (System.nanoTime() - start) / 1e9;
                if (counted.isPresent()) {
                    perMail = counted.get().print(out, counts.receipts);
                }
                all.ifPresent(on -> on.report(out, node instanceof NodeProcess));
                if (node instanceof NodeProcess process) {
                    nodePeakMb = process.peakResidentMb();
                    nodeCpuMs = 1000 * process.cpuSeconds() / mails;
                    out.printf("node process %d: resident memory now %d MB, peak %d MB (VmHWM), threads at most %d, "
                                    + "CPU %.1f s (%.1f ms per mail, start included)%n", process.pid(),
                            process.residentMb(), nodePeakMb, nodeThreads, process.cpuSeconds(), nodeCpuMs);
                    process.printNativeMemory(out);
                }
            } finally {
                node.close();
                all.ifPresent(EverythingOn::close);
            }
            out.printf("guichet: %d mails handled in %.1f s; %s%n", mails, seconds, counts);
            out.println("dispositions: " + dispositions(db));
            mail.receivedByCustomers().ifPresent(n -> out.println("GreenMail received for customers: " + n));
            double guichetRate = counts.receipts / seconds;

            mail.deliver(generate(mail, existing, run));
            double nullSeconds = new NullDesk(mail.endpoints(), processedFolder).drain(mails);
            double nullRate = mails / nullSeconds;
            out.printf("null desk: %d mails read, answered and moved in %.1f s%n", mails, nullSeconds);

            double raw = rawCeiling(db, mails, out);
            out.printf("ingest: mails=%d guichet=%.0f mails/s null_desk=%.0f mails/s guichet/null=%.0f%% raw_pg=%.0f tx/s "
                            + "answers_sent=%d mail_server=%s%s peak_rss=%dMB%s load=%s%n", mails, guichetRate, nullRate,
                    100 * guichetRate / nullRate, raw, counts.sent, mailServers.external() ? "external" : "greenmail",
                    statements ? String.format(" statements_per_mail=%.2f", perMail) : "", Machine.peakRssMb(),
                    nodeProcess ? String.format(" node_peak_rss=%dMB node_cpu_per_mail=%.1fms", nodePeakMb, nodeCpuMs) : "",
                    Machine.load());
            out.flush();
        } finally {
            BenchDatabase.delete(work);
        }
        return 0;
    }

    /** The node in this JVM (started), or in its own process (running) with {@code --node-process}. */
    private AutoCloseable startNode(Path work, Map<String, String> settings, BenchDatabase db, PrintWriter out)
            throws Exception {
        if (!nodeProcess) {
            GuichetNode node = new GuichetNode(BenchNode.config(work, settings), db.database(), Clock.systemUTC());
            try {
                node.start();
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            return node;
        }
        Map<String, String> env = new HashMap<>(settings);
        env.put("GUICHET_DATA_DIR", work.toString());
        env.put("GUICHET_HTTP_PORT", "0");
        Path log = Path.of("guichet-bench-node.log").toAbsolutePath();
        NodeProcess node = NodeProcess.start(launcher, env, db, nodeJavaOptions, nativeMemory, log, Duration.ofMinutes(2));
        out.printf("node: its own process %d, started by %s run with GUICHET_JAVA_OPTS %s%s; output in %s%n", node.pid(),
                launcher, nodeJavaOptions.map(o -> "\"" + o + "\"").orElse("unset (the launcher's defaults)"),
                nativeMemory ? ", native memory tracked" : "", log);
        out.flush();
        return node;
    }

    private long bodyBytes;

    /** The scenario's mails, the same for the same {@code run}: the node's run and the null desk's read the same. */
    private List<MimeMessage> generate(MailWorld mail, List<Long> existing, String run) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        MailFactory factory = new MailFactory(13, mail.endpoints().supportAddress());
        List<MimeMessage> messages = new ArrayList<>(mails);
        bodyBytes = 0;
        for (int i = 0; i < mails; i++) {
            int size = factory.size();
            bodyBytes += size;
            String token = "bench-" + run + "-" + i;
            if (random.nextDouble() < replyShare) {
                int t = random.nextInt(existing.size());
                messages.add(factory.reply(token, Seed.contactEmail(1 + t % contacts), existing.get(t), size));
            } else {
                messages.add(factory.request(token, Seed.contactEmail(1 + random.nextInt(contacts)), size));
            }
        }
        return messages;
    }

    record Counts(long receipts, long tickets, long sent, long unsent) {
        @Override
        public String toString() {
            return "receipts=" + receipts + " tickets=" + tickets + " answers sent=" + sent + " unsent=" + unsent;
        }
    }

    private static Counts counts(BenchDatabase db) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (select count(*) from inbound_receipts), (select count(*) from tickets), "
                     + "(select count(*) from outbox where sent_at is not null), "
                     + "(select count(*) from outbox where sent_at is null and abandoned_at is null)")) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    private static String dispositions(BenchDatabase db) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select disposition, count(*) from inbound_receipts group by 1 order by 2 desc")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
            }
            return b.toString().strip();
        }
    }

    /** Open tickets the replies refer to, one per contact in turn; returns their numbers. */
    private List<Long> existingTickets(Connection c, long account, int n) throws Exception {
        List<Long> numbers = new ArrayList<>(n);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("insert into tickets (account_id, contact_id, subject, severity, "
                + "original_severity, status, first_responded_at, created_at, updated_at, status_since) "
                + "values (?, ?, 'Agents offline', 3, 3, 'IN_PROGRESS', ?, ?, ?, ?) returning number")) {
            for (int i = 0; i < n; i++) {
                ps.setLong(1, account);
                ps.setLong(2, 1 + i % contacts);
                ps.setObject(3, now.minusHours(20));
                ps.setObject(4, now.minusDays(1));
                ps.setObject(5, now.minusHours(20));
                ps.setObject(6, now.minusHours(20));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    numbers.add(rs.getLong(1));
                }
            }
        }
        return numbers;
    }

    /** One transaction per mail: a ticket row and a message row with a unique Message-ID and a body of mail size. */
    private double rawCeiling(BenchDatabase db, int n, PrintWriter out) throws Exception {
        MailFactory sizes = new MailFactory(17, "x");
        String filler = "x".repeat(20 * 1024);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ticket = c.prepareStatement("insert into tickets (account_id, contact_id, subject, "
                    + "description, severity, original_severity, status, created_at, updated_at, status_since) "
                    + "values (1, ?, ?, ?, 3, 3, 'OPEN', now(), now(), now()) returning id");
                 PreparedStatement message = c.prepareStatement("insert into mail_messages (ticket_id, direction, "
                         + "message_id, subject, sender, body, created_at) values (?, 'IN', ?, ?, ?, ?, now())")) {
                for (int i = 0; i < n; i++) {
                    String body = filler.substring(0, sizes.size());
                    ticket.setLong(1, 1 + i % contacts);
                    ticket.setString(2, "Raw ceiling " + i);
                    ticket.setString(3, body.substring(0, Math.min(body.length(), 2048)));
                    long id;
                    try (ResultSet rs = ticket.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    message.setLong(1, id);
                    message.setString(2, UUID.randomUUID() + "@raw.bench");
                    message.setString(3, "Raw ceiling " + i);
                    message.setString(4, Seed.contactEmail(1 + i % contacts));
                    message.setString(5, body);
                    message.executeUpdate();
                    c.commit();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            out.printf("raw PostgreSQL: %d transactions (ticket + message) in %.1f s, one client%n", n, seconds);
            return n / seconds;
        }
    }
}
