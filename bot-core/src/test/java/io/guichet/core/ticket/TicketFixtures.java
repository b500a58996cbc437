package io.guichet.core.ticket;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.ContactId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Test data for tickets: {@code TicketFixtures.aTicket().status(OPEN).severity(Severity.S2).build()}. Every field has a
 * plain default (a complete, unassigned, OPEN severity-3 ticket created at {@link #T0}) so a test sets only what it is
 * about. Shipped in bot-core's test-jar for the other modules.
 */
public final class TicketFixtures {

    /** The instant tickets are created at unless a test says otherwise. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** The day of {@link #T0} (UTC). */
    public static final LocalDate DAY0 = LocalDate.parse("2026-03-02");

    private TicketFixtures() {
    }

    public static Builder aTicket() {
        return new Builder();
    }

    /** Every R4 field present and valid, with {@code severity}. */
    public static TicketFields completeFields(Severity severity) {
        return new TicketFields("Agents offline", "All agents show offline since the upgrade; expected online.",
                Optional.of(severity), Optional.of("https://vsa.acme.example"), Optional.of("Agent"),
                Optional.of("1. open the console 2. look at the agents"), Optional.of("SN 12345, device id A-1"),
                Optional.of("VSA 9.5.0.12"));
    }

    public static final class Builder {
        private long id = 1;
        private long number = 1001;
        private long accountId = 10;
        private long contactId = 100;
        private TicketFields fields = completeFields(Severity.S3);
        private TicketStatus status = TicketStatus.OPEN;
        private Optional<ResolutionReason> resolution = Optional.empty();
        private Optional<Actor.Staff> assignee = Optional.empty();
        private boolean escalated;
        private Optional<LocalDate> submitterCertifiedUntil = Optional.empty();
        private Optional<TicketId> previousTicket = Optional.empty();
        private Ticket.Due due = Ticket.Due.none();
        private Instant createdAt = T0;
        private Optional<Instant> resolvedAt = Optional.empty();
        private Optional<Instant> closedAt = Optional.empty();
        private int rowVersion;

        private Builder() {
        }

        /** Sets the internal id and the customer-facing number together ({@code number = 1000 + id}). */
        public Builder id(long value) {
            this.id = value;
            this.number = 1000 + value;
            return this;
        }

        public Builder number(long value) {
            this.number = value;
            return this;
        }

        public Builder account(long value) {
            this.accountId = value;
            return this;
        }

        public Builder contact(long value) {
            this.contactId = value;
            return this;
        }

        public Builder fields(TicketFields value) {
            this.fields = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.fields = fields.withSeverity(value);
            return this;
        }

        /** No severity yet (intake incomplete, R5). */
        public Builder noSeverity() {
            this.fields = new TicketFields(fields.subject(), fields.description(), Optional.empty(), fields.serverUrl(),
                    fields.module(), fields.stepsToReproduce(), fields.affectedDevices(), fields.version());
            return this;
        }

        public Builder status(TicketStatus value) {
            this.status = value;
            return this;
        }

        /** RESOLVED with {@code reason}, resolved at creation time plus one hour. */
        public Builder resolved(ResolutionReason reason) {
            this.status = TicketStatus.RESOLVED;
            this.resolution = Optional.of(reason);
            this.resolvedAt = Optional.of(createdAt.plus(Duration.ofHours(1)));
            return this;
        }

        public Builder assignee(String technician) {
            this.assignee = Optional.of(new Actor.Staff(technician, technician));
            return this;
        }

        public Builder unassigned() {
            this.assignee = Optional.empty();
            return this;
        }

        public Builder escalated(boolean value) {
            this.escalated = value;
            return this;
        }

        public Builder certifiedUntil(LocalDate day) {
            this.submitterCertifiedUntil = Optional.of(day);
            return this;
        }

        public Builder previousTicket(long value) {
            this.previousTicket = Optional.of(new TicketId(value));
            return this;
        }

        public Builder due(Ticket.Due value) {
            this.due = value;
            return this;
        }

        /** First response due at {@code at}, not yet given. */
        public Builder firstResponseBy(Instant at) {
            this.due = new Ticket.Due(Optional.of(at), due.nextUpdateBy(), due.firstRespondedAt());
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder closedAt(Instant value) {
            this.closedAt = Optional.of(value);
            return this;
        }

        public Builder rowVersion(int value) {
            this.rowVersion = value;
            return this;
        }

        public Ticket build() {
            return new Ticket(new TicketId(id), new TicketNumber(number),
                    new Ticket.Requester(new AccountId(accountId), new ContactId(contactId), submitterCertifiedUntil),
                    new Ticket.Request(fields, fields.severity(), previousTicket),
                    new Ticket.State(status, resolution, assignee, escalated), due,
                    new Ticket.Timeline(createdAt, createdAt, createdAt, resolvedAt, closedAt), rowVersion);
        }
    }
}
