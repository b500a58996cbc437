package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.ticket.TicketNumber;

/**
 * A ticket changed between a desk's read and its conditional update, under a customer's or a technician's command:
 * nothing the command did was kept (its transaction rolled back), nothing was said. The command may simply be tried
 * again: the console tells the technician so, the mail channel handles the mail again later without counting it as
 * a failure.
 */
public record ConcurrentChange(TicketNumber ticket) implements CustomerOutcome, StaffOutcome {

    /** The refusal as a technician reads it. */
    public Problem problem() {
        return Problem.conflict("ticket", "Ticket " + ticket + " changed meanwhile (someone else acted on it): look at"
                + " it again and try again.");
    }
}
