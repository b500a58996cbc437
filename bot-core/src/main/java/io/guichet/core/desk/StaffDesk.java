package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.intake.IntakeReport;
import io.guichet.core.intake.IntakeRules;
import io.guichet.core.port.Tx;
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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The technicians' side of the desk: every action on a ticket, each checked against the lifecycle and the
 * policy, audited with the technician's name and time, and mailed to the contact when the customer must know.
 */
public final class StaffDesk {

    private static final Logger LOG = LoggerFactory.getLogger(StaffDesk.class);
    private static final int MAX_TEXT = 20_000;

    private final DeskPorts ports;
    private final IntakeRules intake;

    public StaffDesk(DeskPorts ports) {
        this.ports = ports;
        this.intake = new IntakeRules(ports.policy());
    }

    /** Handles {@code command} in a transaction of its own; a refusal is recorded in one of its own. */
    public StaffOutcome handle(StaffCommand command) {
        return handled(command, this::recordAlone, ignored -> {
            try {
                return ports.inTransaction(desk -> act(desk, command));
            } catch (RolledBack rolledBack) {
                return rolledBack.change();
            }
        });
    }

    /**
     * Handles {@code command} in the caller's transaction {@code tx}, a refusal recorded in it too (no second
     * connection is taken while the caller holds one). On a {@link ConcurrentChange} part of the change may have been
     * written: the caller rolls its transaction back, the record of the refusal with it.
     */
    public StaffOutcome handle(Tx tx, StaffCommand command) {
        DeskContext desk = ports.in(tx);
        return handled(command, refusal -> desk.audit().append(refusal), ignored -> {
            try {
                return act(desk, command);
            } catch (RolledBack rolledBack) {
                return rolledBack.change();
            }
        });
    }

    private StaffOutcome handled(StaffCommand command, Consumer<AuditEvent> record,
                                 Function<StaffCommand, StaffOutcome> work) {
        Optional<Problem> bad = checkText(command);
        StaffOutcome outcome = bad.isPresent() ? StaffOutcome.Refused.of(bad.get()) : work.apply(command);
        String name = command.getClass().getSimpleName();
        String subject = "ticket " + command.ticket();
        switch (outcome) {
            case StaffOutcome.Done done -> LOG.info("ticket {}: {} by {}", done.ticket().number(), name,
                    command.by().label());
            case StaffOutcome.Refused refused -> record.accept(refusal(command.by(), name, subject, refused.problems()));
            case ConcurrentChange change -> record.accept(refusal(command.by(), name, subject, List.of(change.problem())));
        }
        return outcome;
    }

    private StaffOutcome act(DeskContext desk, StaffCommand command) {
        Optional<Ticket> found = desk.tickets().find(command.ticket());
        if (found.isEmpty()) {
            return StaffOutcome.Refused.of(Problem.notFound("ticket", "There is no ticket " + command.ticket() + "."));
        }
        return new Act(desk).apply(command, found.get());
    }

    /**
     * Records a refused staff command in the audit trail (and the log): refused here, or by a console before it
     * reached the desk (no role, a bad argument). {@code subject} names what it was about.
     */
    public void refused(Actor.Staff by, String command, String subject, List<Problem> problems) {
        recordAlone(refusal(by, command, subject, problems));
    }

    private void recordAlone(AuditEvent refusal) {
        ports.run(desk -> desk.audit().append(refusal));
    }

    private AuditEvent refusal(Actor.Staff by, String command, String subject, List<Problem> problems) {
        String detail = command + ": " + problems.stream().map(Problem::detail).reduce((a, b) -> a + " " + b).orElse("");
        LOG.info("{}: {} by {} refused: {}", subject, command, by.label(),
                problems.stream().map(p -> p.code().toString()).toList());
        return new AuditEvent(ports.clock().instant(), by, AuditKind.COMMAND_REFUSED, subject, detail);
    }

    /** One command's work inside its transaction. */
    private final class Act {

        private final DeskContext desk;
        private final TicketChanges changes;

        private Act(DeskContext desk) {
            this.desk = desk;
            this.changes = new TicketChanges(desk);
        }

        private StaffOutcome apply(StaffCommand command, Ticket ticket) {
            Instant now = ports.clock().instant();
            Actor actor = command.by();
            return switch (command) {
                case StaffCommand.Claim c -> claim(ticket, c, now);
                case StaffCommand.Unclaim u -> transition(ticket, new Transition.Unclaim(), actor, now,
                        "Ticket " + ticket.number() + " is back in the queue.");
                case StaffCommand.Assign a -> assign(ticket, a, now);
                case StaffCommand.Reopen r -> reopen(ticket, r, now);
                case StaffCommand.Reply r -> reply(ticket, r.by(), r.text(), false, now, r.attachments());
                case StaffCommand.Ask a -> reply(ticket, a.by(), a.text(), true, now, List.of());
                case StaffCommand.Note n -> fact(ticket, actor, now, EventKind.NOTE, n.text(),
                        "Note added to ticket " + ticket.number() + " (not sent to the customer).");
                case StaffCommand.ChangeSeverity s -> changeSeverity(ticket, s, now);
                case StaffCommand.Hold h -> hold(ticket, h, now);
                case StaffCommand.LowerUpdateFrequency l -> lowerUpdateFrequency(ticket, l, now);
                case StaffCommand.Resume r -> transition(ticket, new Transition.Resume(), actor, now,
                        "Ticket " + ticket.number() + " resumed.");
                case StaffCommand.Resolve r -> resolve(ticket, r, now, "");
                case StaffCommand.Decline d -> decline(ticket, d, now);
                case StaffCommand.Escalate e -> escalate(ticket, e, now);
                case StaffCommand.RecordServerAccess a -> serverAccess(ticket, a, now);
                case StaffCommand.RecordCall c -> call(ticket, c, now);
            };
        }

        private StaffOutcome transition(Ticket ticket, Transition transition, Actor actor, Instant now, String summary) {
            return switch (Lifecycle.apply(ticket, transition, actor, now)) {
                case TransitionResult.Refused refused -> StaffOutcome.Refused.of(refused.problem());
                case TransitionResult.Applied applied -> {
                    Ticket moved = applied.ticket();
                    if (transition instanceof Transition.Resume) {
                        moved = moved.withDue(changes.customerWrote(moved, now), now);
                    }
                    yield saved(ticket, moved, List.of(applied.event()), summary);
                }
            };
        }

        private StaffOutcome reply(Ticket ticket, Actor.Staff by, String text, boolean question, Instant now,
                                   List<io.guichet.core.mail.MailAttachment> attachments) {
            if (!ticket.status().active()) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + ": replies go to active tickets only; the customer may reopen it by answering."));
            }
            List<TicketEvent> events = new ArrayList<>();
            events.add(TicketEvent.fact(ticket.id(), now, by, EventKind.STAFF_REPLY, excerpt(text)));
            Ticket changed = ticket.withDue(changes.answered(ticket, now), now);
            if (question) {
                switch (Lifecycle.apply(changed, new Transition.AskCustomer(), by, now)) {
                    case TransitionResult.Refused refused -> {
                        return StaffOutcome.Refused.of(refused.problem());
                    }
                    case TransitionResult.Applied applied -> {
                        events.add(applied.event());
                        changed = applied.ticket().withDue(changes.paused(applied.ticket()), now);
                    }
                }
            } else if (changed.status() == io.guichet.core.ticket.TicketStatus.OPEN) {
                switch (Lifecycle.apply(changed, new Transition.Claim(by), by, now)) {
                    case TransitionResult.Refused refused -> {
                    }
                    case TransitionResult.Applied applied -> {
                        events.add(applied.event());
                        changed = applied.ticket();
                    }
                }
            }
            StaffOutcome outcome = saved(ticket, changed, events, question
                    ? "Question mailed to the customer of ticket " + ticket.number() + "; waiting on the customer."
                    : "Reply mailed to the customer of ticket " + ticket.number() + ".");
            if (outcome instanceof StaffOutcome.Done done) {
                desk.messenger().tell(new CustomerNotice.StaffReply(recipient(done.ticket()), done.ticket(), by.name(), text,
                        question, attachments));
            }
            return outcome;
        }

        private StaffOutcome changeSeverity(Ticket ticket, StaffCommand.ChangeSeverity command, Instant now) {
            if (command.reason().isBlank()) {
                return StaffOutcome.Refused.of(Problem.missing("reason",
                        "A severity change needs a reason (R6, R11, R17): say why in a sentence."));
            }
            if (!ticket.status().active()) {
                return StaffOutcome.Refused.of(Problem.conflict("status",
                        "Ticket " + ticket.number() + " is " + ticket.status() + ": its severity can no longer change."));
            }
            Optional<Severity> from = ticket.severity();
            if (from.filter(command.to()::equals).isPresent()) {
                return StaffOutcome.Refused.of(Problem.conflict("severity",
                        "Ticket " + ticket.number() + " is already severity " + command.to().level() + "."));
            }
            Ticket changed = ticket.withFields(ticket.fields().withSeverity(command.to()), now);
            changed = changed.withDue(changes.retimed(changed, command.to(), now), now);
            List<TicketEvent> events = new ArrayList<>();
            events.add(TicketEvent.fact(ticket.id(), now, command.by(), EventKind.SEVERITY_CHANGED,
                    from.map(s -> String.valueOf(s.level())).orElse("none") + " -> " + command.to().level() + ": "
                            + command.reason()));
            boolean becomesOne = command.to() == Severity.S1 && !ticket.escalated();
            if (becomesOne) {
                changed = changed.escalatedAt(now);
                events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                        "R18: severity 1 escalates automatically"));
            }
            StaffOutcome outcome = saved(ticket, changed, events, "Ticket " + ticket.number() + " is now severity "
                    + command.to().level() + ".");
            if (outcome instanceof StaffOutcome.Done done && from.isPresent()) {
                desk.messenger().tell(new CustomerNotice.SeverityChanged(recipient(done.ticket()), done.ticket(), from.get(),
                        command.to(), command.reason()));
                if (command.to().level() > from.get().level()) {
                    desk.staff().post(new StaffNotice.Downgraded(done.ticket(), from.get(), command.to(), command.reason()));
                }
                if (becomesOne) {
                    desk.staff().post(new StaffNotice.Escalation(done.ticket(), "raised to severity 1"));
                }
            }
            return outcome;
        }

        /**
         * R17: the ticket is updated less often, its severity unchanged: the interval must be longer than the current one,
         * the reason is required and audited, and the next update is re-planned from now.
         */
        private StaffOutcome lowerUpdateFrequency(Ticket ticket, StaffCommand.LowerUpdateFrequency command, Instant now) {
            if (command.reason().isBlank()) {
                return StaffOutcome.Refused.of(Problem.missing("reason",
                        "Lowering the update frequency needs a reason (R17): say why, e.g. the contact is not available."));
            }
            if (!ticket.status().active() || ticket.severity().isEmpty()) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + (ticket.severity().isEmpty() ? " without a severity" : "")
                        + ": only an active ticket with a severity has an update frequency."));
            }
            Severity severity = ticket.severity().get();
            java.time.Duration current = changes.updateInterval(ticket, severity);
            if (command.every().compareTo(current) <= 0) {
                return StaffOutcome.Refused.of(Problem.invalid("every", "Ticket " + ticket.number() + " is updated every "
                        + current + " (severity " + severity.level() + "); lowering the frequency needs a longer interval. "
                        + "To update it more often, raise its severity (/ticket severity)."));
            }
            Ticket changed = ticket.withDue(changes.everyLonger(ticket, severity, command.every(), now), now);
            StaffOutcome outcome = saved(ticket, changed, List.of(TicketEvent.fact(ticket.id(), now, command.by(),
                    EventKind.UPDATE_INTERVAL_CHANGED, "R17: updates every " + command.every() + " instead of " + current
                            + ", severity " + severity.level() + " kept: " + command.reason())),
                    "Ticket " + ticket.number() + " is now updated every " + command.every() + " (was " + current
                            + "), still severity " + severity.level() + " (R17).");
            if (outcome instanceof StaffOutcome.Done done) {
                desk.messenger().tell(new CustomerNotice.UpdateFrequencyLowered(recipient(done.ticket()), done.ticket(),
                        current, command.every(), command.reason()));
            }
            return outcome;
        }

        private StaffOutcome hold(Ticket ticket, StaffCommand.Hold command, Instant now) {
            if (command.text().isBlank()) {
                return StaffOutcome.Refused.of(Problem.missing("text",
                        "Putting a ticket on hold (R9) needs the hardware or OS change the customer must make."));
            }
            return switch (Lifecycle.apply(ticket, new Transition.PutOnHold(), command.by(), now)) {
                case TransitionResult.Refused refused -> StaffOutcome.Refused.of(refused.problem());
                case TransitionResult.Applied applied -> {
                    Ticket held = applied.ticket().withDue(changes.paused(applied.ticket()), now);
                    StaffOutcome outcome = saved(ticket, held, List.of(applied.event()),
                            "Ticket " + ticket.number() + " is on hold until the customer fixes the cause (R9).");
                    if (outcome instanceof StaffOutcome.Done done) {
                        desk.messenger().tell(new CustomerNotice.OnHold(recipient(done.ticket()), done.ticket(), command.text()));
                    }
                    yield outcome;
                }
            };
        }

        /**
         * R21, R3: declining a request at intake, before anyone works on it, for an exclusion or as outside support; a
         * ticket already worked is resolved with the same reason instead ({@code /ticket resolve}).
         */
        private StaffOutcome decline(Ticket ticket, StaffCommand.Decline command, Instant now) {
            if (!command.reason().declines()) {
                return StaffOutcome.Refused.of(Problem.invalid("reason", "A request is declined for an exclusion (R21) or "
                        + "as outside technical support (R3): " + ResolutionReason.acceptedForDecline() + ". '"
                        + command.reason().code() + "' is a reason to resolve a ticket: /ticket resolve."));
            }
            if (ticket.status() != TicketStatus.AWAITING_INFO && ticket.status() != TicketStatus.OPEN) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + ": a request is declined at intake (AWAITING_INFO or OPEN); resolve it with "
                        + "the same reason instead (/ticket resolve reason:" + command.reason().code() + ")."));
            }
            return resolve(ticket, new StaffCommand.Resolve(command.by(), command.ticket(), command.reason(),
                    command.text()), now, "declined at intake: ");
        }

        private StaffOutcome resolve(Ticket ticket, StaffCommand.Resolve command, Instant now, String declined) {
            return switch (Lifecycle.apply(ticket, new Transition.Resolve(command.reason()), command.by(), now)) {
                case TransitionResult.Refused refused -> StaffOutcome.Refused.of(refused.problem());
                case TransitionResult.Applied applied -> {
                    // R12: the root cause, when known, is recorded with the resolution event
                    TicketEvent event = new TicketEvent(applied.event().ticketId(),
                            applied.event().at(), applied.event().actor(), applied.event().kind(), applied.event().from(),
                            applied.event().to(), declined + applied.event().detail()
                            + command.rootCause().map(cause -> "; root cause: " + cause).orElse(""));
                    StaffOutcome outcome = saved(ticket, applied.ticket(), List.of(event),
                            "Ticket " + ticket.number() + (declined.isEmpty() ? " resolved: " : " declined: ")
                                    + command.reason().code() + " ("
                                    + command.reason().rule() + ")"
                                    + command.rootCause().map(c -> "; root cause recorded").orElse("") + ".");
                    if (outcome instanceof StaffOutcome.Done done) {
                        Account account = desk.contacts().account(done.ticket().accountId()).orElseThrow();
                        desk.messenger().tell(new CustomerNotice.Resolved(recipient(done.ticket()), done.ticket(),
                                command.reason(), command.text(), account.manager(), command.by(), command.rootCause()));
                    }
                    yield outcome;
                }
            };
        }

        /**
         * A ticket someone else holds is taken over only when asked on purpose ({@link StaffCommand.Claim#takeOver()}): a
         * click on a Claim button in a list that was already stale never takes a colleague's ticket silently.
         */
        private StaffOutcome claim(Ticket ticket, StaffCommand.Claim command, Instant now) {
            Optional<Actor.Staff> holder = ticket.assignee().filter(a -> !a.sameAs(command.by()));
            if (holder.isPresent() && !command.takeOver()) {
                return StaffOutcome.Refused.of(Problem.conflict("ticket", "Ticket " + ticket.number()
                        + " is already claimed by " + holder.get().name() + ". To take it over, claim it on purpose: "
                        + "/ticket claim ticket:" + ticket.number().value() + " (or guichet tickets claim "
                        + ticket.number().value() + ")."));
            }
            return transition(ticket, new Transition.Claim(command.by()), command.by(), now,
                    "You claimed ticket " + ticket.number() + ".");
        }

        /**
         * Gives an active ticket to {@code to} (or transfers it from its holder): the holder changes as a claim by
         * {@code to} would (an open ticket goes in progress), but the event is {@link EventKind#ASSIGNED}, by the
         * technician who assigned it, naming the new holder (and the one it was taken from); the ticket's thread is told.
         */
        private StaffOutcome assign(Ticket ticket, StaffCommand.Assign command, Instant now) {
            if (ticket.status() == TicketStatus.CLOSED) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number()
                        + " is closed for good (R13): it can no longer be assigned."));
            }
            if (!ticket.status().active()) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + ": only an active ticket is assigned; reopen it first (/ticket reopen ticket:"
                        + ticket.number().value() + ")."));
            }
            if (ticket.assignee().filter(command.to()::sameAs).isPresent()) {
                return StaffOutcome.Refused.of(Problem.conflict("technician", "Ticket " + ticket.number()
                        + " is already held by " + command.to().name() + "."));
            }
            return switch (Lifecycle.apply(ticket, new Transition.Claim(command.to()), command.by(), now)) {
                case TransitionResult.Refused refused -> StaffOutcome.Refused.of(refused.problem());
                case TransitionResult.Applied applied -> {
                    String detail = "to " + command.to().name() + " (" + command.to().id() + ")"
                            + ticket.assignee().map(previous -> ", taken over from " + previous.name()).orElse("");
                    TicketEvent event = new TicketEvent(ticket.id(), now, command.by(), EventKind.ASSIGNED,
                            applied.event().from(), applied.event().to(), detail);
                    yield saved(ticket, applied.ticket(), List.of(event), "Ticket " + ticket.number() + " assigned to "
                            + command.to().name() + ticket.assignee().map(p -> " (was " + p.name() + ")").orElse("") + ".");
                }
            };
        }

        /**
         * R13 by staff: a resolved ticket reopened by a technician, as a customer's reply within the window would reopen
         * it: back to its holder (in progress) or the queue, or, while required fields are still missing, back to awaiting
         * them (R5). The customer is not mailed (no message of theirs to acknowledge): the technician writes to them. A
         * closed ticket is closed for good: the customer's next mail about it opens a new ticket linked to it.
         */
        private StaffOutcome reopen(Ticket ticket, StaffCommand.Reopen command, Instant now) {
            if (ticket.status() == TicketStatus.CLOSED) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number()
                        + " is closed for good and cannot be reopened (R13): the customer's next mail about it opens a new "
                        + "ticket linked to this one."));
            }
            if (ticket.status() != TicketStatus.RESOLVED) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + ": only a resolved ticket is reopened."));
            }
            IntakeReport report = intake.evaluate(ticket.fields(), io.guichet.core.intake.IntakeDraft.empty());
            Transition transition = report.complete() ? new Transition.Reopen() : new Transition.ReopenAwaitingInfo();
            return switch (Lifecycle.apply(ticket, transition, command.by(), now)) {
                case TransitionResult.Refused refused -> StaffOutcome.Refused.of(refused.problem());
                case TransitionResult.Applied applied -> {
                    Ticket moved = applied.ticket();
                    moved = report.complete() ? moved.withDue(changes.customerWrote(moved, now), now)
                            : moved.withDue(changes.paused(moved), now);
                    TicketEvent event = new TicketEvent(ticket.id(), now, command.by(), EventKind.REOPENED,
                            applied.event().from(), applied.event().to(), "R13: reopened by staff"
                            + (applied.event().detail().isBlank() ? "" : "; " + applied.event().detail()));
                    yield saved(ticket, moved, List.of(event), "Ticket " + ticket.number() + " reopened"
                            + (report.complete() ? ", " + (moved.status() == TicketStatus.IN_PROGRESS
                            ? "in progress with " + moved.assignee().map(Actor.Staff::name).orElse("its holder")
                            : "back in the queue") + "."
                            : "; it waits for the missing fields (R5): " + report.missing().stream()
                            .map(f -> f.englishLabel()).toList() + ". Ask the customer for them (/ticket ask)."));
                }
            };
        }

        private StaffOutcome escalate(Ticket ticket, StaffCommand.Escalate command, Instant now) {
            if (!ticket.status().active()) {
                return StaffOutcome.Refused.of(Problem.conflict("status",
                        "Ticket " + ticket.number() + " is " + ticket.status() + ": only active tickets are escalated."));
            }
            if (ticket.escalated()) {
                return StaffOutcome.Refused.of(Problem.conflict("ticket", "Ticket " + ticket.number() + " is already escalated."));
            }
            String reason = command.reason().isBlank() ? "escalated by " + command.by().name() : command.reason();
            StaffOutcome outcome = saved(ticket, ticket.escalatedAt(now), List.of(TicketEvent.fact(ticket.id(), now,
                    command.by(), EventKind.ESCALATED, "R18: " + reason)), "Ticket " + ticket.number() + " escalated (R18).");
            if (outcome instanceof StaffOutcome.Done done) {
                desk.staff().post(new StaffNotice.Escalation(done.ticket(), reason));
                desk.messenger().tell(new CustomerNotice.Escalated(recipient(done.ticket()), done.ticket()));
            }
            return outcome;
        }

        /**
         * A phone call with the customer: recorded in the history, it is a response (R15: the first response when none was
         * given; R16: the next update is due one interval later). Fields given during the call fill the ticket's (checked
         * as in a mail; an invalid value refuses the whole record, so the technician corrects it); a ticket waiting for
         * its fields joins the work when they are complete (R5), and a ticket waiting on the customer has its answer.
         */
        private StaffOutcome call(Ticket ticket, StaffCommand.RecordCall command, Instant now) {
            if (!ticket.status().active()) {
                return StaffOutcome.Refused.of(Problem.conflict("status", "Ticket " + ticket.number() + " is "
                        + ticket.status() + ": calls are recorded on active tickets only; the customer may reopen it by "
                        + "answering its last mail."));
            }
            Actor.Staff by = command.by();
            IntakeReport report = intake.evaluate(ticket.fields(), command.fields());
            List<Problem> invalid = report.problems().stream().filter(p -> p.code() != io.guichet.core.ProblemCode.MISSING)
                    .toList();
            if (!invalid.isEmpty()) {
                return new StaffOutcome.Refused(invalid);
            }
            List<TicketEvent> events = new ArrayList<>();
            events.add(TicketEvent.fact(ticket.id(), now, by, EventKind.PHONE_CALL, excerpt(command.summary())));
            Ticket changed = ticket.withFields(report.accepted(), now);
            if (!changed.fields().equals(ticket.fields())) {
                events.add(TicketEvent.fact(ticket.id(), now, by, EventKind.FIELDS_UPDATED, "intake fields given by phone"));
            }
            boolean becomesOne = false;
            if (changed.status() == TicketStatus.AWAITING_INFO) {
                if (!report.complete()) {
                    StaffOutcome outcome = saved(ticket, changed, events, "Call recorded on ticket " + ticket.number()
                            + "; still missing: " + report.missing().stream().map(f -> f.englishLabel()).toList() + " (R5).");
                    return outcome;
                }
                changed = applied(changed, new Transition.CompleteIntake(), by, now, events);
                Severity severity = changed.severity().orElseThrow();
                changed = changed.withDue(changes.firstResponseDue(severity, now), now);
                becomesOne = severity == Severity.S1 && !changed.escalated();
            } else if (changed.status() == TicketStatus.WAITING_ON_CUSTOMER) {
                changed = applied(changed, new Transition.CustomerReplied(), by, now, events);
            }
            if (changed.status() == TicketStatus.OPEN) {
                changed = applied(changed, new Transition.Claim(by), by, now, events);
            }
            if (becomesOne) {
                changed = changed.escalatedAt(now);
                events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                        "R18: severity 1 escalates automatically"));
            }
            changed = changed.withDue(changes.answered(changed, now), now);
            StaffOutcome outcome = saved(ticket, changed, events, "Call recorded on ticket " + ticket.number()
                    + ": it counts as a response (R15, R16).");
            if (becomesOne && outcome instanceof StaffOutcome.Done done) {
                desk.staff().post(new StaffNotice.NewSeverityOne(done.ticket()));
            }
            return outcome;
        }

        private static Ticket applied(Ticket ticket, Transition transition, Actor actor, Instant now,
                                      List<TicketEvent> events) {
            return switch (Lifecycle.apply(ticket, transition, actor, now)) {
                case TransitionResult.Applied applied -> {
                    events.add(applied.event());
                    yield applied.ticket();
                }
                case TransitionResult.Refused refused ->
                        throw new IllegalStateException("lifecycle refused a move after a call: " + refused.problem().detail());
            };
        }

        /** R7: the access is logged with the technician, date and time, and the customer is told of it. */
        private StaffOutcome serverAccess(Ticket ticket, StaffCommand.RecordServerAccess command, Instant now) {
            String detail = command.detail().isBlank() ? "server accessed" : command.detail();
            StaffOutcome outcome = fact(ticket, command.by(), now, EventKind.SERVER_ACCESS, detail,
                    "Server access by " + command.by().name() + " at " + now + " recorded on ticket " + ticket.number()
                            + " and shown to the customer (R7).");
            if (outcome instanceof StaffOutcome.Done done) {
                desk.messenger().tell(new CustomerNotice.ServerAccessed(recipient(done.ticket()), done.ticket(),
                        command.by().name(), now, detail));
            }
            return outcome;
        }

        private StaffOutcome fact(Ticket ticket, Actor actor, Instant now, EventKind kind, String detail, String summary) {
            Ticket touched = ticket.withDue(ticket.due(), now);
            return saved(ticket, touched, List.of(TicketEvent.fact(ticket.id(), now, actor, kind, detail)), summary);
        }

        private StaffOutcome saved(Ticket before, Ticket changed, List<TicketEvent> events, String summary) {
            Ticket saved = changes.save(changed, events)
                    .orElseThrow(() -> new RolledBack(new ConcurrentChange(before.number())));
            return new StaffOutcome.Done(saved, summary);
        }

        private Recipient recipient(Ticket ticket) {
            Contact contact = desk.contacts().contact(ticket.contactId()).orElseThrow();
            return Recipient.of(contact);
        }
    }

    private static Optional<Problem> checkText(StaffCommand command) {
        String text = switch (command) {
            case StaffCommand.Reply r -> r.text();
            case StaffCommand.Ask a -> a.text();
            case StaffCommand.Note n -> n.text();
            case StaffCommand.ChangeSeverity s -> s.reason();
            case StaffCommand.Hold h -> h.text();
            case StaffCommand.LowerUpdateFrequency l -> l.reason();
            case StaffCommand.Resolve r -> r.text();
            case StaffCommand.Decline d -> d.text();
            case StaffCommand.Escalate e -> e.reason();
            case StaffCommand.RecordServerAccess a -> a.detail();
            case StaffCommand.RecordCall c -> c.summary();
            case StaffCommand.Claim c -> "";
            case StaffCommand.Unclaim u -> "";
            case StaffCommand.Resume r -> "";
            case StaffCommand.Assign a -> "";
            case StaffCommand.Reopen r -> "";
        };
        boolean needsText = command instanceof StaffCommand.Reply || command instanceof StaffCommand.Ask
                || command instanceof StaffCommand.Note || command instanceof StaffCommand.RecordCall;
        if (needsText && text.isBlank()) {
            return Optional.of(Problem.missing("text", command instanceof StaffCommand.RecordCall
                    ? "Say in a sentence what the call was about: it goes in the ticket's history."
                    : "The message is empty: write what the "
                    + (command instanceof StaffCommand.Note ? "note" : "customer") + " should read."));
        }
        if (text.length() > MAX_TEXT) {
            return Optional.of(Problem.invalid("text", "The text is " + text.length() + " characters long; at most "
                    + MAX_TEXT + " are accepted."));
        }
        if (command instanceof StaffCommand.Resolve r && r.rootCause().filter(c -> c.length() > MAX_TEXT).isPresent()) {
            return Optional.of(Problem.invalid("root-cause", "The root cause is " + r.rootCause().get().length()
                    + " characters long; at most " + MAX_TEXT + " are accepted."));
        }
        return Optional.empty();
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 497) + "...";
    }
}
