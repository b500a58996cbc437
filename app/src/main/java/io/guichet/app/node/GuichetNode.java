package io.guichet.app.node;

import io.guichet.app.config.GuichetConfig;
import io.guichet.app.health.Check;
import io.guichet.app.health.Checks;
import io.guichet.app.health.HealthServer;
import io.guichet.core.link.PageLinks;
import io.guichet.web.WebServer;
import io.guichet.app.health.HttpPortUnavailableException;
import io.guichet.app.health.NodeMetrics;
import io.guichet.db.JooqStatistics;
import io.guichet.app.scheduler.GuichetScheduler;
import io.guichet.app.scheduler.SchedulerSettings;
import io.guichet.app.staff.LoggingStaffNotifier;
import io.guichet.app.staff.StaffNoticeLoop;
import io.guichet.core.desk.StaffNoticeDispatcher;
import io.guichet.db.JooqStaffOutbox;
import io.guichet.db.JooqAuditLog;
import io.guichet.core.desk.CalendarDesk;
import io.guichet.core.desk.DeadlineDesk;
import io.guichet.core.desk.DeadlineSweep;
import io.guichet.db.JooqDeadlineStore;
import io.guichet.db.JooqNoticeLog;
import io.guichet.db.JooqVersionsInUse;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.Desks;
import io.guichet.core.desk.StaffDesk;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.port.StaffNotifier;
import io.guichet.db.Database;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.JooqMailFailures;
import io.guichet.db.JooqMailJournal;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqQuarantine;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqTransactions;
import io.guichet.db.JooqVersionCatalog;
import io.guichet.db.PostgresMailboxLock;
import io.guichet.discord.DiscordAdapter;
import io.guichet.mail.MailLogin;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.imap.ImapSettings;
import io.guichet.mail.inbound.ClassifierSettings;
import io.guichet.mail.inbound.Envelope;
import io.guichet.mail.inbound.FailurePolicy;
import io.guichet.mail.inbound.MailHandler;
import io.guichet.mail.inbound.MailIntake;
import io.guichet.mail.inbound.MailIntakeSettings;
import io.guichet.mail.inbound.MimeParser;
import io.guichet.mail.oauth.AccessTokens;
import io.guichet.mail.oauth.OAuthGrant;
import io.guichet.mail.oauth.TokenEndpoint;
import io.guichet.mail.outbound.AutoReplyLimits;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.outbound.NoticeRenderer;
import io.guichet.mail.outbound.OutboxMessenger;
import io.guichet.mail.headers.SubjectTag;
import io.guichet.mail.smtp.RetryPolicy;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;
import io.guichet.mail.smtp.SentCopies;
import io.guichet.mail.imap.ImapSentFolder;
import io.guichet.mail.smtp.SmtpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One running Guichet: the composition root. Builds the desk on the database, the e-mail channel (IMAP watcher,
 * intake, outbox, SMTP dispatcher), the Discord console when configured, and starts and stops them in order.
 * Several nodes may share one database: the mailbox lock lets one read the mailbox, the outbox claims let all send.
 */
public final class GuichetNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GuichetNode.class);
    /**
     * Threads applying due deadlines at most; each holds a pool connection while it works, and they take at most half
     * of the pool (the intake, the dispatcher, Quartz and health checks need the rest).
     */
    private static final int SWEEP_THREADS = 4;
    /** Deadlines claimed at once, split into one group per thread, each applied in one transaction. */
    private static final int SWEEP_BATCH = 200;
    /** How often the staff outbox is looked at; a notice reaches the staff at most this long after its commit. */
    private static final Duration STAFF_NOTICE_INTERVAL = Duration.ofSeconds(1);

    private final GuichetConfig config;
    private final JooqTransactions transactions;
    private final DeskPorts desk;
    private final io.guichet.core.port.PerTransaction<io.guichet.core.mail.MailJournal> journals;
    private final Desks desks;
    private final CustomerDesk customers;
    private final StaffDesk staffDesk;
    private final JooqMailJournal journal;
    private final JooqOutbox outbox;
    private final JooqStaffOutbox staffOutbox;
    private final StaffNoticeLoop staffNotices;
    private final DiscordAdapter discord;
    private final Optional<SmtpOutboxDispatcher> dispatcher;
    private final Optional<ImapMailboxWatcher> watcher;
    private final Optional<MailIntake> intake;
    private final PostgresMailboxLock mailboxLock;
    private final List<MailboxChannel> channels;
    private final GuichetScheduler scheduler;
    private final ExecutorService sweepWorkers;
    private final NodeMetrics metrics;
    private final List<Check> checks = new ArrayList<>();
    private Optional<HealthServer> health = Optional.empty();
    private final Optional<PageLinks> pageLinks;
    private Optional<WebServer> web = Optional.empty();

    public GuichetNode(GuichetConfig config, Database database, Clock clock) {
        this.config = config;
        this.transactions = database.transactions();
        CoreAssembly core = CoreAssembly.on(config, database, clock);
        this.journal = core.journal();
        this.outbox = core.outbox();
        this.staffOutbox = core.staffOutbox();
        this.desk = core.ports();
        this.journals = core.journals();
        this.desks = core.desks();
        this.pageLinks = core.pageLinks();
        this.customers = desks.customers();
        this.staffDesk = desks.staffDesk();
        this.discord = new DiscordAdapter(config.discord());
        StaffNotifier staff = config.discord().token().isPresent() ? discord.staffChannel() : new LoggingStaffNotifier();
        this.staffNotices = new StaffNoticeLoop(new StaffNoticeDispatcher(transactions, core.staffOutboxes(), staff,
                StaffNoticeDispatcher.Settings.defaults(), clock), STAFF_NOTICE_INTERVAL);
        SubjectTag tag = new SubjectTag(config.mail().map(GuichetConfig.MailConfig::subjectTag).orElse(SubjectTag.DEFAULT_FORMAT));
        int sweepThreads = Math.max(1, Math.min(SWEEP_THREADS, config.database().poolSize() / 2));
        this.sweepWorkers = Executors.newFixedThreadPool(sweepThreads,
                Thread.ofPlatform().name("deadline-sweep-", 1).daemon(true).factory());
        DeadlineSweep sweep = new DeadlineSweep(desk, new DeadlineDesk(desk),
                new DeadlineSweep.Limits(SWEEP_BATCH, DeadlineSweep.Limits.DEFAULT_LEASE, 500, sweepThreads), sweepWorkers);
        this.scheduler = GuichetScheduler.create(schedulerSettings(config), database.dataSource(), sweep,
                new CalendarDesk(desk, JooqTransactions.bind(JooqNoticeLog::new),
                        JooqTransactions.bind(JooqVersionsInUse::new)));

        MailLogins logins = new MailLogins(config.mailAccess().oauth());
        JooqStatistics statistics = new JooqStatistics(transactions.autoCommit());
        this.metrics = new NodeMetrics(statistics, outbox, new JooqQuarantine(transactions.autoCommit()), clock);
        metrics.bindPool(database::poolState);
        checks.add(Checks.database(statistics));
        List<GuichetConfig.MailboxSetup> setups = config.mailboxes();
        boolean several = setups.size() > 1;
        this.mailboxLock = new PostgresMailboxLock(database.dataSource(), several ? setups.size() : 0);
        List<String> addresses = setups.stream().map(GuichetConfig.MailboxSetup::label).toList();
        // every support address is ours: mail from one of them to another is recognised as our own (loops)
        ClassifierSettings ours = new ClassifierSettings(java.util.Set.copyOf(addresses), setups.stream()
                .map(m -> m.mail().messageIdDomain()).collect(java.util.stream.Collectors.toSet()));
        List<MailboxChannel> built = new ArrayList<>();
        for (int i = 0; i < setups.size(); i++) {
            built.add(channel(setups.get(i), i == 0, several, addresses, ours, database, logins, tag, clock));
        }
        this.channels = List.copyOf(built);
        this.dispatcher = channels.stream().findFirst().flatMap(MailboxChannel::dispatcher);
        this.watcher = channels.stream().findFirst().flatMap(MailboxChannel::watcher);
        this.intake = channels.stream().findFirst().map(MailboxChannel::intake);
        if (config.discord().token().isPresent()) {
            checks.add(Checks.discord(discord));
        }
    }

    /**
     * One mailbox's reading and sending: its intake (which, with several mailboxes, records the address on the tickets
     * it opens and on their answers; one mailbox sends everything, so it skips those writes), its watcher
     * behind the node's mailbox lock, and its dispatcher, which sends the outbox's mail of that address From it
     * through its SMTP server (the first mailbox also sends the mail of no configured address). With several
     * mailboxes, health checks and metrics are named and tagged by address.
     */
    private MailboxChannel channel(GuichetConfig.MailboxSetup setup, boolean first, boolean several,
                                   List<String> addresses, ClassifierSettings ours, Database database,
                                   MailLogins logins, SubjectTag tag, Clock clock) {
        GuichetConfig.MailConfig mail = setup.mail();
        String label = setup.label();
        Optional<ImapSentFolder> sent = setup.imap().flatMap(box -> box.sentFolder().map(folder -> new ImapSentFolder(
                imapSettings(box, config.mailAccess(), logins, config.database().poolSize()), folder,
                box.fileSentCopy())));
        Optional<SmtpOutboxDispatcher> sender = setup.smtp().map(smtp -> new SmtpOutboxDispatcher(
                SmtpSettings.defaults(smtp.host(), smtp.port(), smtp.security(), config.mailAccess().trust(),
                                smtpLogin(smtp, logins), mail.supportAddress(), mail.supportName())
                        .withRetry(RetryPolicy.within(smtp.retryWindow())),
                outbox.forMailbox(label, addresses, first), clock,
                sent.<SentCopies>map(s -> s).orElseGet(SentCopies::none)));
        int maxAttempts = setup.imap().map(GuichetConfig.MailboxConfig::maxAttempts)
                .orElse(FailurePolicy.DEFAULT_MAX_ATTEMPTS);
        MailIntake handler = new MailIntake(new MimeParser(), transactions, journals,
                new JooqMailFailures(transactions.autoCommit()), customers,
                new MailIntakeSettings(tag, ours, mail.trustedAuthservId(), config.policy().escalationKeywords(), maxAttempts,
                        several ? Optional.of(mail.supportAddress()) : Optional.empty(), setup.language()), clock);
        Optional<ImapMailboxWatcher> reader = setup.imap().map(box -> new ImapMailboxWatcher(
                imapSettings(box, config.mailAccess(), logins, config.database().poolSize()),
                new WakingHandler(label, handler, sender), journal, mailboxLock, clock));
        sender.ifPresent(d -> d.observeSends((took, accepted) -> metrics.mailSent(label, took, accepted)));
        sender.ifPresent(d -> metrics.bindUncertainSends(label, d::uncheckedResends, d::foundInSent));
        setup.imap().ifPresent(box -> reader.ifPresent(w -> checks.add(Checks.mailbox(
                several ? "mailbox " + label : "mailbox", w::health, freshness(box.pollInterval()), clock))));
        sender.ifPresent(d -> checks.add(Checks.smtp(several ? "smtp " + label : "smtp", d::health,
                metrics::outboxBacklog, clock)));
        reader.ifPresent(w -> metrics.bindMailboxBacklog(label, w::backlog));
        return new MailboxChannel(setup, handler, reader, sender, sent);
    }

    /** One support address as this node runs it. */
    private record MailboxChannel(GuichetConfig.MailboxSetup setup, MailIntake intake,
                                  Optional<ImapMailboxWatcher> watcher, Optional<SmtpOutboxDispatcher> dispatcher,
                                  Optional<ImapSentFolder> sentCopies) {
    }

    /**
     * Starts the health and metrics server first (a taken port fails before anything else runs), then sending, the
     * deadlines, reading, and the Discord console.
     */
    public void start() {
        health = config.httpPort().map(this::startHealth);
        web = config.web().flatMap(settings -> pageLinks.map(links -> startWeb(settings, links)));
        channels.forEach(c -> c.dispatcher().ifPresent(SmtpOutboxDispatcher::start));
        scheduler.start();
        channels.forEach(c -> c.watcher().ifPresent(ImapMailboxWatcher::start));
        if (!discord.start(desks)) {
            LOG.info("Discord console is off: no GUICHET_DISCORD_TOKEN configured");
        }
        staffNotices.start();
        if (channels.isEmpty()) {
            LOG.info("Guichet started: no mailbox to read; no SMTP server to answer through");
        }
        for (MailboxChannel c : channels) {
            LOG.info("Guichet started: {}: {}; {}", c.setup().label(), c.setup().imap().map(box -> "reading "
                            + box.folder() + " of " + box.host() + ":" + box.port() + " (" + box.security() + ") as "
                            + box.user()).orElse("no mailbox to read"),
                    c.setup().smtp().map(smtp -> "answering through " + smtp.host() + ":" + smtp.port() + " ("
                            + smtp.security() + ")").orElse("no SMTP server to answer through"));
        }
        if (channels.size() > 1) {
            LOG.info("{} mailboxes: this node reads at most ceil({} / live nodes) of them; a mailbox whose reader's"
                    + " database session ends is read again within {} s", channels.size(), channels.size(),
                    ImapMailboxWatcher.LOCK_RETRY.toSeconds());
        }
    }

    /** The port of the health and metrics server, when it runs. */
    public Optional<Integer> httpPort() {
        return health.map(HealthServer::port);
    }

    /** The port of the customers' web pages, when they are served. */
    public Optional<Integer> webPort() {
        return web.map(WebServer::port);
    }

    /** The links to the customers' pages, when they are served. */
    public Optional<PageLinks> pageLinks() {
        return pageLinks;
    }

    private WebServer startWeb(GuichetConfig.WebConfig settings, PageLinks links) {
        try {
            return WebServer.start(settings.bind(), settings.port(), desks, links.tickets(), links.base());
        } catch (java.io.IOException e) {
            throw new HttpPortUnavailableException("GUICHET_WEB_PORT", settings.port(), e.getMessage());
        }
    }

    private HealthServer startHealth(int port) {
        try {
            HealthServer server = HealthServer.start(config.operations().httpBind(), port, List.copyOf(checks), metrics);
            metrics.start();
            return server;
        } catch (java.io.IOException e) {
            throw new HttpPortUnavailableException(port, e.getMessage());
        }
    }

    /** A mailbox read is fresh when more recent than three poll intervals (and never less than two minutes). */
    private static Duration freshness(Duration pollInterval) {
        Duration three = pollInterval.multipliedBy(3);
        return three.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : three;
    }

    public io.guichet.db.JooqTransactions transactions() {
        return transactions;
    }

    /** The desks' ports. */
    public DeskPorts ports() {
        return desk;
    }

    /** The stores behind the desks outside any unit of work (auto-commit), for tools that read or seed them. */
    public io.guichet.core.desk.DeskContext desk() {
        return desk.in(transactions.autoCommit());
    }

    /** The desks every channel calls. */
    public Desks desks() {
        return desks;
    }

    public CustomerDesk customers() {
        return customers;
    }

    public StaffDesk staffDesk() {
        return staffDesk;
    }

    public JooqOutbox outbox() {
        return outbox;
    }

    /** The e-mail intake, when the mail channel is configured. */
    public Optional<MailIntake> intake() {
        return intake;
    }

    public Optional<ImapMailboxWatcher> watcher() {
        return watcher;
    }

    public Optional<SmtpOutboxDispatcher> dispatcher() {
        return dispatcher;
    }

    /** The watcher of each mailbox, in the order of the configuration. */
    public List<ImapMailboxWatcher> watchers() {
        return channels.stream().flatMap(c -> c.watcher().stream()).toList();
    }

    /** The dispatcher of each mailbox, in the order of the configuration. */
    public List<SmtpOutboxDispatcher> dispatchers() {
        return channels.stream().flatMap(c -> c.dispatcher().stream()).toList();
    }

    /** The locks of the mailboxes this node reads, all held by one database session. */
    public PostgresMailboxLock mailboxLock() {
        return mailboxLock;
    }

    /** Stops reading first (the current mail is finished), then the console and the deadlines, then sending. */
    @Override
    public void close() {
        channels.forEach(c -> c.watcher().ifPresent(ImapMailboxWatcher::stop));
        mailboxLock.close();
        staffNotices.close();
        discord.stop();
        scheduler.close();
        stopSweepWorkers();
        health.ifPresent(HealthServer::close);
        web.ifPresent(WebServer::close);
        metrics.close();
        channels.forEach(c -> c.dispatcher().ifPresent(SmtpOutboxDispatcher::stop));
        channels.forEach(c -> c.sentCopies().ifPresent(ImapSentFolder::close));
        LOG.info("Guichet stopped");
    }

    /** After the scheduler, which waits for a running sweep: the workers are idle by then. */
    private void stopSweepWorkers() {
        sweepWorkers.shutdown();
        try {
            if (!sweepWorkers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("deadline workers still busy after 30 s; their deadlines come back after their lease");
                sweepWorkers.shutdownNow();
            }
        } catch (InterruptedException e) {
            sweepWorkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static SchedulerSettings schedulerSettings(GuichetConfig config) {
        SchedulerSettings d = SchedulerSettings.defaults();
        java.time.ZoneId zone = config.hours().businessHours() instanceof io.guichet.core.calendar.BusinessCalendar b
                ? b.zone() : d.zone();
        return new SchedulerSettings(d.clusterName(), d.instanceId(), d.threads(), d.sweepInterval(),
                d.clusterCheckinInterval(), config.calendarCron(), zone);
    }

    /**
     * The mailbox settings; the mail workers get at most half the connection pool, like the deadline workers, so that
     * both busy at once still leave connections for the dispatcher and the console.
     */
    private static ImapSettings imapSettings(GuichetConfig.MailboxConfig box, GuichetConfig.MailAccessConfig access,
                                             MailLogins logins, int poolSize) {
        MailLogin login = box.auth() == GuichetConfig.AuthMethod.OAUTH2 ? logins.oauth2(box.user())
                : new MailLogin.Password(box.user(), box.password());
        ImapSettings d = ImapSettings.defaults(box.host(), box.port(), box.security(), access.trust(), login);
        int workers = Math.max(1, Math.min(box.workers(), poolSize / 2));
        if (workers < box.workers()) {
            LOG.warn("GUICHET_IMAP_WORKERS={} lowered to {}: at most half of GUICHET_DB_POOL_SIZE={}", box.workers(),
                    workers, poolSize);
        }
        return new ImapSettings(d.host(), d.port(), d.security(), d.trust(), d.login(), box.folder(),
                box.processedFolder(), box.quarantineFolder(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.idleRenewal(), box.pollInterval(), d.batchSize(), box.maxMessageBytes(), workers);
    }

    /** The mailbox settings of {@code config}, as a node reads with them (for a command that works on the mailbox). */
    public static ImapSettings imapSettings(GuichetConfig config, GuichetConfig.MailboxConfig box) {
        return imapSettings(box, config.mailAccess(), new MailLogins(config.mailAccess().oauth()),
                config.database().poolSize());
    }

    /** The SMTP settings of {@code config}, as the node sends with them (for a command that checks the server). */
    public static SmtpSettings smtpSettings(GuichetConfig config, GuichetConfig.SmtpConfig smtp,
                                            GuichetConfig.MailConfig mail) {
        return SmtpSettings.defaults(smtp.host(), smtp.port(), smtp.security(), config.mailAccess().trust(),
                smtpLogin(smtp, new MailLogins(config.mailAccess().oauth())), mail.supportAddress(), mail.supportName())
                .withRetry(RetryPolicy.within(smtp.retryWindow()));
    }

    private static Optional<MailLogin> smtpLogin(GuichetConfig.SmtpConfig smtp, MailLogins logins) {
        if (smtp.auth() == GuichetConfig.AuthMethod.OAUTH2) {
            return smtp.user().map(logins::oauth2);
        }
        return smtp.user().map(user -> new MailLogin.Password(user, smtp.password()));
    }

    /**
     * The OAuth2 logins of the node: one token source per grant, so that IMAP and SMTP logging in as the same mailbox
     * share their token (a service account's grant differs per mailbox user). Tokens live by the system clock.
     */
    private static final class MailLogins {
        private final Optional<OAuthGrant> grant;
        private final Map<OAuthGrant, AccessTokens> tokens = new HashMap<>();
        private TokenEndpoint endpoint;

        private MailLogins(Optional<OAuthGrant> grant) {
            this.grant = grant;
        }

        MailLogin oauth2(String user) {
            OAuthGrant forUser = grant.orElseThrow(() -> new IllegalStateException(
                    "OAuth2 login without an OAuth2 grant: the configuration should have refused this")).forUser(user);
            if (endpoint == null) {
                endpoint = new TokenEndpoint();
            }
            return new MailLogin.OAuth2(user, tokens.computeIfAbsent(forUser,
                    g -> new AccessTokens(g, endpoint, Clock.systemUTC())));
        }
    }

    /** Wakes the dispatcher once a mail is handled, so its answer leaves at once rather than at the next poll. */
    private final class WakingHandler implements MailHandler {
        private final String mailbox;
        private final MailHandler delegate;
        private final Optional<SmtpOutboxDispatcher> dispatcher;

        private WakingHandler(String mailbox, MailHandler delegate, Optional<SmtpOutboxDispatcher> dispatcher) {
            this.mailbox = mailbox;
            this.delegate = delegate;
            this.dispatcher = dispatcher;
        }

        @Override
        public Handled handle(byte[] raw, MailPosition position) {
            long started = System.nanoTime();
            Handled handled = delegate.handle(raw, position);
            metrics.mailHandled(mailbox, Duration.ofNanos(System.nanoTime() - started), switch (handled) {
                case Handled.Processed p -> "processed";
                case Handled.Quarantined q -> "quarantined";
                case Handled.RetryLater r -> "retry_later";
            });
            dispatcher.ifPresent(SmtpOutboxDispatcher::wakeUp);
            return handled;
        }

        @Override
        public Handled oversize(MailPosition position, Envelope envelope) {
            return delegate.oversize(position, envelope);
        }

        @Override
        public Handled failed(MailPosition position, Envelope envelope, String reason) {
            return delegate.failed(position, envelope, reason);
        }
    }
}
