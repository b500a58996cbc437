package io.guichet.core.desk;

import io.guichet.core.port.StaffNotifier;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the staff notices of the {@link StaffOutbox} once their change has committed. A notice the channel refuses
 * is tried again after a backoff that doubles from {@link Settings#firstRetry} up to {@link Settings#maxRetry}; one
 * still refused after {@link Settings#giveUpAfter} is given up with an ERROR line (a person must look). Claims hold a
 * notice for a lease, so several nodes share the work and a node that dies mid-delivery loses nothing: the notice comes
 * back after the lease (delivered at least once; a channel post is not transactional). A refused notice does not hold
 * up the others of the batch (another ticket's thread post, say, which has nothing to do with it): the pass goes on.
 * Only after {@value #FAILURES_IN_A_ROW} refusals in a row, the channel itself is taken to be failing: the pass stops
 * (a channel that hangs costs a few timeouts per pass, not one per notice) and gives the claims it did not try back at
 * once, no attempt counted, so they are due again on the next pass instead of waiting for the lease.
 */
public final class StaffNoticeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StaffNoticeDispatcher.class);
    /** Refusals in a row after which a pass takes the channel to be failing and stops. */
    public static final int FAILURES_IN_A_ROW = 3;

    /** How often and how long notices are retried, and how many are claimed at once. */
    public record Settings(Duration firstRetry, Duration maxRetry, Duration giveUpAfter, Duration lease, int batch) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofMinutes(1), 50);
        }
    }

    /** What one pass did. */
    public record Pass(int delivered, int retried, int givenUp) {
        public int claimed() {
            return delivered + retried + givenUp;
        }
    }

    private final Transactions transactions;
    private final PerTransaction<StaffOutbox> outbox;
    private final StaffNotifier notifier;
    private final Settings settings;
    private final Clock clock;

    public StaffNoticeDispatcher(Transactions transactions, PerTransaction<StaffOutbox> outbox, StaffNotifier notifier, Settings settings,
                                 Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.notifier = notifier;
        this.settings = settings;
        this.clock = clock;
    }

    /** Delivers what is due now: claims a batch, delivers each notice in order and records how it went. */
    public Pass deliverDue() {
        List<StaffOutbox.Queued> due = transactions.inTransaction(tx ->
                outbox.in(tx).claimDue(clock.instant(), settings.batch(), settings.lease()));
        int delivered = 0;
        int retried = 0;
        int givenUp = 0;
        int inARow = 0;
        for (int i = 0; i < due.size(); i++) {
            StaffOutbox.Queued queued = due.get(i);
            Optional<String> failure = deliver(queued);
            Instant now = clock.instant();
            if (failure.isEmpty()) {
                transactions.run(tx -> outbox.in(tx).markDelivered(queued.id(), now));
                delivered++;
                inARow = 0;
                continue;
            }
            Optional<Instant> retryAt = retryAt(queued, now);
            transactions.run(tx -> outbox.in(tx).markFailed(queued.id(), failure.get(), retryAt, now));
            if (retryAt.isPresent()) {
                retried++;
                LOG.warn("staff notice {} on ticket {} not delivered ({}); tried again at {}", kind(queued),
                        queued.notice().ticket().number(), failure.get(), retryAt.get());
            } else {
                givenUp++;
                LOG.error("staff notice {} on ticket {} given up after {} attempts since {}: {}", kind(queued),
                        queued.notice().ticket().number(), queued.attempts() + 1, queued.createdAt(), failure.get());
            }
            if (++inARow >= FAILURES_IN_A_ROW && i + 1 < due.size()) {
                // the channel itself is failing: the rest of the batch is not tried now (each could wait out a
                // timeout), but given back at once, no attempt counted, instead of waiting for the lease
                List<Long> untried = due.subList(i + 1, due.size()).stream().map(StaffOutbox.Queued::id).toList();
                transactions.run(tx -> outbox.in(tx).release(untried, now));
                LOG.warn("staff channel failing ({} refusals in a row): {} notices given back for the next pass",
                        inARow, untried.size());
                break;
            }
        }
        return new Pass(delivered, retried, givenUp);
    }

    private Optional<String> deliver(StaffOutbox.Queued queued) {
        try {
            notifier.deliver(queued.notice());
            return Optional.empty();
        } catch (StaffNotifier.NotDelivered e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("staff notice {} on ticket {}: delivery failed", kind(queued), queued.notice().ticket().number(), e);
            return Optional.of("delivery failed: " + e.getClass().getSimpleName());
        }
    }

    /** Doubling backoff from the first retry, capped; empty once the notice is older than the give-up window. */
    private Optional<Instant> retryAt(StaffOutbox.Queued queued, Instant now) {
        if (!now.isBefore(queued.createdAt().plus(settings.giveUpAfter()))) {
            return Optional.empty();
        }
        Duration wait = settings.firstRetry();
        for (int i = 0; i < queued.attempts() && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(now.plus(wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait));
    }

    private static String kind(StaffOutbox.Queued queued) {
        return queued.notice().getClass().getSimpleName();
    }
}
