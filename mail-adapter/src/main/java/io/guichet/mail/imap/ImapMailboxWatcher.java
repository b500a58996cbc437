package io.guichet.mail.imap;

import io.guichet.mail.ConnectionFailure;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailJournal.MailboxState;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MailboxLock;
import io.guichet.core.mail.MessageId;
import io.guichet.mail.inbound.Envelope;
import io.guichet.mail.inbound.MailHandler;
import io.guichet.mail.inbound.MailHandler.Handled;
import io.guichet.mail.Backoff;
import io.guichet.mail.ConnectFailures;
import io.guichet.mail.imap.BatchDownload.Download;
import io.guichet.mail.imap.UidFetch.Summary;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Watches the support mailbox and hands every new message, in UID order, to a {@link MailHandler}.
 *
 * <p>Only the holder of the {@link MailboxLock} reads. The last handled UID is stored with its UIDVALIDITY in the
 * {@link MailJournal}; when the server's UIDVALIDITY differs, the mailbox is read again from UID 1 (the handler
 * recognises mail it has already recorded). A batch is the next {@code batchSize} UIDs after the position: their size
 * and Message-ID, From and Subject come in one {@code UID FETCH}; mail larger than the limit goes to
 * {@link MailHandler#oversize} without being downloaded; the bodies of the rest come in as few {@code UID FETCH (BODY.PEEK[])} as the limit allows (one
 * chunk of at most {@code maxMessageBytes} at a time, see {@link BatchDownload}), in peek mode (never {@code \Seen}
 * by reading). They are handled by {@code workers} threads, one lane per sender: a sender's messages one after the
 * other in UID order, different senders side by side (with one worker, all in UID order). Only after the handler has
 * returned is the message moved or flagged (at the end of its batch, by UID): processed mail to the processed
 * folder (or {@code \Seen} + {@value ImapSettings#PROCESSED_KEYWORD}), quarantined mail to the quarantine folder;
 * mail the handler asks to retry stays, and its sender's later mail waits with it (the position stops before it;
 * mail of other senders handled meanwhile is moved, and recognised as handled if read again). Failures are the
 * handler's to count ({@link MailHandler}): a body that cannot be downloaded, or a handler that throws although it
 * must not, is reported to {@link MailHandler#failed}, which counts it like any other failure of that mail.
 *
 * <p>Between rounds it waits with IMAP IDLE, broken and re-issued at least every {@code idleRenewal} and every
 * {@code pollInterval} (a scheduled NOOP aborts an IDLE that a dead connection would otherwise leave hanging), and
 * polls when the server has no IDLE. Any connection failure closes everything and reconnects after an exponential
 * backoff (1 s doubling to 60 s, with jitter); a failure an operator must fix (TLS, OAuth2) is explained in one line
 * ({@link ConnectFailures}). A refused login backs off in minutes instead (1 to 2 min doubling to 30 min, with jitter):
 * providers lock an account after repeated wrong-password logins; its health says so, with the server's words, and
 * when the next attempt is. Logged in with an OAuth2 token, it logs in again with a new one shortly before the token
 * expires (see {@link io.guichet.mail.oauth.AccessToken#renewAt()}).
 *
 * <p>A crash between the handler's commit and the move leaves the message in place; a restart either handles it
 * again (harmless: the handler answers Processed) or, when its UID was already saved, leaves it where it is.
 */
public final class ImapMailboxWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImapMailboxWatcher.class);
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RECONNECT_DELAY = Duration.ofSeconds(60);
    /**
     * How often a node that does not hold the mailbox lock asks for it again (or each poll interval, when shorter):
     * once the holder's database session ends, the mailbox is read again within this delay.
     */
    public static final Duration LOCK_RETRY = Duration.ofSeconds(5);
    /** After a refused login: the first ceiling (the delay is drawn between half and all of it), doubling to the cap. */
    static final Duration FIRST_LOGIN_RETRY = Backoff.FIRST_LOGIN_RETRY;
    static final Duration LONGEST_LOGIN_RETRY = Backoff.LONGEST_LOGIN_RETRY;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * What a readiness check needs to know.
     *
     * @param lastSuccess  the end of the last complete read of the folder (or wait for mail)
     * @param lastProgress the last sign of work: connected, the folder opened, or a mail handled (during a backlog)
     * @param lastError    why the last connection failed, e.g. {@code IMAP login refused for USER: <server's words>}
     * @param nextAttempt  when the next connection is tried, while disconnected after a failure
     */
    public record Health(boolean running, boolean holdsLock, boolean connected, Optional<Instant> lastSuccess,
                         Optional<String> lastError, Optional<Instant> lastProgress, Optional<Instant> nextAttempt) {

        public Health(boolean running, boolean holdsLock, boolean connected, Optional<Instant> lastSuccess,
                      Optional<String> lastError, Optional<Instant> lastProgress) {
            this(running, holdsLock, connected, lastSuccess, lastError, lastProgress, Optional.empty());
        }

        public Health(boolean running, boolean holdsLock, boolean connected, Optional<Instant> lastSuccess,
                      Optional<String> lastError) {
            this(running, holdsLock, connected, lastSuccess, lastError, lastSuccess);
        }
    }

    private enum Round { MORE, WAIT }

    private enum Target { PROCESSED, QUARANTINE }

    private final ImapSettings settings;
    private final MailHandler handler;
    private final MailJournal journal;
    private final MailboxLock lock;
    private final Clock clock;
    private final String mailbox;
    private final Semaphore wake = new Semaphore(0);
    private final Map<Long, Target> pendingMoves = new HashMap<>();
    private long pendingUidValidity;
    private Optional<PrintStream> protocolTrace = Optional.empty();

    private volatile boolean running;
    private volatile boolean holdsLock;
    private volatile boolean connected;
    private volatile Instant lastSuccess;
    /** Connected, the folder opened, or a mail handled: the watcher works, though a batch may still be in hand. */
    private volatile Instant lastProgress;
    /** Mails in the folder after the stored position, not yet handled; -1 until first counted. */
    private final java.util.concurrent.atomic.AtomicLong backlog = new java.util.concurrent.atomic.AtomicLong(-1);
    private volatile String lastError;
    private volatile Instant nextAttempt;
    private final Backoff loginBackoff = Backoff.afterRefusedLogin();
    private volatile IMAPFolder idling;
    private Thread thread;
    private ScheduledExecutorService idleBreaker;
    private ExecutorService workers;

    public ImapMailboxWatcher(ImapSettings settings, MailHandler handler, MailJournal journal, MailboxLock lock,
                              Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mailbox = settings.mailboxName();
    }

    /** Starts watching on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        idleBreaker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichet-imap-idle-breaker");
            t.setDaemon(true);
            return t;
        });
        if (settings.workers() > 1) {
            workers = Executors.newFixedThreadPool(settings.workers(),
                    Thread.ofPlatform().name("guichet-imap-worker-", 1).daemon().factory());
        }
        thread = new Thread(this::run, "guichet-imap-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops: the message being handled is finished and its move applied, then the connection is closed and the lock
     * released. Returns when the watcher thread has ended (or after a grace period).
     */
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t == null) {
            return;
        }
        wake.release();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            while (t.isAlive() && System.nanoTime() < deadline) {
                breakIdle();
                t.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("mailbox {}: watcher still busy after {}; leaving it to finish", mailbox, STOP_GRACE);
        }
        idleBreaker.shutdownNow();
        if (workers != null) {
            workers.shutdown(); // the messages being handled finish; their lanes take no more
        }
        synchronized (this) {
            thread = null;
            workers = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Health health() {
        return new Health(running, holdsLock, connected, Optional.ofNullable(lastSuccess),
                Optional.ofNullable(lastError), Optional.ofNullable(lastProgress), Optional.ofNullable(nextAttempt));
    }

    /**
     * Mails waiting in the folder to be handled (after the stored position), as of the last batch read and counted
     * down as they are handled; empty until the folder was first read by this node.
     */
    public java.util.OptionalLong backlog() {
        long b = backlog.get();
        return b < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(b);
    }

    /** Tests: write the IMAP conversation (without credentials) there. Call before {@link #start()}. */
    void traceProtocolTo(PrintStream out) {
        this.protocolTrace = Optional.of(out);
    }

    private void run() {
        Backoff backoff = new Backoff(FIRST_RECONNECT_DELAY, LONGEST_RECONNECT_DELAY);
        try {
            while (running) {
                if (!lock.tryAcquire(mailbox)) {
                    holdsLock = false;
                    log.debug("mailbox {}: another node holds it; waiting", mailbox);
                    pause(settings.pollInterval().compareTo(LOCK_RETRY) < 0 ? settings.pollInterval() : LOCK_RETRY);
                    continue;
                }
                if (!holdsLock) {
                    log.info("mailbox {}: this node holds the mailbox lock", mailbox);
                }
                holdsLock = true;
                try {
                    session(backoff);
                } catch (MessagingException | RuntimeException e) {
                    connected = false;
                    Optional<String> refused = loginRefused(e);
                    lastError = refused.or(() -> ConnectFailures.explain(e, "IMAP", settings.host(), settings.port(),
                            settings.trust())).orElseGet(() -> describe(e));
                    Duration delay = refused.isPresent() ? loginBackoff.next() : backoff.next();
                    nextAttempt = clock.instant().plus(delay);
                    if (refused.isPresent()) {
                        log.error("mailbox {}: {}; trying again in {} s (not sooner: repeated wrong logins lock"
                                + " accounts)", mailbox, lastError, delay.toSeconds());
                    } else {
                        log.warn("mailbox {}: {}; reconnecting in {} ms", mailbox, lastError, delay.toMillis());
                    }
                    pause(delay);
                    nextAttempt = null;
                }
            }
        } finally {
            connected = false;
            if (holdsLock) {
                releaseLock();
            }
            log.info("mailbox {}: watcher stopped", mailbox);
        }
    }

    /** One connection: rounds of reading and waiting until stopped, the lock lost or the connection broken. */
    private void session(Backoff backoff) throws MessagingException {
        try (ImapConnection server = ImapConnection.open(settings, protocolTrace)) {
            server.ensureFolder(settings.quarantineFolder());
            if (settings.processedFolder().isPresent()) {
                server.ensureFolder(settings.processedFolder().get());
            }
            connected = true;
            lastError = null;
            loginBackoff.reset();
            lastProgress = clock.instant(); // able to work: ready now, not once a backlog is drained
            backoff.reset();
            log.info("mailbox {}: connected ({}; IDLE {})", mailbox, settings.security(),
                    server.supportsIdle() ? "supported" : "not supported: polling");
            while (running) {
                if (!lock.stillHeld(mailbox)) {
                    log.warn("mailbox {}: the mailbox lock was lost; stopping reading", mailbox);
                    holdsLock = false;
                    return;
                }
                if (server.untilRenewal().filter(Duration::isZero).isPresent()) {
                    log.info("mailbox {}: logging in again with a new access token before this one expires", mailbox);
                    return;
                }
                IMAPFolder folder = server.openReadWrite(settings.folder());
                lastProgress = clock.instant();
                try {
                    Round round = readBatch(server, folder);
                    lastSuccess = clock.instant();
                    if (round == Round.WAIT && running) {
                        waitForMail(server, folder);
                        lastSuccess = clock.instant();
                    }
                } finally {
                    closeQuietly(folder);
                }
            }
        } finally {
            connected = false;
        }
    }

    private Round readBatch(ImapConnection server, IMAPFolder folder) throws MessagingException {
        long uidValidity = folder.getUIDValidity();
        MailboxState state = positionFor(uidValidity);
        applyPendingMoves(server, folder, uidValidity);
        if (folder.getMessageCount() == 0) {
            backlog.set(0);
            return Round.WAIT;
        }
        List<Summary> batch = newMessages(folder, state.lastUid());
        if (batch.isEmpty()) {
            backlog.set(0);
            return Round.WAIT;
        }
        backlog.set(waiting(folder, state.lastUid(), batch.size()));
        BatchDownload bodies = new BatchDownload(folder, mailbox, batch, settings.maxMessageBytes());
        Round round = Round.MORE;
        long lastHandled = state.lastUid();
        try {
            Map<Long, Handled> results = handleInLanes(batch, uidValidity, bodies);
            boolean blocked = false;
            for (Summary mail : batch) {
                long uid = mail.uid();
                Handled handled = results.get(uid);
                switch (handled) {
                    case null -> blocked = true; // not handled: stopping, or after its sender's mail to retry
                    case Handled.Processed p -> pendingMoves.put(uid, Target.PROCESSED);
                    case Handled.Quarantined q -> pendingMoves.put(uid, Target.QUARANTINE);
                    case Handled.RetryLater r -> {
                        log.info("mailbox {}: UID {} will be retried: {}", mailbox, uid, r.reason());
                        blocked = true;
                    }
                }
                if (!blocked) {
                    lastHandled = uid;
                }
            }
            if (blocked) {
                round = Round.WAIT;
            }
        } finally {
            applyPendingMoves(server, folder, uidValidity);
        }
        // The position moves only once the mail is moved or flagged: after a crash in between, the same mail is
        // read again, recognised by its receipt ("already handled"), and moved then.
        if (lastHandled > state.lastUid()) {
            journal.saveMailboxState(new MailboxState(mailbox, uidValidity, lastHandled, clock.instant()));
        }
        return round;
    }

    /** The stored position, or a fresh one (from UID 1) when there is none or the UIDVALIDITY changed. */
    private MailboxState positionFor(long uidValidity) {
        Optional<MailboxState> stored = journal.mailboxState(mailbox);
        if (stored.isPresent() && stored.get().uidValidity() == uidValidity) {
            return stored.get();
        }
        if (stored.isPresent()) {
            log.warn("mailbox {}: UIDVALIDITY changed from {} to {}: reading it again from UID 1 (mail already "
                    + "recorded is recognised, not handled twice)", mailbox, stored.get().uidValidity(), uidValidity);
        } else {
            log.info("mailbox {}: no stored position; reading from UID 1 (UIDVALIDITY {})", mailbox, uidValidity);
        }
        MailboxState fresh = new MailboxState(mailbox, uidValidity, 0, clock.instant());
        journal.saveMailboxState(fresh);
        return fresh;
    }

    /**
     * The next batch after {@code lastUid}, in UID order, with sizes and headers: one {@code UID FETCH} of the UID
     * window {@code lastUid+1 : lastUid+batchSize}, so that a large backlog is never listed whole. New mail usually
     * has consecutive UIDs; when the window is empty although the server's UIDNEXT says there is mail further on (a
     * run of UIDs removed by someone else), the UIDs are listed to find the next ones.
     */
    private List<Summary> newMessages(IMAPFolder folder, long lastUid) throws MessagingException {
        int size = settings.batchSize();
        long first = lastUid + 1;
        long last = Math.min(lastUid + size, UidFetch.MAX_UID);
        if (first > last) {
            return List.of();
        }
        List<Summary> batch = UidFetch.summaries(folder, first + ":" + last);
        long uidNext = folder.getUIDNext();
        if (batch.isEmpty() && (uidNext < 0 || uidNext > last + 1)) {
            List<Long> next = UidFetch.uidsFrom(folder, first);
            if (!next.isEmpty()) {
                log.debug("mailbox {}: no mail in UIDs {}:{}; next UIDs from {}", mailbox, first, last, next.getFirst());
                batch = UidFetch.summaries(folder, UidFetch.uidSet(next.subList(0, Math.min(next.size(), size))));
            }
        }
        return batch.stream().filter(m -> m.uid() > lastUid).limit(size).toList();
    }

    /**
     * Gets one message ready to hand over, on the watcher's thread (its body is downloaded here): the returned call
     * runs the handler, on any thread, with the message's correlation id in the MDC. A handler that throws is
     * contained there; a download failure is answered here; a broken connection propagates.
     */
    private HandlerCall prepare(Summary mail, MailPosition position, BatchDownload bodies) throws MessagingException {
        String correlationId = UUID.randomUUID().toString().substring(0, 8);
        MDC.put("channel", "mail");
        MDC.put("correlationId", correlationId);
        try {
            if (mail.size() > settings.maxMessageBytes()) {
                log.warn("mailbox {}: UID {} is {} bytes, over the {} limit: not downloaded", mailbox,
                        position.uid(), mail.size(), settings.maxMessageBytes());
                return inContext(correlationId, () -> guarded(position, mail, () -> handler.oversize(position,
                        envelope(mail))));
            }
            return switch (bodies.take(mail.uid())) {
                case Download.Body body -> inContext(correlationId,
                        () -> guarded(position, mail, () -> handler.handle(body.raw(), position)));
                case Download.Removed removed -> {
                    log.warn("mailbox {}: UID {} was removed by someone else before it was read", mailbox,
                            position.uid());
                    Handled gone = new Handled.Processed("removed from the mailbox before it was read");
                    yield () -> gone;
                }
            };
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException e) {
            log.warn("mailbox {}: UID {} could not be downloaded: {}", mailbox, position.uid(), describe(e));
            return inContext(correlationId, () -> reportFailure(position, mail, "could not be downloaded: "
                    + e.getClass().getSimpleName()));
        } finally {
            MDC.remove("correlationId");
            MDC.remove("channel");
        }
    }

    private static HandlerCall inContext(String correlationId, HandlerCall call) {
        return () -> {
            MDC.put("channel", "mail");
            MDC.put("correlationId", correlationId);
            try {
                return call.get();
            } finally {
                MDC.remove("correlationId");
                MDC.remove("channel");
            }
        };
    }

    /**
     * Handles a batch on the workers (or on this thread, in a single lane, with one worker): one lane per sender, whose messages run one after the other in UID order
     * (a sender's reply never overtakes the request it follows); lanes run side by side. A lane whose message asks
     * to be retried handles none of its later ones in this batch. Bodies are downloaded here, one chunk at a time:
     * the next chunk only once every message of this one is handled, so at most one chunk is held. Returns what
     * was handled, by UID; a UID left out was not handled (stopping, or behind a retry in its lane).
     */
    private Map<Long, Handled> handleInLanes(List<Summary> batch, long uidValidity, BatchDownload bodies)
            throws MessagingException {
        // one worker: everything on this thread, in one lane (the batch stops at the first mail to retry)
        Executor executor = workers != null ? workers : Runnable::run;
        Map<Long, Handled> results = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Boolean>> lanes = new HashMap<>();
        int chunk = Integer.MIN_VALUE;
        for (Summary mail : batch) {
            if (!running) {
                break;
            }
            int chunkOfMail = bodies.chunkOf(mail.uid());
            if (chunkOfMail >= 0 && chunkOfMail != chunk) {
                awaitAll(lanes);
                chunk = chunkOfMail;
            }
            String lane = workers != null ? mail.sender().strip().toLowerCase(Locale.ROOT) : "";
            CompletableFuture<Boolean> before = lanes.getOrDefault(lane, CompletableFuture.completedFuture(true));
            if (before.isDone() && !before.join()) {
                continue; // its lane already stopped: not downloaded
            }
            HandlerCall call = prepare(mail, new MailPosition(mailbox, uidValidity, mail.uid()), bodies);
            lanes.put(lane, before.thenApplyAsync(open -> {
                if (!open || !running) {
                    return false;
                }
                Handled handled = call.get();
                results.put(mail.uid(), handled);
                return !(handled instanceof Handled.RetryLater);
            }, executor));
        }
        awaitAll(lanes);
        return results;
    }

    /** Waits until every lane is done; a lane never fails (handlers are guarded), but a bug is not swallowed. */
    private static void awaitAll(Map<String, CompletableFuture<Boolean>> lanes) {
        try {
            CompletableFuture.allOf(lanes.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a mail worker failed outside its handler", e.getCause());
        }
    }

    /** Runs the handler; a handler that throws (it must not) has that failure reported to it and counted. */
    private Handled guarded(MailPosition position, Summary mail, HandlerCall call) {
        try {
            Handled handled = Objects.requireNonNull(call.get(), "the mail handler returned null");
            log.debug("mailbox {}: UID {} -> {}", mailbox, position.uid(), handled);
            lastProgress = clock.instant(); // working through a backlog is progress: still ready
            if (!(handled instanceof Handled.RetryLater)) {
                countHandled();
            }
            return handled;
        } catch (Throwable e) { // nothing a handler does may stop the mailbox
            log.error("mailbox {}: the handler threw for UID {} (it must answer instead)", mailbox, position.uid(), e);
            return reportFailure(position, mail, "the handler failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * How many mails wait after {@code lastUid}, without listing them: UIDs are given in increasing order, so at most
     * UIDNEXT - 1 - lastUid (fewer when some were removed), and at most the folder's count.
     */
    private static long waiting(IMAPFolder folder, long lastUid, int inBatch) throws MessagingException {
        long uidNext = folder.getUIDNext();
        long byUid = uidNext > 0 ? uidNext - 1 - lastUid : Long.MAX_VALUE;
        return Math.max(inBatch, Math.min(byUid, folder.getMessageCount()));
    }

    private void countHandled() {
        backlog.updateAndGet(b -> b > 0 ? b - 1 : b);
    }

    /** Reports a failure of a mail to the handler, which counts it; if even that fails, the mail is retried later. */
    private Handled reportFailure(MailPosition position, Summary mail, String reason) {
        try {
            return Objects.requireNonNull(handler.failed(position, envelope(mail), reason), "failed() returned null");
        } catch (Throwable e) {
            log.error("mailbox {}: UID {}: the failure could not be reported: retried later", mailbox, position.uid(), e);
            return new Handled.RetryLater(reason);
        }
    }

    private static Envelope envelope(Summary mail) {
        return new Envelope(MessageId.parse(mail.messageId()), mail.sender(), mail.subject(), Math.max(0, mail.size()));
    }

    @FunctionalInterface
    private interface HandlerCall {
        Handled get();
    }

    /** Moves and flags what was handled, by UID; kept for the next round if the connection breaks meanwhile. */
    private void applyPendingMoves(ImapConnection server, IMAPFolder folder, long uidValidity)
            throws MessagingException {
        if (pendingUidValidity != uidValidity) {
            pendingMoves.clear();
            pendingUidValidity = uidValidity;
        }
        if (pendingMoves.isEmpty()) {
            return;
        }
        List<Long> processed = uidsFor(Target.PROCESSED);
        List<Long> quarantined = uidsFor(Target.QUARANTINE);
        if (settings.processedFolder().isPresent()) {
            UidCommands.move(folder, processed, settings.processedFolder().get(), server);
        } else {
            UidCommands.addFlags(folder, processed, "\\Seen " + ImapSettings.PROCESSED_KEYWORD);
        }
        UidCommands.move(folder, quarantined, settings.quarantineFolder(), server);
        pendingMoves.clear();
        if (!quarantined.isEmpty()) {
            log.info("mailbox {}: moved UIDs {} to {}", mailbox, quarantined, settings.quarantineFolder());
        }
    }

    private List<Long> uidsFor(Target target) {
        return pendingMoves.entrySet().stream().filter(e -> e.getValue() == target).map(Map.Entry::getKey).toList();
    }

    /** IDLE until something happens or the next safety poll is due; a plain pause when the server has no IDLE. */
    private void waitForMail(ImapConnection server, IMAPFolder folder) throws MessagingException {
        Duration wait = settings.pollInterval().compareTo(settings.idleRenewal()) < 0
                ? settings.pollInterval() : settings.idleRenewal();
        Optional<Duration> untilRenewal = server.untilRenewal();
        if (untilRenewal.isPresent() && untilRenewal.get().compareTo(wait) < 0) {
            wait = untilRenewal.get();
        }
        if (wait.isZero()) {
            return;
        }
        if (!server.supportsIdle()) {
            pause(wait);
            return;
        }
        idling = folder;
        ScheduledFuture<?> breaker = idleBreaker.schedule(this::breakIdle, wait.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (running) {
                folder.idle(true);
            }
        } finally {
            breaker.cancel(false);
            idling = null;
        }
    }

    /**
     * Ends the current IDLE, if any, by issuing a NOOP on its folder from another thread (Angus Mail sends DONE
     * first). On a dead connection the NOOP fails or times out, and the IDLE ends with an error: reconnect.
     */
    private void breakIdle() {
        IMAPFolder folder = idling;
        if (folder == null) {
            return;
        }
        try {
            folder.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            log.debug("mailbox {}: NOOP to end IDLE failed: {}", mailbox, e.toString());
        }
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

    private void releaseLock() {
        try {
            lock.release(mailbox);
        } catch (RuntimeException e) {
            log.warn("mailbox {}: releasing the mailbox lock failed: {}", mailbox, e.toString());
        }
        holdsLock = false;
    }

    private static void closeQuietly(IMAPFolder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the IMAP folder failed: {}", e.toString());
        }
    }

    /**
     * {@code IMAP login refused for USER: <the server's words>} when the server refused the login (not a failure to
     * obtain an OAuth2 token, which {@link ConnectFailures} explains).
     */
    private Optional<String> loginRefused(Exception e) {
        return ConnectionFailure.loginRefusal("IMAP", settings.login().user(), e);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
