package io.guichet.core.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Mail to send, written in the transaction of the change that caused it, sent after commit with retries. */
public interface Outbox {

    /** Adds a mail; its id is given by the store. */
    void enqueue(OutgoingMail mail);

    /** {@link #enqueue} of each, in order (ids increase in this order). */
    default void enqueueAll(List<OutgoingMail> mails) {
        mails.forEach(this::enqueue);
    }

    /**
     * Claims up to {@code limit} mails due at {@code now}, oldest first, skipping those another sender holds: each
     * claimed mail is hidden from other claims for {@code lease} (if the sender dies it comes back after it).
     */
    List<OutgoingMail> claimDue(Instant now, int limit, Duration lease);

    /**
     * Keeps claimed mails hidden from other claims until {@code now + lease}: a live sender renews what it still
     * holds while it works, so leases stay short and a dead sender's mail comes back within one lease. Only pending
     * mail whose claim has not run out at {@code now} is touched, and a next attempt is never brought earlier.
     */
    void renewClaims(Collection<Long> ids, Instant now, Duration lease);

    void markSent(long id, Instant at);

    /**
     * Records, durably, that the mail is about to be handed to the SMTP server: until {@link #markSent} or
     * {@link #markFailed}, it is an uncertain send (the server may have taken it). Called just before the send.
     */
    void markSending(long id, Instant at);

    /**
     * Of these mails, those that are uncertain sends: pending, handed to the SMTP server ({@link #markSending}) with no
     * outcome recorded since (the sender died or lost its database before marking it, or lost the connection after
     * giving the server the message). They are checked for in the Sent folder before being sent again.
     */
    Set<Long> uncertain(Collection<Long> ids);

    /** A failed attempt the server answered (the mail was not taken): retried at {@code retryAt}, or abandoned when empty. */
    void markFailed(long id, String error, Optional<Instant> retryAt, Instant now);

    /**
     * A failed attempt after which the mail may still have been taken (the connection was lost after the message was
     * given to the server): counted like {@link #markFailed}, and the mail stays an uncertain send.
     */
    void markUncertain(long id, String error, Optional<Instant> retryAt, Instant now);

    /** Mails not yet sent nor abandoned, and the age of the oldest (for health and metrics). */
    Backlog backlog(Instant now);

    record Backlog(int pending, Optional<Duration> oldestAge) {
    }

    /** Mail given up on and not sent since, oldest first, at most {@code limit}. */
    List<AbandonedMail> abandoned(int limit);

    /**
     * Puts abandoned mail back in the outbox, due at {@code now} with its failures forgotten (the retry window starts
     * again); only mail that is abandoned and unsent is touched. {@code ids} empty: every abandoned mail.
     *
     * @return the ids put back
     */
    List<Long> retryAbandoned(List<Long> ids, Instant now);
}
