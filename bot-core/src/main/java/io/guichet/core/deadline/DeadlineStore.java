package io.guichet.core.deadline;

import io.guichet.core.ticket.TicketId;

import java.time.Duration;
import java.time.Instant;
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
     * Whether {@code deadline} is still pending with the same due time: false once it fired, was re-timed or removed.
     * A plain read, no lock: the firing is serialised by the ticket's conditional update, and it reads the ticket
     * <em>before</em> asking this, so a firing that sees the ticket as another firing left it also sees that
     * firing's mark (both are committed together). Every writer thus takes the ticket row before the deadline rows.
     */
    boolean stillPending(Deadline deadline);

    /** Records that {@code deadline} was applied (no effect if it was re-timed or removed meanwhile). */
    void markFired(Deadline deadline, Instant at);

    /** Every stored deadline of a ticket, fired or not, by due time. */
    List<Deadline> ofTicket(TicketId ticket);
}
