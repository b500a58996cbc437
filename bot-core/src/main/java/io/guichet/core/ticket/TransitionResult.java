package io.guichet.core.ticket;

import io.guichet.core.Problem;

/** What {@link Lifecycle#apply} gives: the changed ticket and its audit event, or why the move is refused. */
public sealed interface TransitionResult {

    record Applied(Ticket ticket, TicketEvent event) implements TransitionResult {
    }

    record Refused(Problem problem) implements TransitionResult {
    }
}
