package io.guichet.mail.smtp;

import io.guichet.mail.Backoff;
import io.guichet.mail.ConnectFailures;
import io.guichet.mail.ConnectionFailure;
import io.guichet.mail.ServerLogin;
import io.guichet.mail.headers.HeaderValues;

import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.mail.Outbox;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the outbox over SMTP. Each pass claims the mails due (with a lease, so several nodes can run one each),
 * sends them over one connection, and marks each sent, or failed with its next attempt by the {@link RetryPolicy},
 * or abandoned: at once when the relay refuses the recipient or the message for good (5xx), else at the last
 * attempt. Passes run every {@code pollInterval}, and at once after {@link #wakeUp()}. A pass's connection is kept
 * for {@link #KEEP_OPEN} for the next pass, checked with a NOOP before use; if it breaks while a mail is being sent,
 * the mail is sent again at once over a new connection (not counted as a failed attempt).
 *
 * <p><b>Answers once, as far as SMTP allows.</b> Just before a mail is handed to the server its row is marked
 * "sending" ({@link Outbox#markSending}), and right after the server's 250 it is marked sent, with nothing in between.
 * A claimed mail still marked sending (its sender died or lost its database after the hand-over) or one whose
 * connection was lost after the DATA command ({@link Outbox#markUncertain}) is an uncertain send: before it is sent
 * again it is looked up by Message-ID in the mailbox's Sent folder ({@link SentCopies}); found, it is marked sent
 * without being sent again; absent, it is sent again; when the look-up cannot be made, it is sent again with the same
 * Message-ID and counted ({@link #uncheckedResends()}).
 *
 * <p>While started, the claims of the pass in progress are renewed every third of the lease for the mails not yet
 * done, so a long send never loses its claim to another node, and the lease can be short: the mail of a sender that
 * died (kill -9, power loss) comes back to the others within one lease (10 s by default).
 */
public final class SmtpOutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpOutboxDispatcher.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final String CORRELATION_ID = "correlationId";
    private static final int MAX_ERROR_LENGTH = 300;
    /**
     * How long a connection stays open after a pass for the next one: replies come in runs, and a new connection
     * costs the greeting, EHLO, STARTTLS and AUTH round trips. Far below servers' idle timeouts (Postfix: 300 s).
     */
    static final Duration KEEP_OPEN = Duration.ofSeconds(10);

    /**
     * What a readiness check needs to know.
     *
     * @param lastError       the last failure, of a connection or of one mail, until a pass sends everything it took
     * @param connectionError why the last attempt to connect and log in to the relay failed, until one succeeds
     * @param failuresInARow  attempts that failed (refused by the relay, or no connection) since the last mail sent
     */
    public record Health(boolean running, Optional<Instant> lastSent, Optional<String> lastError,
                         Optional<String> connectionError, int failuresInARow) {

        public Health(boolean running, Optional<Instant> lastSent, Optional<String> lastError,
                      Optional<String> connectionError) {
            this(running, lastSent, lastError, connectionError, 0);
        }
    }

    /** Told of each SMTP send (for metrics): how long it took and whether the relay took the mail. */
    @FunctionalInterface
    public interface SendObserver {
        void sent(Duration took, boolean accepted);
    }

    /** What one pass did. */
    public record Pass(int claimed, int sent, int failed, int abandoned) {
    }

    private final SmtpSettings settings;
    private final Outbox outbox;
    private final Clock clock;
    private final MimeComposer composer;
    private final Session session;
    private final Semaphore wake = new Semaphore(0);
    private final ReentrantLock passLock = new ReentrantLock();
    /** The mails of the pass in progress not yet marked sent or failed: their claims are renewed while held. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final SentCopies sentCopies;
    private final java.util.concurrent.atomic.AtomicLong uncheckedResends = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong foundInSent = new java.util.concurrent.atomic.AtomicLong();
    private ScheduledExecutorService renewer;

    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Instant lastSent;
    private volatile String lastError;
    private volatile String connectionError;
    /** After a refused login, no pass claims mail before this instant (minutes, not seconds); null when none. */
    private volatile Instant loginPausedUntil;
    /** Guarded by passLock. */
    private final Backoff loginBackoff = Backoff.afterRefusedLogin();
    private final java.util.concurrent.atomic.AtomicInteger failuresInARow = new java.util.concurrent.atomic.AtomicInteger();
    private Thread thread;
    private volatile SendObserver observer = (took, accepted) -> {
    };
    /** The connection of the last pass, kept for the next one for {@link #KEEP_OPEN}; changed under passLock. */
    private volatile DataTrackingTransport kept;
    private long keptSince;

    public SmtpOutboxDispatcher(SmtpSettings settings, Outbox outbox, Clock clock) {
        this(settings, outbox, clock, SentCopies.none());
    }

    /** A dispatcher that checks uncertain sends in {@code sentCopies} (and files copies there when it is to). */
    public SmtpOutboxDispatcher(SmtpSettings settings, Outbox outbox, Clock clock, SentCopies sentCopies) {
        this.sentCopies = Objects.requireNonNull(sentCopies, "sentCopies");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.composer = new MimeComposer(settings, clock);
        this.session = Session.getInstance(properties(settings));
    }

    /** Starts sending on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        stopping = false;
        thread = new Thread(this::run, "guichet-smtp-dispatcher");
        thread.setDaemon(true);
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichet-smtp-claims");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, settings.lease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewHeld, every, every, TimeUnit.MILLISECONDS);
        thread.start();
    }

    /** Renews the claims of the mails still held; a failure (database away) is retried at the next tick. */
    private void renewHeld() {
        List<Long> ids = List.copyOf(held);
        if (ids.isEmpty()) {
            return;
        }
        try {
            outbox.renewClaims(ids, clock.instant(), settings.lease());
        } catch (RuntimeException e) {
            log.warn("renewing the claims of {} outbox mails failed: {}", ids.size(), describe(e));
        }
    }

    /** Tells {@code observer} of every send from now on. */
    public void observeSends(SendObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Asks for a pass now (call it after committing mail to the outbox). */
    public void wakeUp() {
        wake.release();
    }

    /**
     * Stops: the mail being sent is finished; the rest of its batch stays claimed until its lease ends, then is sent
     * by whoever runs next. Returns when the sending thread has ended (or after a grace period).
     */
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
            stopping = true;
        }
        if (t == null) {
            closeKept();
            return;
        }
        wake.release();
        try {
            t.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("outbox dispatcher still busy after {}; leaving it to finish", STOP_GRACE);
        }
        synchronized (this) {
            thread = null;
            if (renewer != null) {
                renewer.shutdownNow();
                renewer = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Uncertain sends sent again without the check (no Sent folder configured, or it could not be searched): each may
     * have reached the customer twice, with the same Message-ID.
     */
    public long uncheckedResends() {
        return uncheckedResends.get();
    }

    /** Uncertain sends found in the Sent folder and marked sent without being sent again. */
    public long foundInSent() {
        return foundInSent.get();
    }

    public Health health() {
        return new Health(running, Optional.ofNullable(lastSent), Optional.ofNullable(lastError),
                Optional.ofNullable(connectionError), failuresInARow.get());
    }

    /** One pass, on the caller's thread: claims what is due now and sends it over one connection. */
    public Pass dispatchDue() {
        passLock.lock();
        try {
            return pass();
        } finally {
            passLock.unlock();
        }
    }

    private void run() {
        log.info("Sending the outbox through {}:{} ({}){}, from {}", settings.host(), settings.port(),
                settings.security(), settings.login().map(l -> " as " + l.user()).orElse(""), settings.fromAddress());
        while (running) {
            int claimed = 0;
            try {
                claimed = dispatchDue().claimed();
            } catch (RuntimeException e) {
                lastError = describe(e);
                log.error("outbox pass failed: {}", lastError, e);
            }
            if (claimed < settings.batchSize() && running) {
                pause(kept == null ? settings.pollInterval() : min(settings.pollInterval(), KEEP_OPEN));
                closeKeptIfIdle();
            }
        }
        closeKept();
        log.info("Outbox sending stopped");
    }

    private Pass pass() {
        Instant pausedUntil = loginPausedUntil;
        if (pausedUntil != null && clock.instant().isBefore(pausedUntil)) {
            return new Pass(0, 0, 0, 0);
        }
        List<OutgoingMail> due = outbox.claimDue(clock.instant(), settings.batchSize(), settings.lease());
        if (due.isEmpty()) {
            return new Pass(0, 0, 0, 0);
        }
        due.forEach(mail -> held.add(mail.id()));
        try {
            Set<Long> uncertain = outbox.uncertain(due.stream().map(OutgoingMail::id).toList());
            return send(due, uncertain);
        } finally {
            held.clear();
        }
    }

    /**
     * The lines about {@code mail} carry the correlation id of the mail it answers, as the lines about that mail did
     * from its arrival on; a mail that answers none clears it.
     */
    private static void correlate(OutgoingMail mail) {
        mail.correlationId().ifPresentOrElse(id -> MDC.put(CORRELATION_ID, id), () -> MDC.remove(CORRELATION_ID));
    }

    private Pass send(List<OutgoingMail> due, Set<Long> uncertain) {
        DataTrackingTransport transport = takeKept();
        boolean reused = transport != null;
        int sent = 0;
        int failed = 0;
        int abandoned = 0;
        try {
            for (int i = 0; i < due.size(); i++) {
                if (stopping) {
                    log.info("stopping: {} claimed mails left for after their lease", due.size() - i);
                    break;
                }
                OutgoingMail mail = due.get(i);
                correlate(mail);
                if (uncertain.contains(mail.id()) && alreadySent(mail)) {
                    sent++;
                    continue;
                }
                MimeMessage message;
                try {
                    message = composer.compose(session, mail);
                } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                    abandoned += fail(mail, "cannot compose: " + describe(e), true);
                    continue;
                }
                if (transport == null) {
                    try {
                        transport = connect();
                    } catch (MessagingException e) {
                        String error = loginRefused(e).orElseGet(() -> "cannot connect: " + ConnectFailures.explain(e,
                                "SMTP", settings.host(), settings.port(), settings.trust()).orElseGet(() -> describe(e)));
                        connectionError = error;
                        for (OutgoingMail waiting : due.subList(i, due.size())) {
                            correlate(waiting);
                            int gaveUp = fail(waiting, error, false);
                            abandoned += gaveUp;
                            failed += 1 - gaveUp;
                        }
                        break;
                    }
                }
                outbox.markSending(mail.id(), clock.instant());
                long started = System.nanoTime();
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                    Instant now = clock.instant();
                    try {
                        outbox.markSent(mail.id(), now);
                    } catch (RuntimeException e) {
                        // the database is away: a copy in Sent lets the next attempt find the mail instead of resending
                        sentCopies.file(message);
                        throw e;
                    }
                    held.remove(mail.id());
                    observer.sent(Duration.ofNanos(System.nanoTime() - started), true);
                    sentCopies.file(message);
                    lastSent = now;
                    failuresInARow.set(0);
                    sent++;
                    log.info("sent outbox mail {} {}", mail.id(), mail.messageId().inBrackets());
                } catch (MessagingException e) {
                    observer.sent(Duration.ofNanos(System.nanoTime() - started), false);
                    if (connectionLost(e) && transport.dataGiven()) {
                        // the server may have taken the mail: checked in Sent before it is sent again
                        int gaveUp = fail(mail, "connection lost after the message data: " + describe(e), false, true);
                        abandoned += gaveUp;
                        failed += 1 - gaveUp;
                        closeQuietly(transport);
                        transport = null;
                        reused = false;
                        continue;
                    }
                    if (reused && connectionLost(e)) {
                        // the kept connection was closed by the server meanwhile: this mail again, on a new one
                        log.debug("the kept SMTP connection failed ({}); reconnecting", e.toString());
                        closeQuietly(transport);
                        transport = null;
                        reused = false;
                        i--;
                        continue;
                    }
                    int gaveUp = fail(mail, describe(e), isPermanent(e));
                    abandoned += gaveUp;
                    failed += 1 - gaveUp;
                    if (!stillConnected(transport)) {
                        closeQuietly(transport);
                        transport = null;
                    }
                }
                reused = false;
            }
        } finally {
            MDC.remove(CORRELATION_ID);
            keep(transport);
        }
        if (failed == 0 && abandoned == 0) {
            lastError = null;
        }
        return new Pass(due.size(), sent, failed, abandoned);
    }

    /**
     * The connection kept from the last pass, if it is recent and still answers (a NOOP: one round trip instead of
     * a new connection's several); the caller owns it.
     */
    private DataTrackingTransport takeKept() {
        closeKeptIfIdle();
        DataTrackingTransport transport = kept;
        kept = null;
        if (transport != null && !stillConnected(transport)) {
            closeQuietly(transport);
            return null;
        }
        return transport;
    }

    /** A failure of the connection itself, not the server's answer to this mail (no SMTP reply code). */
    private static boolean connectionLost(MessagingException e) {
        return !(e instanceof SendFailedException)
                || e instanceof SMTPSendFailedException smtp && smtp.getReturnCode() < 0;
    }

    /** Keeps a pass's connection for the next pass (mail often comes in runs), unless stopping. */
    private void keep(DataTrackingTransport transport) {
        if (transport == null) {
            return;
        }
        if (stopping) {
            closeQuietly(transport);
            return;
        }
        kept = transport;
        keptSince = System.nanoTime();
    }

    private void closeKeptIfIdle() {
        passLock.lock();
        try {
            if (kept != null && System.nanoTime() - keptSince >= KEEP_OPEN.toNanos()) {
                closeQuietly(kept);
                kept = null;
            }
        } finally {
            passLock.unlock();
        }
    }

    private void closeKept() {
        passLock.lock();
        try {
            closeQuietly(kept);
            kept = null;
        } finally {
            passLock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * An uncertain send looked up in the Sent folder: true when found there (then marked sent, not sent again). Absent,
     * or when the look-up cannot be made, it is to be sent again (with the same Message-ID), the latter counted.
     */
    private boolean alreadySent(OutgoingMail mail) {
        String messageId = mail.messageId().inBrackets();
        SentCopies.Lookup lookup = sentCopies.find(messageId);
        switch (lookup) {
            case SentCopies.Found found -> {
                held.remove(mail.id());
                Instant now = clock.instant();
                outbox.markSent(mail.id(), now);
                foundInSent.incrementAndGet();
                lastSent = now;
                log.info("outbox mail {} {} was sent before its outcome was recorded (found in {}): not sent again",
                        mail.id(), messageId, found.folder());
                return true;
            }
            case SentCopies.Absent absent -> {
                log.info("outbox mail {} {}: an uncertain send not found in {}; sending it again", mail.id(), messageId,
                        absent.folder());
                return false;
            }
            case SentCopies.Unchecked unchecked -> {
                uncheckedResends.incrementAndGet();
                log.warn("outbox mail {} {}: an uncertain send that cannot be checked ({}); sending it again with the"
                        + " same Message-ID (counted in guichet_outbox_unchecked_resends_total)", mail.id(), messageId,
                        unchecked.why());
                return false;
            }
        }
    }

    /** Records a failed attempt; returns 1 when the mail was abandoned, else 0. */
    private int fail(OutgoingMail mail, String error, boolean permanent) {
        return fail(mail, error, permanent, false);
    }

    /** {@code uncertain}: the server may have taken the mail (it stays an uncertain send). */
    private int fail(OutgoingMail mail, String error, boolean permanent, boolean uncertain) {
        held.remove(mail.id());
        Instant now = clock.instant();
        int failures = mail.attempts() + 1;
        Optional<Instant> retryAt = permanent ? Optional.empty() : settings.retry().nextAttempt(failures, now);
        if (uncertain) {
            outbox.markUncertain(mail.id(), error, retryAt, now);
        } else {
            outbox.markFailed(mail.id(), error, retryAt, now);
        }
        lastError = error;
        failuresInARow.incrementAndGet();
        if (retryAt.isPresent()) {
            log.warn("outbox mail {}: attempt {} failed ({}); next attempt at {}", mail.id(), failures, error,
                    retryAt.get());
            return 0;
        }
        if (permanent) {
            log.error("Outbox mail {} was refused for good by the relay and is abandoned: {}. Once the cause is"
                    + " fixed, send it again with: guichet outbox retry {}", mail.id(), error, mail.id());
        } else {
            log.error("Outbox mail {} is abandoned after {} failed attempts over {}: {}. Send it again with:"
                    + " guichet outbox retry {}", mail.id(), failures, settings.retry().span(), error, mail.id());
        }
        return 1;
    }

    /**
     * A refusal that retrying cannot change: the relay refused the recipient (5xx on RCPT) or the message itself
     * (5xx after DATA). A refusal of our sender (MAIL FROM) is a configuration problem: retried.
     */
    static boolean isPermanent(MessagingException e) {
        if (e instanceof SMTPSenderFailedException) {
            return false;
        }
        if (e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0) {
            return true;
        }
        return e instanceof SMTPSendFailedException smtp && smtp.getReturnCode() >= 500 && smtp.getReturnCode() < 600;
    }

    private DataTrackingTransport connect() throws MessagingException {
        DataTrackingTransport transport = new DataTrackingTransport(session);
        if (settings.login().isPresent()) {
            ServerLogin.logIn(settings.login().get(), "SMTP",
                    (user, secret) -> transport.connect(settings.host(), settings.port(), user, secret));
        } else {
            transport.connect(settings.host(), settings.port(), null, null);
        }
        connectionError = null;
        loginPausedUntil = null;
        loginBackoff.reset();
        return transport;
    }

    /**
     * When the relay refused the login (not a failure to obtain an OAuth2 token): the reason, and the pause before the
     * next attempt, started here: {@code SMTP login refused for USER: <the server's words>; next attempt at TIME}.
     * Mail keeps its place in the outbox meanwhile; no pass claims any.
     */
    private Optional<String> loginRefused(MessagingException e) {
        String user = settings.login().map(l -> l.user()).orElse("(no user)");
        return ConnectionFailure.loginRefusal("SMTP", user, e).map(refusal -> {
            Instant next = clock.instant().plus(loginBackoff.next()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            loginPausedUntil = next;
            String reason = refusal + "; next attempt at " + next;
            log.error("{} (mail waits in the outbox; fix the login, the next attempt is automatic)", reason);
            return reason;
        });
    }

    static Properties properties(SmtpSettings settings) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", settings.host());
        props.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        props.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        props.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        props.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        props.setProperty("mail.smtp.from", settings.fromAddress().value());
        props.setProperty("mail.smtp.auth", Boolean.toString(settings.login().isPresent()));
        switch (settings.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
                settings.trust().applyTo(props, "mail.smtp.");
            }
            case TLS -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                settings.trust().applyTo(props, "mail.smtp.");
            }
        }
        settings.login().ifPresent(login -> login.applyTo(props, "mail.smtp."));
        return props;
    }

    private void pause(Duration d) {
        try {
            if (wake.tryAcquire(d.toMillis(), TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static boolean stillConnected(Transport transport) {
        try {
            return transport.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the SMTP connection failed: {}", e.toString());
        }
    }

    /** A short, single-line error: the exception's kind and message, and the relay's reply when nested. */
    static String describe(Exception e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        if (e instanceof MessagingException me && me.getNextException() != null
                && me.getNextException().getMessage() != null) {
            text.append(" (").append(me.getNextException().getMessage()).append(')');
        }
        String safe = HeaderValues.safe(text.toString());
        return safe.length() > MAX_ERROR_LENGTH ? safe.substring(0, MAX_ERROR_LENGTH) : safe;
    }
}
