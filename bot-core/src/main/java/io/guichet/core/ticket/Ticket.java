package io.guichet.core.ticket;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.ContactId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A support ticket [dossier] (R2): its identity (id and number) and its parts, each a small value with its own
 * withers: who asked ({@link Requester}), what was asked ({@link Request}), where it stands ({@link State}), what is
 * due ({@link Due}) and when things happened ({@link Timeline}). Immutable: changes go through {@link Lifecycle} or
 * the {@code with...} methods and are saved with a conditional update on {@code rowVersion}. A ticket not yet stored
 * is a {@link NewTicket}: it has no id or number.
 *
 * <p>The short accessors ({@link #status()}, {@link #fields()}, {@link #createdAt()}...) read the parts.
 */
public record Ticket(TicketId id,
                     TicketNumber number,
                     Requester requester,
                     Request request,
                     State state,
                     Due due,
                     Timeline timeline,
                     int rowVersion) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** {@code ticket} as stored under {@code id} and {@code number}, at its first row version. */
    public static Ticket stored(TicketId id, TicketNumber number, NewTicket ticket) {
        return new Ticket(id, number, ticket.requester(), ticket.request(), ticket.state(), ticket.due(),
                ticket.timeline(), 0);
    }

    /**
     * Who asked: the account and contact, and the contact's certification end, kept current for triage (R10, R15).
     */
    public record Requester(AccountId accountId, ContactId contactId, Optional<LocalDate> certifiedUntil) {

        public Requester withCertifiedUntil(Optional<LocalDate> until) {
            return new Requester(accountId, contactId, until);
        }

        /** R10/R15: was the submitter a currently certified administrator on {@code day}? */
        public boolean certifiedOn(LocalDate day) {
            return certifiedUntil.map(until -> !day.isAfter(until)).orElse(false);
        }
    }

    /**
     * What was asked: the intake fields (R4), the severity first accepted, kept when it is later downgraded (R6, R11,
     * R17), and the closed ticket this one continues (R13).
     */
    public record Request(TicketFields fields, Optional<Severity> originalSeverity, Optional<TicketId> previousTicket) {

        /** New fields; the original severity is the first one ever accepted. */
        public Request withFields(TicketFields newFields) {
            return new Request(newFields, originalSeverity.or(newFields::severity), previousTicket);
        }
    }

    /** Where it stands: status, resolution reason (R12), the technician holding it, and whether it was escalated (R18). */
    public record State(TicketStatus status, Optional<ResolutionReason> resolution, Optional<Actor.Staff> assignee,
                        boolean escalated) {

        public State withStatus(TicketStatus newStatus) {
            return new State(newStatus, resolution, assignee, escalated);
        }

        public State resolvedAs(ResolutionReason reason) {
            return new State(TicketStatus.RESOLVED, Optional.of(reason), assignee, escalated);
        }

        /** Back to {@code to}, the resolution forgotten. */
        public State reopened(TicketStatus to) {
            return new State(to, Optional.empty(), assignee, escalated);
        }

        public State withAssignee(Optional<Actor.Staff> newAssignee) {
            return new State(status, resolution, newAssignee, escalated);
        }

        public State escalate() {
            return new State(status, resolution, assignee, true);
        }
    }

    /**
     * When things happened. {@code statusSince}: when the current period began: the status was entered, or, while
     * waiting on the customer, the last question or customer message restarted the customer's clock (R12a).
     * Deadlines are planned from it. {@code availabilityAskedAt}: when the account's always-available contacts were
     * asked to answer this period's severity-1 question (R11); a new period forgets it.
     */
    public record Timeline(Instant createdAt, Instant updatedAt, Instant statusSince, Optional<Instant> resolvedAt,
                           Optional<Instant> closedAt, Optional<Instant> availabilityAskedAt) {

        /** No always-available contact asked in this period. */
        public Timeline(Instant createdAt, Instant updatedAt, Instant statusSince, Optional<Instant> resolvedAt,
                        Optional<Instant> closedAt) {
            this(createdAt, updatedAt, statusSince, resolvedAt, closedAt, Optional.empty());
        }

        /** A ticket created at {@code at}: every time is that one. */
        public static Timeline startingAt(Instant at) {
            return new Timeline(at, at, at, Optional.empty(), Optional.empty());
        }

        /** Changed at {@code at}, in the same period. */
        public Timeline touched(Instant at) {
            return new Timeline(createdAt, at, statusSince, resolvedAt, closedAt, availabilityAskedAt);
        }

        /** Changed at {@code at}, which starts a new period. */
        public Timeline newPeriod(Instant at) {
            return new Timeline(createdAt, at, at, resolvedAt, closedAt);
        }

        /** R11: the always-available contacts were asked at {@code at}, in the current period. */
        public Timeline availabilityAsked(Instant at) {
            return new Timeline(createdAt, at, statusSince, resolvedAt, closedAt, Optional.of(at));
        }

        public Timeline resolved(Instant at) {
            return new Timeline(createdAt, at, at, Optional.of(at), closedAt);
        }

        public Timeline reopened(Instant at) {
            return new Timeline(createdAt, at, at, Optional.empty(), closedAt);
        }

        public Timeline closed(Instant at) {
            return new Timeline(createdAt, at, at, resolvedAt, Optional.of(at));
        }
    }

    /**
     * Response targets: when the first response and the next update are due, when the first response was given, and
     * the ticket's own update interval when a technician lowered it (R17).
     */
    public record Due(Optional<Instant> firstResponseBy, Optional<Instant> nextUpdateBy, Optional<Instant> firstRespondedAt,
                      Optional<Duration> updateInterval) {

        /** Targets on the severity's own update interval. */
        public Due(Optional<Instant> firstResponseBy, Optional<Instant> nextUpdateBy, Optional<Instant> firstRespondedAt) {
            this(firstResponseBy, nextUpdateBy, firstRespondedAt, Optional.empty());
        }

        public static Due none() {
            return new Due(Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * R17: the ticket's own update interval, longer than its severity's (a technician lowered how often it is
         * updated without changing the severity); empty: the severity's.
         */
        public Due withUpdateInterval(Optional<Duration> interval) {
            return new Due(firstResponseBy, nextUpdateBy, firstRespondedAt, interval);
        }

        /** The earliest pending target, used in triage (R15). */
        public Optional<Instant> earliest() {
            Optional<Instant> first = firstRespondedAt.isPresent() ? Optional.empty() : firstResponseBy;
            if (first.isEmpty()) {
                return nextUpdateBy;
            }
            if (nextUpdateBy.isEmpty()) {
                return first;
            }
            return Optional.of(first.get().isBefore(nextUpdateBy.get()) ? first.get() : nextUpdateBy.get());
        }
    }

    public AccountId accountId() {
        return requester.accountId();
    }

    public ContactId contactId() {
        return requester.contactId();
    }

    /** The submitter's certification end, kept current for triage (R10, R15). */
    public Optional<LocalDate> submitterCertifiedUntil() {
        return requester.certifiedUntil();
    }

    /** R10/R15: was the submitter a currently certified administrator on {@code day}? */
    public boolean submitterCertifiedOn(LocalDate day) {
        return requester.certifiedOn(day);
    }

    public TicketFields fields() {
        return request.fields();
    }

    /** The current severity; empty while intake has not given one (R5). */
    public Optional<Severity> severity() {
        return request.fields().severity();
    }

    /** The severity first accepted, kept when it is later downgraded (R6, R11, R17). */
    public Optional<Severity> originalSeverity() {
        return request.originalSeverity();
    }

    /** The closed ticket this one continues (R13). */
    public Optional<TicketId> previousTicket() {
        return request.previousTicket();
    }

    public TicketStatus status() {
        return state.status();
    }

    public Optional<ResolutionReason> resolution() {
        return state.resolution();
    }

    public Optional<Actor.Staff> assignee() {
        return state.assignee();
    }

    public boolean escalated() {
        return state.escalated();
    }

    public Instant createdAt() {
        return timeline.createdAt();
    }

    public Instant updatedAt() {
        return timeline.updatedAt();
    }

    public Instant statusSince() {
        return timeline.statusSince();
    }

    public Optional<Instant> resolvedAt() {
        return timeline.resolvedAt();
    }

    public Optional<Instant> closedAt() {
        return timeline.closedAt();
    }

    /** R11: when the always-available contacts were asked to answer this period's severity-1 question. */
    public Optional<Instant> availabilityAskedAt() {
        return timeline.availabilityAskedAt();
    }

    /** The status entered at {@code at} starts a new period; staying in the same status keeps the current one. */
    Ticket withStatus(TicketStatus newStatus, Instant at) {
        return with(state.withStatus(newStatus), newStatus == status() ? timeline.touched(at) : timeline.newPeriod(at));
    }

    Ticket resolvedAs(ResolutionReason reason, Instant at) {
        return with(state.resolvedAs(reason), timeline.resolved(at));
    }

    Ticket reopened(TicketStatus to, Instant at) {
        return with(state.reopened(to), timeline.reopened(at));
    }

    Ticket closedAt(Instant at) {
        return with(state.withStatus(TicketStatus.CLOSED), timeline.closed(at));
    }

    /**
     * R12a: the customer's clock starts again at {@code at} (a new question, or a customer message that did not end
     * the wait). Reminders and the automatic resolution are planned from it.
     */
    public Ticket waitingSince(Instant at) {
        return with(state, timeline.newPeriod(at));
    }

    /** R11: the account's always-available contacts were asked at {@code at} to answer the severity-1 question. */
    public Ticket availabilityAsked(Instant at) {
        return with(state, timeline.availabilityAsked(at));
    }

    public Ticket withAssignee(Optional<Actor.Staff> newAssignee, Instant at) {
        return with(state.withAssignee(newAssignee), timeline.touched(at));
    }

    public Ticket withFields(TicketFields newFields, Instant at) {
        return new Ticket(id, number, requester, request.withFields(newFields), state, due, timeline.touched(at),
                rowVersion);
    }

    public Ticket escalatedAt(Instant at) {
        return with(state.escalate(), timeline.touched(at));
    }

    public Ticket withDue(Due newDue, Instant at) {
        return new Ticket(id, number, requester, request, state, newDue, timeline.touched(at), rowVersion);
    }

    public Ticket withSubmitterCertifiedUntil(Optional<LocalDate> until) {
        return new Ticket(id, number, requester.withCertifiedUntil(until), request, state, due, timeline, rowVersion);
    }

    /** The same ticket as the store holds it after a successful save. */
    public Ticket withRowVersion(int newRowVersion) {
        return new Ticket(id, number, requester, request, state, due, timeline, newRowVersion);
    }

    private Ticket with(State newState, Timeline newTimeline) {
        return new Ticket(id, number, requester, request, newState, due, newTimeline, rowVersion);
    }
}
