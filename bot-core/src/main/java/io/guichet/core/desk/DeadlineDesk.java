package io.guichet.core.desk;

import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlinePlan;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Lifecycle;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.ticket.Transition;
import io.guichet.core.ticket.TransitionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a deadline that fell due, in one transaction: reminders and the automatic resolution (R12a), closure
 * after the reopen window (R13), response-target breaches (R15, R16, R18) and the severity-1 answer timeout (R11,
 * R17). Before acting it checks that the deadline is still pending and re-derives the ticket's plan from the
 * ticket as it is now, so a late or repeated firing changes nothing; the ticket is saved with a conditional update
 * (row version), so of two racing firings, or of a customer reply racing a firing, exactly one wins and the other
 * writes nothing.
 */
public final class DeadlineDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineDesk.class);

    private final DeskContext desk;
    private final TicketChanges changes;
    private final DeadlinePlan plan;

    public DeadlineDesk(DeskContext desk) {
        this.desk = desk;
        this.changes = new TicketChanges(desk);
        this.plan = new DeadlinePlan(desk.policy());
    }

    public FireOutcome fire(Deadline deadline) {
        FireOutcome outcome = desk.transactions().inTransaction(() -> check(deadline));
        switch (outcome) {
            case FireOutcome.Applied applied -> LOG.info("ticket {}: deadline {} ({}) applied: {}",
                    applied.ticket().number(), deadline.kind(), deadline.kind().rule(), applied.summary());
            case FireOutcome.Stale stale -> LOG.debug("deadline {} of ticket id {} not applied: {}", deadline.kind(),
                    deadline.ticket().value(), stale.reason());
            case FireOutcome.Raced raced -> LOG.info("ticket {}: deadline {} raced a concurrent change; retried later",
                    raced.ticket().number(), deadline.kind());
        }
        return outcome;
    }

    private FireOutcome check(Deadline deadline) {
        Instant now = desk.clock().instant();
        if (deadline.dueAt().isAfter(now)) {
            return new FireOutcome.Stale("not due before " + deadline.dueAt());
        }
        // the ticket first, then the deadline: see DeadlineStore.stillPending
        Optional<Ticket> found = desk.tickets().find(deadline.ticket());
        if (found.isEmpty()) {
            return new FireOutcome.Stale("no such ticket");
        }
        if (!desk.deadlines().stillPending(deadline)) {
            return new FireOutcome.Stale("already applied, re-timed or cancelled");
        }
        Ticket ticket = found.get();
        if (!plan.of(ticket).contains(deadline.planned())) {
            return new FireOutcome.Stale("ticket " + ticket.number() + " is " + ticket.status()
                    + " and no longer implies it");
        }
        FireOutcome outcome = apply(deadline, ticket, now);
        if (outcome instanceof FireOutcome.Applied) {
            desk.deadlines().markFired(deadline, now);
        }
        return outcome;
    }

    private FireOutcome apply(Deadline deadline, Ticket ticket, Instant now) {
        return switch (deadline.kind()) {
            case REMINDER -> remind(ticket, deadline.step() + 1, now);
            case AUTO_RESOLVE -> autoResolve(ticket, now);
            case CLOSE -> close(ticket, now);
            case FIRST_RESPONSE_TARGET -> breach(ticket, "first response (R15)", now);
            case UPDATE_TARGET -> breach(ticket, "next update (R16)", now);
            case SEVERITY_ONE_ANSWER -> downgrade(ticket, now);
        };
    }

    /** R12a: the customer is reminded; saved (touched) so a racing customer reply and the reminder serialise. */
    private FireOutcome remind(Ticket ticket, int number, Instant now) {
        List<TicketEvent> events = List.of(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.REMINDER_SENT,
                "R12a: reminder " + number));
        return saved(ticket, ticket.withDue(ticket.due(), now), events, "reminder " + number, saved -> {
            Instant resolvesAt = saved.statusSince().plus(desk.policy().autoResolveAfter());
            desk.messenger().tell(new CustomerNotice.Reminder(recipient(saved), saved, number, resolvesAt,
                    saved.status() == TicketStatus.AWAITING_INFO));
        });
    }

    /** R12a: no answer after the configured time: resolved with reason NO_RESPONSE. */
    private FireOutcome autoResolve(Ticket ticket, Instant now) {
        return transition(ticket, new Transition.Resolve(ResolutionReason.NO_RESPONSE), now, "resolved (R12a)",
                saved -> {
                    Account account = desk.contacts().account(saved.accountId()).orElseThrow();
                    desk.messenger().tell(new CustomerNotice.Resolved(recipient(saved), saved,
                            ResolutionReason.NO_RESPONSE, "", account.manager()));
                });
    }

    /** R13: the reopen window ended: closed for good, with a final notice. */
    private FireOutcome close(Ticket ticket, Instant now) {
        return transition(ticket, new Transition.Close(), now, "closed for good (R13)",
                saved -> desk.messenger().tell(new CustomerNotice.Closed(recipient(saved), saved)));
    }

    /** R15, R16, R18: a response target was missed: the ticket is escalated (once) and the staff told. */
    private FireOutcome breach(Ticket ticket, String target, Instant now) {
        List<TicketEvent> events = new ArrayList<>();
        events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.TARGET_BREACHED, target + " target missed"));
        boolean escalates = !ticket.escalated();
        Ticket changed = ticket.withDue(ticket.due(), now);
        if (escalates) {
            changed = changed.escalatedAt(now);
            events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                    "R18: " + target + " target missed"));
        }
        return saved(ticket, changed, events, target + " target missed", saved -> {
            desk.staff().notify(new StaffNotice.TargetBreached(saved, target));
            if (escalates) {
                desk.staff().notify(new StaffNotice.Escalation(saved, target + " target missed"));
                desk.messenger().tell(new CustomerNotice.Escalated(recipient(saved), saved));
            }
        });
    }

    /** R11, R17: nobody answered a severity-1 question in time: lowered to severity 2, response targets re-timed. */
    private FireOutcome downgrade(Ticket ticket, Instant now) {
        Severity from = ticket.severity().orElseThrow();
        Ticket changed = ticket.withFields(ticket.fields().withSeverity(Severity.S2), now);
        changed = changed.withDue(changes.retimed(changed, Severity.S2, now), now);
        String reason = "R11, R17: no authorized contact answered within " + desk.policy().severityOneAnswerTimeout();
        List<TicketEvent> events = List.of(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.SEVERITY_CHANGED,
                from.level() + " -> 2: " + reason));
        return saved(ticket, changed, events, "lowered to severity 2", saved -> {
            desk.messenger().tell(new CustomerNotice.AutomaticDowngrade(recipient(saved), saved, from, Severity.S2,
                    desk.policy().severityOneAnswerTimeout()));
            desk.staff().notify(new StaffNotice.Downgraded(saved, from, Severity.S2, reason));
        });
    }

    private FireOutcome transition(Ticket ticket, Transition transition, Instant now, String summary,
                                   java.util.function.Consumer<Ticket> tell) {
        return switch (Lifecycle.apply(ticket, transition, Actor.SYSTEM, now)) {
            case TransitionResult.Refused refused -> new FireOutcome.Stale(refused.problem().detail());
            case TransitionResult.Applied applied -> saved(ticket, applied.ticket(), List.of(applied.event()), summary, tell);
        };
    }

    private FireOutcome saved(Ticket before, Ticket changed, List<TicketEvent> events, String summary,
                              java.util.function.Consumer<Ticket> tell) {
        Optional<Ticket> saved = changes.save(changed, events);
        if (saved.isEmpty()) {
            return new FireOutcome.Raced(before);
        }
        tell.accept(saved.get());
        return new FireOutcome.Applied(saved.get(), summary);
    }

    private Recipient recipient(Ticket ticket) {
        Contact contact = desk.contacts().contact(ticket.contactId()).orElseThrow();
        return Recipient.of(contact);
    }
}
