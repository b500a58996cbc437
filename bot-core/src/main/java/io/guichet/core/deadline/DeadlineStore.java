package io.guichet.core.deadline;

import io.guichet.core.ticket.TicketId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The deadlines of tickets. Every method joins the caller's transaction, so deadlines are written with the ticket
 * change that implies them.
 */
public interface DeadlineStore {

    /**
     * Makes the ticket's deadlines follow {@code plan}: a planned deadline is added, or re-timed (and re-armed, if it
     * had fired) when its due time changed; a pending deadline no longer planned is removed. A fired deadline
     * planned again at the same due time stays fired, and fired deadlines not planned any more are kept (so a
     * target breached before a hold is not breached again after it).
     */
    void schedule(TicketId ticket, List<PlannedDeadline> plan, Instant now);

    /** Removes every deadline of the ticket, fired or not (R13: a closed ticket has none). */
    void forget(TicketId ticket);

    /**
     * Claims up to {@code limit} pending deadlines due at {@code now}, earliest first, skipping those another
     * sweeper holds; each claimed one is hidden from other claims for {@code lease} (if the sweeper dies it comes
     * back after it). Runs in a transaction of its own when the caller has none.
     */
    List<Deadline> claimDue(Instant now, int limit, Duration lease);

    /**
     * Keeps claimed deadlines hidden from other claims until {@code now + lease}: a live sweeper renews what it still
     * holds while it works, so leases stay short and a dead sweeper's deadlines come back within one lease. Only
     * pending deadlines whose claim has not run out at {@code now} are touched, and a claim is never shortened.
     */
    void renewClaims(Collection<Long> ids, Instant now, Duration lease);

    /**
     * Records that these deadlines were applied; a deadline re-timed or removed meanwhile (or already fired) is left
     * as it is.
     */
    void markFired(Collection<Deadline> deadlines, Instant at);

    /** Every stored deadline of a ticket, fired or not, by due time. */
    List<Deadline> ofTicket(TicketId ticket);

    /**
     * Every stored deadline of these tickets, fired or not. A plain read, no lock: a firing reads the tickets
     * <em>before</em> their deadlines, and its conditional update on each ticket serialises it with every other
     * change of that ticket, so a firing that sees a ticket as another firing left it also sees that firing's marks
     * (both were committed together). Every writer thus takes the ticket row before the deadline rows.
     */
    default List<Deadline> ofTickets(Collection<TicketId> tickets) {
        return tickets.stream().distinct().flatMap(t -> ofTicket(t).stream()).toList();
    }
}
