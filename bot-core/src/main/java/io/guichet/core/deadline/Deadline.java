package io.guichet.core.deadline;

import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored deadline of a ticket. {@code attempts} counts the claims (a deadline whose firing keeps failing shows
 * it); {@code firedAt} is set once it was applied. A fired deadline is kept so that planning the same due time
 * again does not fire it twice; planning another due time re-arms it.
 */
public record Deadline(long id, TicketId ticket, DeadlineKind kind, int step, Instant dueAt, int attempts,
                       Optional<Instant> firedAt) {

    /** The plan entry this deadline stores. */
    public PlannedDeadline planned() {
        return new PlannedDeadline(kind, step, dueAt);
    }

    public boolean pending() {
        return firedAt.isEmpty();
    }
}
