package io.guichet.core.desk;

import io.guichet.core.ticket.TicketNumber;

/**
 * Thrown when a ticket changed under a customer command between its read and its conditional update. The
 * transaction rolls back and the channel handles the message again later: nothing is lost, nothing is doubled.
 */
public final class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(TicketNumber number) {
        super("ticket " + number + " changed concurrently");
    }
}
