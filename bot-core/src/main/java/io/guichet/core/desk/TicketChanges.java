package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlinePlan;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Saving a changed ticket with its audit events and its deadlines, and keeping its response targets (R15, R16) in
 * step. Every save re-plans the ticket's deadlines in the same transaction, so a change that ends or alters a timed
 * rule cancels or re-times it by itself.
 */
final class TicketChanges {

    private final DeskContext desk;
    private final DeadlinePlan plan;

    TicketChanges(DeskContext desk) {
        this.desk = desk;
        this.plan = new DeadlinePlan(desk.policy());
    }

    /** Conditional save plus events and deadlines; empty when someone else changed the ticket first (nothing is written then). */
    Optional<Ticket> save(Ticket changed, List<TicketEvent> events) {
        Optional<Ticket> saved = desk.tickets().update(changed);
        saved.ifPresent(t -> {
            desk.tickets().append(events);
            desk.staff().postAll(ThreadPosts.of(t, events));
            replan(t);
        });
        return saved;
    }

    /**
     * After a save, when the ticket's stored deadlines were read in the same transaction: writes only if they do not
     * already follow the ticket's plan (most firings leave the plan as it was).
     */
    void replan(Ticket ticket, List<Deadline> stored) {
        boolean followed = ticket.status() == TicketStatus.CLOSED
                ? stored.isEmpty()
                : DeadlinePlan.followedBy(plan.of(ticket), stored);
        if (!followed) {
            replan(ticket);
        }
    }

    /** Writes the deadlines the ticket's state implies (a new ticket, or after a save). */
    void replan(Ticket ticket) {
        if (ticket.status() == TicketStatus.CLOSED) {
            desk.deadlines().forget(ticket.id());
        } else {
            desk.deadlines().schedule(ticket.id(), plan.of(ticket), desk.clock().instant());
        }
    }

    /** R15: the first-response target of a ticket that just entered the queue. */
    Ticket.Due firstResponseDue(Severity severity, Instant from) {
        Instant by = desk.hours().due(severity, from, desk.policy().firstResponseTarget(severity));
        return new Ticket.Due(Optional.of(by), Optional.empty(), Optional.empty());
    }

    /** R16: after staff answered, the next update is due one update interval later; the first response is recorded. */
    Ticket.Due answered(Ticket ticket, Instant at) {
        Ticket.Due due = ticket.due();
        Optional<Instant> responded = due.firstRespondedAt().or(() -> Optional.of(at));
        return new Ticket.Due(due.firstResponseBy(), nextUpdate(ticket, at), responded, due.updateInterval());
    }

    /** R16: a customer update restarts the update clock (the earliest of the pending target and a new interval). */
    Ticket.Due customerWrote(Ticket ticket, Instant at) {
        Ticket.Due due = ticket.due();
        if (due.firstRespondedAt().isEmpty()) {
            return due;
        }
        Optional<Instant> next = nextUpdate(ticket, at);
        Optional<Instant> earliest = due.nextUpdateBy().isPresent() && next.isPresent()
                && due.nextUpdateBy().get().isBefore(next.get()) ? due.nextUpdateBy() : next;
        return new Ticket.Due(due.firstResponseBy(), earliest, due.firstRespondedAt(), due.updateInterval());
    }

    /** While the customer's clock runs, no update is due from us. */
    Ticket.Due paused(Ticket ticket) {
        Ticket.Due due = ticket.due();
        return new Ticket.Due(due.firstResponseBy(), Optional.empty(), due.firstRespondedAt(), due.updateInterval());
    }

    /**
     * Severity changed: pending targets are re-timed from now on the new severity's calendar and interval (a lowered
     * update frequency, R17, ends with the severity it was set for).
     */
    Ticket.Due retimed(Ticket ticket, Severity severity, Instant at) {
        Ticket.Due due = ticket.due();
        Optional<Instant> first = due.firstRespondedAt().isPresent() || due.firstResponseBy().isEmpty()
                ? due.firstResponseBy()
                : Optional.of(desk.hours().due(severity, at, desk.policy().firstResponseTarget(severity)));
        Optional<Instant> next = due.nextUpdateBy().isEmpty()
                ? Optional.empty()
                : Optional.of(desk.hours().due(severity, at, desk.policy().updateTarget(severity)));
        return new Ticket.Due(first, next, due.firstRespondedAt());
    }

    /**
     * R17: a technician lowered how often the ticket is updated, severity unchanged: the next update is due one new
     * interval from now, on the severity's calendar, and every later one too.
     */
    Ticket.Due everyLonger(Ticket ticket, Severity severity, java.time.Duration interval, Instant at) {
        Ticket.Due due = ticket.due();
        Optional<Instant> next = due.nextUpdateBy().isEmpty() ? Optional.empty()
                : Optional.of(desk.hours().due(severity, at, interval));
        return new Ticket.Due(due.firstResponseBy(), next, due.firstRespondedAt(), Optional.of(interval));
    }

    /** R16, R17: the update interval of the ticket: its own when lowered, else its severity's. */
    java.time.Duration updateInterval(Ticket ticket, Severity severity) {
        return ticket.due().updateInterval().orElse(desk.policy().updateTarget(severity));
    }

    private Optional<Instant> nextUpdate(Ticket ticket, Instant at) {
        return ticket.severity().map(s -> desk.hours().due(s, at, updateInterval(ticket, s)));
    }
}
