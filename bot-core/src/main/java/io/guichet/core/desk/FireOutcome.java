package io.guichet.core.desk;

import io.guichet.core.ticket.Ticket;

/** What became of a deadline handed to the {@link DeadlineDesk}. */
public sealed interface FireOutcome {

    /** The rule was applied: the ticket changed and whoever must hear of it was told. */
    record Applied(Ticket ticket, String summary) implements FireOutcome {
    }

    /**
     * Nothing to do: the deadline already fired, was re-timed or cancelled, or the ticket's state no longer implies
     * it. Nothing was written.
     */
    record Stale(String reason) implements FireOutcome {
    }

    /** The ticket changed between its read and its save; nothing was written and the deadline stays pending. */
    record Raced(Ticket ticket) implements FireOutcome {
    }
}
