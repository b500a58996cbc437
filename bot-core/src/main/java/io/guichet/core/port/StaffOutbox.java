package io.guichet.core.port;

import io.guichet.core.desk.StaffNotice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Staff notices waiting to be delivered. A desk {@linkplain #post posts} a notice in the transaction of the change
 * that causes it, so a change that rolls back announces nothing; a dispatcher delivers it after the commit, with
 * retries, and several nodes share the work (a claimed notice is hidden from other claims for a lease).
 */
public interface StaffOutbox {

    /** Queues a notice in the caller's transaction. */
    void post(StaffNotice notice);

    /** {@link #post} of each, in order. */
    default void postAll(List<StaffNotice> notices) {
        notices.forEach(this::post);
    }

    /**
     * Claims up to {@code limit} notices due at {@code now}, oldest first, skipping those another node holds; each is
     * hidden from other claims for {@code lease}. The notices carry their ticket as it is now.
     *
     * <p>A ticket's thread posts go out one at a time, in the order they were posted: a thread post is not claimed
     * while an earlier one of the same ticket is still pending (waiting for a retry, or claimed by a node). So a post
     * that failed is never overtaken by a later one (which would open the thread without the intake post, and the
     * retried intake post would then arrive after it).
     */
    List<Queued> claimDue(Instant now, int limit, Duration lease);

    void markDelivered(long id, Instant at);

    /** A failed attempt: tried again at {@code retryAt}, or given up when empty. */
    void markFailed(long id, String error, Optional<Instant> retryAt, Instant now);

    /**
     * Gives back claims that were not tried: they are due again at {@code at}, no attempt counted (a pass that stopped
     * early does not leave them waiting for the lease).
     */
    void release(List<Long> ids, Instant at);

    /** Notices neither delivered nor given up. */
    int pending();

    /** A notice as the outbox holds it: {@code attempts} failed deliveries so far. */
    record Queued(long id, StaffNotice notice, Instant createdAt, int attempts) {
    }
}
