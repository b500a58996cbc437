package io.guichet.app.faults;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.GuichetCli;
import io.guichet.mail.testing.TcpProxy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's world and scenario: PostgreSQL (embedded, restartable), GreenMail (IMAP and SMTP) reached by the
 * node through two {@link TcpProxy}s, and Guichet run as a separate process ({@link NodeProcess}). A stream of
 * requests from authorized contacts, each with a unique token in its subject, goes into the support INBOX while the
 * run applies its faults in a random order at random moments: SIGKILL of the node (restarted at once), a restart of
 * PostgreSQL under the running node, an SMTP outage and an IMAP outage (new connections refused and open ones cut).
 * Then the last node drains the backlog and everything is counted from the outside: the tickets in the database, the
 * mail left in the INBOX, the answers in the customers' mailboxes (by Message-ID, so a duplicate answer shows).
 *
 * <p>The answers a fault may duplicate are measured, not assumed: at each fault the run records the answers "in
 * flight" (in the outbox, unsent, under a live claim; plus, for a database restart, those delivered while the
 * database was away, whose "sent" mark cannot have been written). The guarantee checked is that every answer
 * delivered twice was in flight at a fault, and that no more copies arrived than there were such answers.
 */
final class FaultRun implements AutoCloseable {

    static final String SUPPORT = "support@guichet.test";
    private static final Pattern TOKEN = Pattern.compile("tok[a-z]{5}");
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> WORDS = List.of(("agent console server backup restore patch script ticket "
            + "monitor alarm policy gateway probe tunnel firewall switch printer laptop desktop tablet phone "
            + "domain forest cluster replica mirror volume disk partition memory kernel driver firmware bios "
            + "license contract invoice audit report chart graph export import upload download queue buffer "
            + "cache proxy router modem cable fiber wifi vlan subnet route certificate token session cookie "
            + "password account profile group role member owner admin operator window screen mouse keyboard "
            + "camera speaker battery charger socket plug sensor meter gauge valve pump motor engine turbine "
            + "office branch warehouse factory garage kitchen lobby floor room corridor basement attic roof "
            + "morning evening weekend holiday summer winter spring autumn yesterday today tonight overnight "
            + "slow frozen broken missing stuck blank noisy silent flashing red yellow green offline online "
            + "again suddenly randomly always never sometimes rarely often twice hourly daily weekly").split(" "));

    /** What a run does. */
    record Plan(int mails, int contacts, int kills, boolean databaseRestart, Duration databaseDowntime,
                Duration smtpOutage, Duration imapOutage, Duration mailGap, Duration drainTimeout,
                long seed) {

        List<Fault> faults(Random random) {
            List<Fault> others = new ArrayList<>();
            if (databaseRestart) {
                others.add(Fault.DATABASE_RESTART);
            }
            if (!smtpOutage.isZero()) {
                others.add(Fault.SMTP_OUTAGE);
            }
            if (!imapOutage.isZero()) {
                others.add(Fault.IMAP_OUTAGE);
            }
            // the other faults spread evenly among the kills, in a random order; the first fault is a kill
            Collections.shuffle(others, random);
            List<Fault> ordered = new ArrayList<>();
            int k = 0;
            for (int i = 0; i < others.size(); i++) {
                int killsBefore = Math.max(Math.min(1, kills), kills * (i + 1) / (others.size() + 1));
                for (; k < killsBefore; k++) {
                    ordered.add(Fault.KILL);
                }
                ordered.add(others.get(i));
            }
            for (; k < kills; k++) {
                ordered.add(Fault.KILL);
            }
            return ordered;
        }
    }

    enum Fault { KILL, DATABASE_RESTART, SMTP_OUTAGE, IMAP_OUTAGE }

    /** One answer as it reached a customer's mailbox. */
    record Delivery(String recipient, String messageId, String subject, Instant at) {
    }

    /**
     * How long the node took to work again after a fault: from the restart of the node or of the database, or from
     * the end of an SMTP outage, to the next answer delivered; from the end of an IMAP outage to the next mail moved
     * out of the INBOX.
     */
    record Recovery(Fault fault, Duration toWork) {
    }

    /** What was counted. */
    record Outcome(int mails, int kills, int faults, List<String> lost, List<String> duplicateTickets,
                   List<String> unanswered, int duplicateAnswers, int inFlightAtFaults, int distinctInFlight,
                   List<String> duplicatesNotInFlight, int leftInInbox, int quarantined, int processed,
                   List<Recovery> recoveries, Duration elapsed, Duration drain, Path log) {

        List<Duration> resumeAfterKill() {
            return recoveries.stream().filter(r -> r.fault() == Fault.KILL).map(Recovery::toWork).sorted().toList();
        }

        Optional<Duration> recoveryOf(Fault fault) {
            return recoveries.stream().filter(r -> r.fault() == fault).map(Recovery::toWork).findFirst();
        }

        String summary() {
            List<Duration> resume = resumeAfterKill();
            StringBuilder text = new StringBuilder();
            text.append("mails                 ").append(mails).append('\n');
            text.append("faults                ").append(faults).append(" (kills ").append(kills).append(")\n");
            text.append("lost                  ").append(lost.size()).append(lost.isEmpty() ? "" : " " + first(lost)).append('\n');
            text.append("duplicate tickets     ").append(duplicateTickets.size())
                    .append(duplicateTickets.isEmpty() ? "" : " " + first(duplicateTickets)).append('\n');
            text.append("unanswered            ").append(unanswered.size())
                    .append(unanswered.isEmpty() ? "" : " " + first(unanswered)).append('\n');
            text.append("duplicate answers     ").append(duplicateAnswers).append(" (answers in flight at the faults: ")
                    .append(inFlightAtFaults).append(", ").append(distinctInFlight).append(" distinct").append("; duplicates not in flight: ").append(duplicatesNotInFlight.size())
                    .append(")\n");
            if (!duplicatesNotInFlight.isEmpty()) {
                text.append("  not in flight: ").append(first(duplicatesNotInFlight)).append('\n');
            }
            text.append("left in INBOX         ").append(leftInInbox).append(", quarantined ").append(quarantined)
                    .append(", processed ").append(processed).append('\n');
            if (!resume.isEmpty()) {
                text.append("resume after a kill   median ").append(seconds(resume.get(resume.size() / 2)))
                        .append(", max ").append(seconds(resume.get(resume.size() - 1)))
                        .append(" (restart -> next answer delivered, ").append(resume.size()).append(" kills)\n");
            }
            recoveryOf(Fault.DATABASE_RESTART).ifPresent(d -> text.append("database restart      next answer ")
                    .append(seconds(d)).append(" after the database was back\n"));
            recoveryOf(Fault.SMTP_OUTAGE).ifPresent(d -> text.append("SMTP outage           next answer ")
                    .append(seconds(d)).append(" after the relay was back\n"));
            recoveryOf(Fault.IMAP_OUTAGE).ifPresent(d -> text.append("IMAP outage           next mail handled ")
                    .append(seconds(d)).append(" after the server was back\n"));
            text.append("drain after the stream ").append(seconds(drain)).append(", whole run ").append(seconds(elapsed))
                    .append('\n');
            text.append("node log              ").append(log).append('\n');
            return text.toString();
        }

        private static String first(List<String> items) {
            return items.stream().limit(10).toList().toString();
        }

        static String seconds(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }

    private final Plan plan;
    private final Path directory;
    private final PrintStream progress;
    private final Random random;
    private final RestartablePostgres postgres;
    private final GreenMail mail;
    private final TcpProxy imapProxy;
    private final TcpProxy smtpProxy;
    private final Path config;
    private final Path log;
    private final List<String> contacts = new ArrayList<>();
    private final Map<String, GreenMailUser> mailboxes = new HashMap<>();
    private final GreenMailUser support;
    /** Every answer delivered to a customer, in the order the monitor saw them. */
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final List<Set<String>> inFlight = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final BlockingQueue<MimeMessage> stream = new LinkedBlockingQueue<>();
    private final AtomicInteger streamed = new AtomicInteger();
    private volatile boolean running = true;
    private NodeProcess node;
    private int kills;
    private int faultCount;

    FaultRun(Plan plan, Path directory, PrintStream progress) {
        this.plan = plan;
        this.directory = directory;
        this.progress = progress;
        this.random = new Random(plan.seed());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = directory.resolve("node.log");
        this.postgres = RestartablePostgres.start(directory.resolve("pgdata"));
        this.mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        this.support = mail.setUser(SUPPORT, "support", "secret");
        try {
            this.imapProxy = new TcpProxy(mail.getImap().getPort());
            this.smtpProxy = new TcpProxy(mail.getSmtp().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.config = writeConfig();
        seed();
    }

    /** Runs the plan and counts. */
    Outcome run() throws InterruptedException {
        Instant begin = Instant.now();
        List<MimeMessage> requests = requests();
        List<Fault> faults = plan.faults(random);
        faultCount = faults.size();
        int windows = faults.size() + 1;
        Thread monitor = Thread.ofPlatform().daemon().name("fault-run-monitor").start(this::monitor);
        Thread feeder = Thread.ofPlatform().daemon().name("fault-run-feeder").start(this::feed);
        try {
            node = NodeProcess.start(config, log);
            // the stream in windows, one before the first fault and one per fault: a window starts streaming when the
            // node works again after the previous fault, the fault strikes while it streams, and what is left of it
            // arrives while the fault lasts (a backlog when it ends)
            int released = requests.size() / windows;
            stream.addAll(requests.subList(0, released));
            for (int i = 0; i < faults.size(); i++) {
                awaitUp();
                int upTo = (int) ((long) requests.size() * (i + 2) / windows);
                stream.addAll(requests.subList(released, upTo));
                // the fault strikes at a random moment of the first half of this window: the second half streams in
                // while the fault lasts
                Thread.sleep(random.nextLong(plan.mailGap().toMillis() * (upTo - released) / 2 + 1));
                released = upTo;
                apply(faults.get(i), i + 1, faults.size());
            }
            stream.addAll(requests.subList(released, requests.size()));
            awaitUp();
            await("the stream delivered", Duration.ofMinutes(30), () -> streamed.get() == requests.size());
            Instant drainStart = Instant.now();
            progress.printf("stream delivered (%d mails); draining%n", requests.size());
            boolean drained = poll(plan.drainTimeout(), this::drained);
            Duration drain = Duration.between(drainStart, Instant.now());
            if (!drained) {
                progress.println("not drained after " + Outcome.seconds(drain));
            }
            node.stop();
            running = false;
            monitor.join(5_000);
            scanMailboxes();
            return count(Duration.between(begin, Instant.now()), drain);
        } finally {
            running = false;
            feeder.interrupt();
            if (node != null && node.alive()) {
                node.kill();
            }
        }
    }

    private void apply(Fault fault, int index, int total) throws InterruptedException {
        progress.printf("%s fault %d/%d: %s (%d/%d mails streamed, %d answers)%n", Instant.now(), index, total, fault,
                streamed.get(), plan.mails(), deliveries.size());
        switch (fault) {
            case KILL -> {
                node.kill();
                kills++;
                inFlight.add(claimedAnswers());
                node = NodeProcess.start(config, log);
                awaitNextAnswer(Fault.KILL, node.started());
            }
            case DATABASE_RESTART -> {
                Set<String> held = claimedAnswers();
                Instant stopped = Instant.now();
                postgres.stop();
                Thread.sleep(plan.databaseDowntime().toMillis());
                postgres.restart();
                // delivered while the database was away: their "sent" mark may never have been written
                scanMailboxes();
                Instant back = Instant.now();
                deliveries.stream().filter(d -> !d.at().isBefore(stopped.minusSeconds(1)) && !d.at().isAfter(back))
                        .forEach(d -> held.add(bare(d.messageId())));
                inFlight.add(held);
                awaitNextAnswer(Fault.DATABASE_RESTART, back);
            }
            case SMTP_OUTAGE -> {
                smtpProxy.refuse(true);
                inFlight.add(claimedAnswers());
                smtpProxy.dropAll();
                Thread.sleep(plan.smtpOutage().toMillis());
                smtpProxy.refuse(false);
                awaitNextAnswer(Fault.SMTP_OUTAGE, Instant.now());
            }
            case IMAP_OUTAGE -> {
                imapProxy.refuse(true);
                imapProxy.dropAll();
                Thread.sleep(plan.imapOutage().toMillis());
                int processed = folderCount("Processed");
                Instant restored = Instant.now();
                imapProxy.refuse(false);
                // the mailbox works again when the next mail is moved out of the INBOX
                if (!poll(RESUME_TIMEOUT, () -> folderCount("Processed") > processed
                        || stream.isEmpty() && inboxCount() == 0)) {
                    throw new IllegalStateException("no mail handled within " + RESUME_TIMEOUT
                            + " after the IMAP outage (node log: " + log + ")");
                }
                recoveries.add(new Recovery(Fault.IMAP_OUTAGE, Duration.between(restored, Instant.now())));
            }
        }
    }

    /** Waits for the next answer after {@code from} and records how long it took (the node works again). */
    private void awaitNextAnswer(Fault fault, Instant from) throws InterruptedException {
        boolean resumed = poll(RESUME_TIMEOUT, () -> deliveries.stream().anyMatch(d -> d.at().isAfter(from))
                || nothingToDo());
        Optional<Instant> next = deliveries.stream().map(Delivery::at).filter(at -> at.isAfter(from))
                .min(Comparator.naturalOrder());
        if (!resumed) {
            throw new IllegalStateException("no answer within " + RESUME_TIMEOUT + " after " + fault + " (node log: "
                    + log + ")");
        }
        next.ifPresent(at -> recoveries.add(new Recovery(fault, Duration.between(from, at))));
    }

    private void awaitUp() throws InterruptedException {
        await("the node answering /health/live", UP_TIMEOUT, () -> node.live());
    }

    private boolean drained() {
        return allAnswered() && inboxCount() == 0 && ticketsByToken().keySet().containsAll(tokens);
    }

    /** Every request streamed so far was answered and none waits to be streamed: no answer is due. */
    private boolean nothingToDo() {
        return stream.isEmpty() && answeredTokens().size() >= streamed.get();
    }

    private boolean allAnswered() {
        Set<String> answered = answeredTokens();
        return answered.size() == tokens.size() && streamed.get() == tokens.size();
    }

    private Set<String> answeredTokens() {
        Set<String> answered = new HashSet<>();
        for (Delivery d : deliveries) {
            Matcher m = TOKEN.matcher(d.subject());
            if (m.find()) {
                answered.add(m.group());
            }
        }
        return answered;
    }

    private Outcome count(Duration elapsed, Duration drain) {
        Map<String, Integer> tickets = ticketsByToken();
        Set<String> answered = answeredTokens();
        List<String> lost = tokens.stream().filter(t -> !tickets.containsKey(t)).toList();
        List<String> duplicateTickets = tokens.stream().filter(t -> tickets.getOrDefault(t, 0) > 1).toList();
        List<String> unanswered = tokens.stream().filter(t -> !answered.contains(t)).toList();
        Map<String, Integer> copies = new LinkedHashMap<>();
        deliveries.forEach(d -> copies.merge(d.recipient() + " " + d.messageId(), 1, Integer::sum));
        Set<String> flying = new HashSet<>();
        inFlight.forEach(flying::addAll);
        int duplicates = 0;
        List<String> notInFlight = new ArrayList<>();
        for (Map.Entry<String, Integer> e : copies.entrySet()) {
            if (e.getValue() > 1) {
                duplicates += e.getValue() - 1;
                String messageId = e.getKey().substring(e.getKey().indexOf(' ') + 1);
                if (!flying.contains(bare(messageId))) {
                    notInFlight.add(messageId + " delivered at " + deliveries.stream()
                            .filter(d -> d.messageId().equals(messageId)).map(Delivery::at).toList());
                }
            }
        }
        int allowed = inFlight.stream().mapToInt(Set::size).sum();
        return new Outcome(tokens.size(), kills, faultCount, lost, duplicateTickets,
                unanswered, duplicates, allowed, flying.size(), notInFlight, inboxCount(), folderCount("Quarantine"),
                folderCount("Processed"), List.copyOf(recoveries), elapsed, drain, log);
    }

    // ---- the world ----

    private Path writeConfig() {
        Properties settings = new Properties();
        settings.setProperty("GUICHET_DB_URL", postgres.jdbcUrl());
        settings.setProperty("GUICHET_DB_USER", "postgres");
        settings.setProperty("GUICHET_DATA_DIR", directory.resolve("data").toString());
        settings.setProperty("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.setProperty("GUICHET_IMAP_PORT", Integer.toString(imapProxy.port()));
        settings.setProperty("GUICHET_IMAP_SECURITY", "none");
        settings.setProperty("GUICHET_IMAP_USER", "support");
        settings.setProperty("GUICHET_IMAP_PASSWORD", "secret");
        settings.setProperty("GUICHET_IMAP_POLL_INTERVAL", "PT1S");
        settings.setProperty("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.setProperty("GUICHET_SMTP_PORT", Integer.toString(smtpProxy.port()));
        settings.setProperty("GUICHET_SMTP_SECURITY", "none");
        settings.setProperty("GUICHET_SUPPORT_ADDRESS", SUPPORT);
        settings.setProperty("GUICHET_AUTO_REPLY_CAP", "10000");
        settings.setProperty("GUICHET_HTTP_PORT", "off");
        Path file = directory.resolve("guichet.properties");
        try (var out = Files.newBufferedWriter(file)) {
            settings.store(out, "fault suite");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The schema (`guichet migrate`), then one covered account and its contacts, through the admin commands. */
    private void seed() {
        cli("migrate", "--config", config.toString());
        cli("accounts", "add", "Acme", "--coverage-until", "2099-12-31", "--manager-name", "Marie",
                "--manager-email", "marie@vendor.example", "--config", config.toString());
        StringBuilder csv = new StringBuilder("account,name,email,phone,language,certified_until\n");
        for (int i = 0; i < plan.contacts(); i++) {
            String address = "customer" + i + "@acme.example";
            contacts.add(address);
            mailboxes.put(address, mail.setUser(address, address, "secret"));
            csv.append("Acme,Customer ").append(i).append(',').append(address).append(",,en,\n");
        }
        Path file = directory.resolve("contacts.csv");
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli("contacts", "import", file.toString(), "--config", config.toString());
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        if (code != 0) {
            throw new IllegalStateException("guichet " + String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
    }

    /** The requests: a unique token in each subject, words drawn at random so no two look alike (no loop). */
    private List<MimeMessage> requests() {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> requests = new ArrayList<>();
        for (int i = 0; i < plan.mails(); i++) {
            String token = token(i);
            tokens.add(token);
            String from = contacts.get(i % contacts.size());
            try {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(from, "Customer " + (i % contacts.size())));
                message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(SUPPORT));
                message.setSubject(words(2) + " " + token + " " + words(2));
                message.setText(String.join("\n", words(12), words(12), words(6), "", "Severity: 3", ""), "UTF-8");
                requests.add(message);
            } catch (MessagingException | java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return requests;
    }

    private static String token(int i) {
        char[] letters = new char[5];
        int n = i;
        for (int k = 4; k >= 0; k--) {
            letters[k] = (char) ('a' + n % 26);
            n /= 26;
        }
        return "tok" + new String(letters);
    }

    private String words(int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", picked);
    }

    /** Puts the released requests into the support INBOX, one every {@code mailGap}. */
    private void feed() {
        try {
            while (running) {
                MimeMessage message = stream.take();
                message.setSentDate(new java.util.Date());
                message.saveChanges();
                support.deliver(message);
                streamed.incrementAndGet();
                Thread.sleep(plan.mailGap().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot deliver a request to the support INBOX", e);
        }
    }

    /** Notes every new answer in the customers' mailboxes with the moment it was first seen. */
    private void monitor() {
        while (running) {
            scanMailboxes();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void scanMailboxes() {
        Instant now = Instant.now();
        for (String address : contacts) {
            List<StoredMessage> messages = folder(mailboxes.get(address), "INBOX").getMessages();
            int known = seen.getOrDefault(address, 0);
            for (int i = known; i < messages.size(); i++) {
                try {
                    MimeMessage answer = messages.get(i).getMimeMessage();
                    deliveries.add(new Delivery(address, answer.getMessageID(), answer.getSubject(), now));
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            seen.put(address, messages.size());
        }
    }

    private MailFolder folder(GreenMailUser user, String name) {
        try {
            return "INBOX".equals(name) ? mail.getManagers().getImapHostManager().getInbox(user)
                    : mail.getManagers().getImapHostManager().getFolder(user, name);
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private int inboxCount() {
        return folder(support, "INBOX").getMessageCount();
    }

    private int folderCount(String name) {
        MailFolder folder = folder(support, name);
        return folder == null ? 0 : folder.getMessageCount();
    }

    /** The tickets whose subject holds each token, by token. */
    private Map<String, Integer> ticketsByToken() {
        Map<String, Integer> tickets = new HashMap<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select subject from tickets")) {
            while (rows.next()) {
                Matcher m = TOKEN.matcher(rows.getString(1));
                if (m.find()) {
                    tickets.merge(m.group(), 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            return Map.of(); // the database is restarting: nothing counted this time
        }
        return tickets;
    }

    /**
     * The Message-IDs of the answers a sender took and did not mark sent: unsent answers whose next attempt was moved
     * past their creation by a claim (live, or run out while its holder was starved or killed) or by a failed attempt.
     * A fresh answer, never taken, is due at its creation.
     */
    private Set<String> claimedAnswers() {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select message_id from outbox where sent_at is null"
                     + " and abandoned_at is null and next_attempt_at > created_at")) {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(bare(rows.getString(1)));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    /** A Message-ID without its angle brackets: the outbox keeps it so, the header carries them. */
    static String bare(String messageId) {
        String id = messageId == null ? "" : messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        if (!poll(timeout, condition)) {
            throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
        }
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        running = false;
        if (node != null && node.alive()) {
            node.kill();
        }
        imapProxy.close();
        smtpProxy.close();
        mail.stop();
        postgres.close();
        deleteTree(directory.resolve("pgdata")); // the node's log stays
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is under target/
        }
    }
}
