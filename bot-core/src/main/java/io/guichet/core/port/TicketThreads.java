package io.guichet.core.port;

import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The staff chat's thread of each ticket, and the messages technicians wrote in them. A thread is remembered once
 * it exists, so it is never opened twice; a message is seen once, so a replayed one is not acted on again.
 */
public interface TicketThreads {

    Optional<String> threadOf(TicketId ticket);

    Optional<TicketId> ticketOf(String threadId);

    /** Remembers the ticket's thread; returns the one remembered (an earlier one wins). */
    String remember(TicketId ticket, String threadId, Instant at);

    /**
     * Records a message written in a ticket's thread, in the caller's transaction; false when it was recorded before
     * (a replay: do nothing).
     */
    boolean firstSight(String messageId, TicketId ticket, String author, String outcome, Instant at);

    /** {@code staffId} is pinged in the ticket's thread when the customer writes; false if they already were. */
    boolean subscribe(TicketId ticket, String staffId, Instant at);

    /** Removes a subscription; false when there was none. */
    boolean unsubscribe(TicketId ticket, String staffId);

    /** The staff ids subscribed to the ticket, in the order they subscribed. */
    List<String> subscribers(TicketId ticket);
}
