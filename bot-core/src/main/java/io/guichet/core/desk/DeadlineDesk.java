package io.guichet.core.desk;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountId;
import io.guichet.core.account.Contact;
import io.guichet.core.account.ContactId;
import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.deadline.DeadlinePlan;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Lifecycle;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.ticket.Transition;
import io.guichet.core.ticket.TransitionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies deadlines that fell due: reminders and the automatic resolution (R12a), closure after the reopen window
 * (R13), response-target breaches (R15, R16, R18) and the severity-1 answer timeout (R11, R17). Before acting it
 * checks that the deadline is still pending and re-derives the ticket's plan from the ticket as it is now, so a late
 * or repeated firing changes nothing; the ticket is saved with a conditional update (row version), so of two racing
 * firings, or of a customer reply racing a firing, exactly one wins and the other writes nothing.
 *
 * <p>{@link #fireAll} applies several deadlines in one transaction with a few statements for all of them (the
 * tickets and their deadline rows read at once, the conditional updates sent together, events, marks and mails
 * written together): a sweep of many due deadlines then costs a few round trips and one commit per group rather
 * than some fifteen statements and a commit each. Staff notices go to the staff outbox in the same transaction, delivered after it commits.
 */
public final class DeadlineDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineDesk.class);

    private final DeskPorts ports;
    private final DeadlinePlan plan;

    public DeadlineDesk(DeskPorts ports) {
        this.ports = ports;
        this.plan = new DeadlinePlan(ports.policy());
    }

    /** Applies one deadline in a transaction of its own. */
    public FireOutcome fire(Deadline deadline) {
        return fireAll(List.of(deadline)).get(0);
    }

    /**
     * Applies {@code deadlines} in one transaction; the outcomes are in their order. Deadlines of one ticket are
     * applied in the given order, each on the ticket as the previous one left it. Any exception rolls back all of
     * them, and nothing was told to anyone: the caller may then apply them one by one, so that one bad deadline
     * fails alone ({@link DeadlineSweep} does).
     */
    public List<FireOutcome> fireAll(List<Deadline> deadlines) {
        if (deadlines.isEmpty()) {
            return List.of();
        }
        List<FireOutcome> outcomes = ports.inTransaction(desk -> {
            List<StaffNotice> staff = new ArrayList<>();
            List<FireOutcome> applied = new Fire(desk).applyAll(deadlines, staff);
            desk.staff().postAll(staff);
            return applied;
        });
        for (int i = 0; i < outcomes.size(); i++) {
            log(deadlines.get(i), outcomes.get(i));
        }
        return List.copyOf(outcomes);
    }

    private static void log(Deadline deadline, FireOutcome outcome) {
        switch (outcome) {
            case FireOutcome.Applied applied -> LOG.info("ticket {}: deadline {} ({}) applied: {}",
                    applied.ticket().number(), deadline.kind(), deadline.kind().rule(), applied.summary());
            case FireOutcome.Stale stale -> LOG.debug("deadline {} of ticket id {} not applied: {}", deadline.kind(),
                    deadline.ticket().value(), stale.reason());
            case FireOutcome.Raced raced -> LOG.info("ticket {}: deadline {} raced a concurrent change; retried later",
                    raced.ticket().number(), deadline.kind());
        }
    }

    /** One transaction's deadlines. */
    private final class Fire {

        private final DeskContext desk;
        private final TicketChanges changes;

        private Fire(DeskContext desk) {
            this.desk = desk;
            this.changes = new TicketChanges(desk);
        }

        /** In rounds of distinct tickets: a ticket's second deadline is applied in the round after its first. */
        private List<FireOutcome> applyAll(List<Deadline> deadlines, List<StaffNotice> staff) {
            List<FireOutcome> outcomes = new ArrayList<>(Collections.nCopies(deadlines.size(), null));
            Instant now = ports.clock().instant();
            List<Integer> left = new ArrayList<>();
            for (int i = 0; i < deadlines.size(); i++) {
                left.add(i);
            }
            while (!left.isEmpty()) {
                List<Integer> round = new ArrayList<>();
                Set<TicketId> inRound = new HashSet<>();
                for (int i : left) {
                    if (inRound.add(deadlines.get(i).ticket())) {
                        round.add(i);
                    }
                }
                applyRound(deadlines, round, now, outcomes, staff);
                left.removeAll(round);
            }
            return outcomes;
        }

        /**
         * One round: reads the tickets and their deadline rows, decides each deadline, saves the changes (conditional
         * updates), writes events, re-plans and marks, then the notices.
         */
        private void applyRound(List<Deadline> deadlines, List<Integer> round, Instant now, List<FireOutcome> outcomes,
                                List<StaffNotice> staff) {
            List<Integer> due = new ArrayList<>();
            for (int i : round) {
                Deadline deadline = deadlines.get(i);
                if (deadline.dueAt().isAfter(now)) {
                    outcomes.set(i, new FireOutcome.Stale("not due before " + deadline.dueAt()));
                } else {
                    due.add(i);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            List<ToSave> changed = decideAll(deadlines, due, now, outcomes);
            if (changed.isEmpty()) {
                return;
            }
            List<Saved> won = save(changed, outcomes);
            if (won.isEmpty()) {
                return;
            }
            desk.tickets().append(won.stream().flatMap(w -> w.change().decision().events().stream()).toList());
            desk.staff().postAll(won.stream()
                    .flatMap(w -> ThreadPosts.of(w.ticket(), w.change().decision().events()).stream()).toList());
            for (Saved w : won) {
                changes.replan(w.ticket(), w.change().stored());
            }
            desk.deadlines().markFired(won.stream().map(w -> w.change().deadline()).toList(), now);
            tell(won, outcomes, staff);
        }

        /** Reads the tickets and their deadline rows, and decides what each due deadline does. */
        private List<ToSave> decideAll(List<Deadline> deadlines, List<Integer> due, Instant now, List<FireOutcome> outcomes) {
            Set<TicketId> ids = due.stream().map(i -> deadlines.get(i).ticket()).collect(Collectors.toCollection(LinkedHashSet::new));
            // the tickets first, then their deadlines: see DeadlineStore.ofTickets
            Map<TicketId, Ticket> tickets = desk.tickets().findAll(ids);
            Map<TicketId, List<Deadline>> stored = desk.deadlines().ofTickets(ids).stream()
                    .collect(Collectors.groupingBy(Deadline::ticket));
            List<ToSave> changed = new ArrayList<>();
            for (int i : due) {
                Deadline deadline = deadlines.get(i);
                List<Deadline> rows = stored.getOrDefault(deadline.ticket(), List.of());
                Decision decision = check(deadline, tickets.get(deadline.ticket()), rows, now);
                switch (decision) {
                    case Decision.Skip skip -> outcomes.set(i, skip.stale());
                    case Decision.Change change ->
                            changed.add(new ToSave(i, deadline, tickets.get(deadline.ticket()), change, rows));
                }
            }
            return changed;
        }

        /** Whether the deadline still stands (pending, implied by the ticket as it is now), and what it does. */
        private Decision check(Deadline deadline, Ticket ticket, List<Deadline> rows, Instant now) {
            if (ticket == null) {
                return new Decision.Skip(new FireOutcome.Stale("no such ticket"));
            }
            if (rows.stream().noneMatch(d -> d.pending() && d.planned().equals(deadline.planned()))) {
                return new Decision.Skip(new FireOutcome.Stale("already applied, re-timed or cancelled"));
            }
            if (!plan.of(ticket).contains(deadline.planned())) {
                return new Decision.Skip(new FireOutcome.Stale("ticket " + ticket.number() + " is " + ticket.status()
                        + " and no longer implies it"));
            }
            return decide(deadline, ticket, now);
        }

        /** The conditional updates, sent together; a ticket changed by someone else since its read is raced. */
        private List<Saved> save(List<ToSave> changed, List<FireOutcome> outcomes) {
            List<Optional<Ticket>> saved = desk.tickets().updateAll(changed.stream().map(c -> c.decision().changed()).toList());
            List<Saved> won = new ArrayList<>();
            for (int k = 0; k < changed.size(); k++) {
                ToSave c = changed.get(k);
                if (saved.get(k).isEmpty()) {
                    outcomes.set(c.index(), new FireOutcome.Raced(c.before()));
                } else {
                    won.add(new Saved(c, saved.get(k).get()));
                }
            }
            return won;
        }

        /** Customer notices to the outbox, together; staff notices collected for the staff outbox. */
        private void tell(List<Saved> won, List<FireOutcome> outcomes, List<StaffNotice> staff) {
            Notices notices = new Notices(
                    desk.contacts().contactsById(won.stream().map(w -> w.ticket().contactId()).collect(Collectors.toSet())),
                    accountsOf(won), staff);
            for (Saved w : won) {
                w.change().decision().effects().after(w.ticket(), notices);
                outcomes.set(w.change().index(), new FireOutcome.Applied(w.ticket(), w.change().decision().summary()));
            }
            desk.messenger().tellAll(notices.customers);
        }

        /** The accounts the notices of this round name (the automatic resolution names the account manager, R3). */
        private Map<AccountId, Account> accountsOf(List<Saved> won) {
            Set<AccountId> ids = won.stream().filter(w -> w.change().deadline().kind() == DeadlineKind.AUTO_RESOLVE)
                    .map(w -> w.ticket().accountId()).collect(Collectors.toSet());
            return ids.isEmpty() ? Map.of() : desk.contacts().accountsById(ids);
        }

        private Decision decide(Deadline deadline, Ticket ticket, Instant now) {
            return switch (deadline.kind()) {
                case REMINDER -> remind(ticket, deadline.step() + 1, now);
                case AUTO_RESOLVE -> autoResolve(ticket, now);
                case CLOSE -> close(ticket, now);
                case FIRST_RESPONSE_TARGET -> breach(ticket, "first response (R15)", now);
                case UPDATE_TARGET -> breach(ticket, "next update (R16)", now);
                case SEVERITY_ONE_ANSWER -> deadline.step() == 0 ? askAvailable(ticket, now) : downgrade(ticket, now);
            };
        }

        /** R12a: the customer is reminded; saved (touched) so a racing customer reply and the reminder serialise. */
        private Decision remind(Ticket ticket, int number, Instant now) {
            List<TicketEvent> events = List.of(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.REMINDER_SENT,
                    "R12a: reminder " + number));
            return new Decision.Change(ticket.withDue(ticket.due(), now), events, "reminder " + number, (saved, out) -> {
                Instant resolvesAt = saved.statusSince().plus(ports.policy().autoResolveAfter());
                out.tell(new CustomerNotice.Reminder(out.recipient(saved), saved, number, resolvesAt,
                        saved.status() == TicketStatus.AWAITING_INFO));
            });
        }

        /** R12a: no answer after the configured time: resolved with reason NO_RESPONSE. */
        private Decision autoResolve(Ticket ticket, Instant now) {
            return transition(ticket, new Transition.Resolve(ResolutionReason.NO_RESPONSE), now, "resolved (R12a)",
                    (saved, out) -> out.tell(new CustomerNotice.Resolved(out.recipient(saved), saved,
                            ResolutionReason.NO_RESPONSE, "", out.account(saved.accountId()).manager(), Actor.SYSTEM)));
        }

        /** R13: the reopen window ended: closed for good, with a final notice; the staff's log gets its transcript. */
        private Decision close(Ticket ticket, Instant now) {
            return transition(ticket, new Transition.Close(), now, "closed for good (R13)",
                    (saved, out) -> {
                        out.tell(new CustomerNotice.Closed(out.recipient(saved), saved));
                        out.notify(new StaffNotice.Transcript(saved));
                    });
        }

        /** R15, R16, R18: a response target was missed: the ticket is escalated (once) and the staff told. */
        private Decision breach(Ticket ticket, String target, Instant now) {
            List<TicketEvent> events = new ArrayList<>();
            events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.TARGET_BREACHED, target + " target missed"));
            boolean escalates = !ticket.escalated();
            Ticket changed = ticket.withDue(ticket.due(), now);
            if (escalates) {
                changed = changed.escalatedAt(now);
                events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                        "R18: " + target + " target missed"));
            }
            return new Decision.Change(changed, events, target + " target missed", (saved, out) -> {
                out.notify(new StaffNotice.TargetBreached(saved, target));
                if (escalates) {
                    out.notify(new StaffNotice.Escalation(saved, target + " target missed"));
                    out.tell(new CustomerNotice.Escalated(out.recipient(saved), saved));
                }
            });
        }

        /**
         * R11: the submitter did not answer a severity-1 question in time: the account's always-available contacts (other
         * than the submitter) are asked too, and the ticket is lowered one timeout later if nobody answers; with none
         * designated, it is lowered now.
         */
        private Decision askAvailable(Ticket ticket, Instant now) {
            List<Contact> available = availableOthers(ticket);
            if (available.isEmpty()) {
                return downgrade(ticket, now, ports.policy().severityOneAnswerTimeout(), List.of());
            }
            Duration timeout = ports.policy().severityOneAnswerTimeout();
            String names = available.stream().map(Contact::name).collect(Collectors.joining(", "));
            List<TicketEvent> events = List.of(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.NOTE,
                    "R11: no answer from the submitter within " + timeout + "; asked the always-available contacts: "
                            + names));
            // recorded on the ticket: never asked twice (a restart replans from it), lowered one timeout after this
            return new Decision.Change(ticket.availabilityAsked(now), events, "always-available contacts asked (R11)",
                    (saved, out) -> available.forEach(contact -> out.tell(new CustomerNotice.AvailabilityRequest(
                            Recipient.of(contact), saved, now.plus(timeout)))));
        }

        /**
         * R11, R17: the ticket's severity-1 question is still unanswered one timeout after the contacts were asked; the
         * wait told is from the question to the contacts' deadline.
         */
        private Decision downgrade(Ticket ticket, Instant now) {
            List<String> asked = availableOthers(ticket).stream().map(Contact::name).toList();
            Duration timeout = ports.policy().severityOneAnswerTimeout();
            Duration waited = ticket.availabilityAskedAt()
                    .map(at -> Duration.between(ticket.statusSince(), at).plus(timeout))
                    .orElse(asked.isEmpty() ? timeout : timeout.multipliedBy(2));
            return downgrade(ticket, now, waited, asked);
        }

        private List<Contact> availableOthers(Ticket ticket) {
            return desk.contacts().alwaysAvailable(ticket.accountId()).stream()
                    .filter(c -> !c.id().equals(ticket.contactId())).toList();
        }

        /**
         * R11, R17: nobody answered a severity-1 question in time: lowered to severity 2, response targets re-timed;
         * {@code alsoAsked} names the always-available contacts asked too, whom the mail mentions.
         */
        private Decision downgrade(Ticket ticket, Instant now, Duration waited, List<String> alsoAsked) {
            Severity from = ticket.severity().orElseThrow();
            Ticket changed = ticket.withFields(ticket.fields().withSeverity(Severity.S2), now);
            changed = changed.withDue(changes.retimed(changed, Severity.S2, now), now);
            String reason = "R11, R17: no authorized contact answered within " + waited
                    + (alsoAsked.isEmpty() ? "" : " (always-available contacts asked too: " + String.join(", ", alsoAsked) + ")");
            List<TicketEvent> events = List.of(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.SEVERITY_CHANGED,
                    from.level() + " -> 2: " + reason));
            return new Decision.Change(changed, events, "lowered to severity 2", (saved, out) -> {
                out.tell(new CustomerNotice.AutomaticDowngrade(out.recipient(saved), saved, from, Severity.S2, waited,
                        alsoAsked));
                out.notify(new StaffNotice.Downgraded(saved, from, Severity.S2, reason));
            });
        }

        private Decision transition(Ticket ticket, Transition transition, Instant now, String summary, Effects effects) {
            return switch (Lifecycle.apply(ticket, transition, Actor.SYSTEM, now)) {
                case TransitionResult.Refused refused -> new Decision.Skip(new FireOutcome.Stale(refused.problem().detail()));
                case TransitionResult.Applied applied ->
                        new Decision.Change(applied.ticket(), List.of(applied.event()), summary, effects);
            };
        }
    }

    /** What a due deadline does to its ticket, decided before anything is written. */
    private sealed interface Decision {

        /** Nothing to write. */
        record Skip(FireOutcome.Stale stale) implements Decision {
        }

        /** Save {@code changed} with {@code events}; once saved, tell whoever must hear of it. */
        record Change(Ticket changed, List<TicketEvent> events, String summary, Effects effects) implements Decision {
        }
    }

    /** Who hears of an applied deadline, from the ticket as saved. */
    @FunctionalInterface
    private interface Effects {
        void after(Ticket saved, Notices out);
    }

    /** A change to save for the deadline at {@code index}, with the ticket and its deadline rows as read. */
    private record ToSave(int index, Deadline deadline, Ticket before, Decision.Change decision, List<Deadline> stored) {
    }

    private record Saved(ToSave change, Ticket ticket) {
    }

    /** The notices of a round: customer notices go to the outbox together, staff notices to the staff outbox. */
    private static final class Notices {
        private final Map<ContactId, Contact> contacts;
        private final Map<AccountId, Account> accounts;
        private final List<StaffNotice> staff;
        private final List<CustomerNotice> customers = new ArrayList<>();

        private Notices(Map<ContactId, Contact> contacts, Map<AccountId, Account> accounts, List<StaffNotice> staff) {
            this.contacts = contacts;
            this.accounts = accounts;
            this.staff = staff;
        }

        Recipient recipient(Ticket ticket) {
            Contact contact = contacts.get(ticket.contactId());
            if (contact == null) {
                throw new IllegalStateException("ticket " + ticket.number() + ": its contact is missing");
            }
            return Recipient.of(contact);
        }

        Account account(AccountId id) {
            Account account = accounts.get(id);
            if (account == null) {
                throw new IllegalStateException("account " + id.value() + " is missing");
            }
            return account;
        }

        void tell(CustomerNotice notice) {
            customers.add(notice);
        }

        void notify(StaffNotice notice) {
            staff.add(notice);
        }
    }
}
