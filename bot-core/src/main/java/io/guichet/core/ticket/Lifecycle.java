package io.guichet.core.ticket;

import io.guichet.core.Problem;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.guichet.core.ticket.TicketStatus.AWAITING_INFO;
import static io.guichet.core.ticket.TicketStatus.CLOSED;
import static io.guichet.core.ticket.TicketStatus.IN_PROGRESS;
import static io.guichet.core.ticket.TicketStatus.ON_HOLD;
import static io.guichet.core.ticket.TicketStatus.OPEN;
import static io.guichet.core.ticket.TicketStatus.RESOLVED;
import static io.guichet.core.ticket.TicketStatus.WAITING_ON_CUSTOMER;

/**
 * The ticket lifecycle as an explicit state machine:
 * <pre>
 * AWAITING_INFO -> OPEN (IN_PROGRESS if claimed meanwhile) -> IN_PROGRESS <-> WAITING_ON_CUSTOMER
 * OPEN | IN_PROGRESS | WAITING_ON_CUSTOMER -> ON_HOLD -> (resume) OPEN | IN_PROGRESS
 * any active status -> RESOLVED -> (reopen, R13) OPEN | IN_PROGRESS, or CLOSED for good
 * RESOLVED -> (reopen while required fields are missing, R5) AWAITING_INFO
 * </pre>
 * Every applied move yields an audit event with actor and time; a move not allowed from the current status is
 * refused as a value naming the status and what is allowed.
 */
public final class Lifecycle {

    private static final Set<TicketStatus> ACTIVE =
            EnumSet.of(AWAITING_INFO, OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, ON_HOLD);
    private static final Set<TicketStatus> WORKABLE = EnumSet.of(OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER);

    private Lifecycle() {
    }

    /** The statuses from which {@code transition} is allowed. */
    public static Set<TicketStatus> allowedFrom(Transition transition) {
        return switch (transition) {
            case Transition.CompleteIntake c -> EnumSet.of(AWAITING_INFO);
            case Transition.Claim c -> ACTIVE;
            case Transition.Unclaim u -> ACTIVE;
            case Transition.AskCustomer a -> WORKABLE;
            case Transition.CustomerReplied c -> EnumSet.of(WAITING_ON_CUSTOMER);
            case Transition.PutOnHold p -> WORKABLE;
            case Transition.Resume r -> EnumSet.of(ON_HOLD);
            case Transition.Resolve r -> ACTIVE;
            case Transition.Reopen r -> EnumSet.of(RESOLVED);
            case Transition.ReopenAwaitingInfo r -> EnumSet.of(RESOLVED);
            case Transition.Close c -> EnumSet.of(RESOLVED);
        };
    }

    public static TransitionResult apply(Ticket ticket, Transition transition, Actor actor, Instant at) {
        TicketStatus from = ticket.status();
        if (!allowedFrom(transition).contains(from)) {
            return refused(ticket, transition);
        }
        return switch (transition) {
            case Transition.CompleteIntake c -> moved(ticket, ticket.withStatus(backToWork(ticket), at), actor, at,
                    EventKind.INTAKE_COMPLETED, "");
            case Transition.Claim c -> claim(ticket, c.technician(), actor, at);
            case Transition.Unclaim u -> unclaim(ticket, actor, at);
            case Transition.AskCustomer a -> moved(ticket, ticket.withStatus(WAITING_ON_CUSTOMER, at).waitingSince(at), actor, at,
                    EventKind.ASKED_CUSTOMER, "");
            case Transition.CustomerReplied c -> moved(ticket, ticket.withStatus(backToWork(ticket), at), actor, at,
                    EventKind.CUSTOMER_REPLIED, "");
            case Transition.PutOnHold p -> moved(ticket, ticket.withStatus(ON_HOLD, at), actor, at,
                    EventKind.PUT_ON_HOLD, "");
            case Transition.Resume r -> moved(ticket, ticket.withStatus(backToWork(ticket), at), actor, at,
                    EventKind.RESUMED, "");
            case Transition.Resolve r -> moved(ticket, ticket.resolvedAs(r.reason(), at), actor, at,
                    EventKind.RESOLVED, r.reason().rule() + " " + r.reason().code());
            case Transition.Reopen r -> moved(ticket, ticket.reopened(backToWork(ticket), at), actor, at,
                    EventKind.REOPENED, "");
            case Transition.ReopenAwaitingInfo r -> moved(ticket, ticket.reopened(AWAITING_INFO, at), actor, at,
                    EventKind.REOPENED, "R5: required fields still missing");
            case Transition.Close c -> moved(ticket, ticket.closedAt(at), actor, at, EventKind.CLOSED, "");
        };
    }

    private static TransitionResult claim(Ticket ticket, Actor.Staff technician, Actor actor, Instant at) {
        if (ticket.assignee().filter(technician::sameAs).isPresent()) {
            return new TransitionResult.Refused(Problem.conflict("ticket",
                    "Ticket " + ticket.number() + " is already claimed by " + technician.name() + "."));
        }
        TicketStatus to = ticket.status() == OPEN ? IN_PROGRESS : ticket.status();
        String detail = ticket.assignee().map(previous -> technician.name() + " (taken over from " + previous.name() + ")")
                .orElse(technician.name());
        Ticket claimed = ticket.withAssignee(Optional.of(technician), at).withStatus(to, at);
        return moved(ticket, claimed, actor, at, EventKind.CLAIMED, detail);
    }

    private static TransitionResult unclaim(Ticket ticket, Actor actor, Instant at) {
        if (ticket.assignee().isEmpty()) {
            return new TransitionResult.Refused(Problem.conflict("ticket",
                    "Ticket " + ticket.number() + " is not claimed by anyone."));
        }
        TicketStatus to = ticket.status() == IN_PROGRESS ? OPEN : ticket.status();
        Ticket released = ticket.withAssignee(Optional.empty(), at).withStatus(to, at);
        return moved(ticket, released, actor, at, EventKind.UNCLAIMED, ticket.assignee().get().name());
    }

    /** Where work resumes: with its technician if it has one, else in the queue. */
    private static TicketStatus backToWork(Ticket ticket) {
        return ticket.assignee().isPresent() ? IN_PROGRESS : OPEN;
    }

    private static TransitionResult moved(Ticket before, Ticket after, Actor actor, Instant at, EventKind kind,
                                          String detail) {
        TicketEvent event = new TicketEvent(before.id(), at, actor, kind, Optional.of(before.status()),
                Optional.of(after.status()), detail);
        return new TransitionResult.Applied(after, event);
    }

    private static TransitionResult refused(Ticket ticket, Transition transition) {
        String what = transition.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        String detail = ticket.status() == CLOSED
                ? "Ticket " + ticket.number() + " is closed for good and cannot change any more (R13)."
                : "Ticket " + ticket.number() + " is " + ticket.status() + ": cannot " + what + " (allowed when "
                + allowedFrom(transition) + ").";
        return new TransitionResult.Refused(Problem.conflict("status", detail));
    }
}
