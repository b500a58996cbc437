package io.guichet.core.ticket;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.ContactId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A support ticket [dossier] (R2). Immutable: changes go through {@link Lifecycle} or the {@code with...}
 * methods and are saved with a conditional update on {@code rowVersion}.
 *
 * @param severity          the current severity; empty while intake has not given one (R5)
 * @param originalSeverity  the severity first accepted, kept when it is later downgraded (R6, R11, R17)
 * @param submitterCertifiedUntil the submitter's certification end, kept current for triage (R10, R15)
 * @param previousTicket    the closed ticket this one continues (R13)
 * @param due               response targets (R15, R16)
 * @param statusSince       when the current period began: the status was entered, or, while waiting on the
 *                          customer, the last question or customer message restarted the customer's clock (R12a).
 *                          Deadlines are planned from it.
 */
public record Ticket(TicketId id,
                     TicketNumber number,
                     AccountId accountId,
                     ContactId contactId,
                     TicketFields fields,
                     Optional<Severity> originalSeverity,
                     TicketStatus status,
                     Optional<ResolutionReason> resolution,
                     Optional<Actor.Staff> assignee,
                     boolean escalated,
                     Optional<LocalDate> submitterCertifiedUntil,
                     Optional<TicketId> previousTicket,
                     Due due,
                     Instant createdAt,
                     Instant updatedAt,
                     Instant statusSince,
                     Optional<Instant> resolvedAt,
                     Optional<Instant> closedAt,
                     int rowVersion) {

    /** Response targets: when the first response and the next update are due, and when the first response was given. */
    public record Due(Optional<Instant> firstResponseBy, Optional<Instant> nextUpdateBy, Optional<Instant> firstRespondedAt) {

        public static Due none() {
            return new Due(Optional.empty(), Optional.empty(), Optional.empty());
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

    public Optional<Severity> severity() {
        return fields.severity();
    }

    /** R10/R15: was the submitter a currently certified administrator on {@code day}? */
    public boolean submitterCertifiedOn(LocalDate day) {
        return submitterCertifiedUntil.map(until -> !day.isAfter(until)).orElse(false);
    }

    Ticket withStatus(TicketStatus newStatus, Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, newStatus, resolution, assignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, since(newStatus, at),
                resolvedAt, closedAt, rowVersion);
    }

    Ticket resolvedAs(ResolutionReason reason, Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, TicketStatus.RESOLVED,
                Optional.of(reason), assignee, escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at,
                at, Optional.of(at), closedAt, rowVersion);
    }

    Ticket reopened(TicketStatus to, Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, to, Optional.empty(), assignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, at, Optional.empty(), closedAt,
                rowVersion);
    }

    Ticket closedAt(Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, TicketStatus.CLOSED, resolution,
                assignee, escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, at, resolvedAt,
                Optional.of(at), rowVersion);
    }

    /** The status entered at {@code at} starts a new period; staying in the same status keeps the current one. */
    private Instant since(TicketStatus newStatus, Instant at) {
        return newStatus == status ? statusSince : at;
    }

    /**
     * R12a: the customer's clock starts again at {@code at} (a new question, or a customer message that did not end
     * the wait). Reminders and the automatic resolution are planned from it.
     */
    public Ticket waitingSince(Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, assignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, at, resolvedAt, closedAt,
                rowVersion);
    }

    public Ticket withAssignee(Optional<Actor.Staff> newAssignee, Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, newAssignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, statusSince, resolvedAt,
                closedAt, rowVersion);
    }

    public Ticket withFields(TicketFields newFields, Instant at) {
        Optional<Severity> original = originalSeverity.or(newFields::severity);
        return new Ticket(id, number, accountId, contactId, newFields, original, status, resolution, assignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, at, statusSince, resolvedAt,
                closedAt, rowVersion);
    }

    public Ticket escalatedAt(Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, assignee,
                true, submitterCertifiedUntil, previousTicket, due, createdAt, at, statusSince, resolvedAt, closedAt,
                rowVersion);
    }

    public Ticket withDue(Due newDue, Instant at) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, assignee,
                escalated, submitterCertifiedUntil, previousTicket, newDue, createdAt, at, statusSince, resolvedAt,
                closedAt, rowVersion);
    }

    public Ticket withSubmitterCertifiedUntil(Optional<LocalDate> until) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, assignee,
                escalated, until, previousTicket, due, createdAt, updatedAt, statusSince, resolvedAt, closedAt,
                rowVersion);
    }

    /** The same ticket as the store holds it after a successful save. */
    public Ticket withRowVersion(int newRowVersion) {
        return new Ticket(id, number, accountId, contactId, fields, originalSeverity, status, resolution, assignee,
                escalated, submitterCertifiedUntil, previousTicket, due, createdAt, updatedAt, statusSince, resolvedAt,
                closedAt, newRowVersion);
    }
}
