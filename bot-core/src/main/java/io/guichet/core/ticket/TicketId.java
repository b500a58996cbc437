package io.guichet.core.ticket;

/** Internal identity of a ticket (the customer sees its {@link TicketNumber}). */
public record TicketId(long value) {
}
