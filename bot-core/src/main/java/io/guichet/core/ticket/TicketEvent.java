package io.guichet.core.ticket;

import java.time.Instant;
import java.util.Optional;

/** One line of a ticket's append-only audit trail: who did what, when, and the status move if any. */
public record TicketEvent(TicketId ticketId,
                          Instant at,
                          Actor actor,
                          EventKind kind,
                          Optional<TicketStatus> from,
                          Optional<TicketStatus> to,
                          String detail) {

    public static TicketEvent fact(TicketId ticketId, Instant at, Actor actor, EventKind kind, String detail) {
        return new TicketEvent(ticketId, at, actor, kind, Optional.empty(), Optional.empty(), detail);
    }
}
