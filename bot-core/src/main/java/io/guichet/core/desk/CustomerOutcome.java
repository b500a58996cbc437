package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.intake.IntakeReport;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;

/**
 * What became of a customer's command. The notices to send are already with the {@code CustomerMessenger}. A
 * {@link ConcurrentChange} kept nothing and said nothing: the channel tries the command again later.
 */
public sealed interface CustomerOutcome
        permits CustomerOutcome.Opened, CustomerOutcome.Updated, CustomerOutcome.Rejected, ConcurrentChange {

    /** A new ticket; {@code report} says whether intake is complete (R5). {@code previous}: R13 follow-up of a closed ticket. */
    record Opened(Ticket ticket, IntakeReport report, java.util.Optional<TicketNumber> previous) implements CustomerOutcome {
    }

    /** The message was added to the ticket, which may have changed status. */
    record Updated(Ticket ticket) implements CustomerOutcome {
    }

    /** No ticket was opened or changed: unknown sender (R10), no coverage (R1), no access to that ticket (R10). */
    record Rejected(Problem problem) implements CustomerOutcome {
    }
}
