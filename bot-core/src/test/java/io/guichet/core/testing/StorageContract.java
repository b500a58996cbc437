package io.guichet.core.testing;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.version.ProductVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the storage ports, written once and run against every backend: the in-memory fakes and
 * PostgreSQL. A backend's test extends this and provides {@link #stores()}.
 */
public abstract class StorageContract {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

    protected Stores stores;
    private Account account;
    private Contact alice;

    /** A fresh, empty backend for each test. */
    protected abstract Stores stores();

    @BeforeEach
    void setUpStores() {
        stores = stores();
        account = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
        alice = stores.contacts().addContact(account.id(), "Alice", email("alice@acme.example"), "+33 1 23 45 67 89",
                Language.FR, Optional.of("123456789"), Optional.of(LocalDate.parse("2026-06-30"))).orElseThrow();
    }

    @Test
    @DisplayName("R1: an account keeps its coverage end and account manager; coverage can change")
    void accountsRoundTrip() {
        assertThat(stores.contacts().account(account.id())).contains(account);
        assertThat(stores.contacts().accountNamed("Acme")).contains(account);
        assertThat(stores.contacts().addAccount("Acme", Optional.empty(), new AccountManager("x", "x@y.example")))
                .isEmpty();
        assertThat(stores.contacts().setCoverage(account.id(), Optional.of(LocalDate.parse("2027-01-31")))).isTrue();
        assertThat(stores.contacts().account(account.id()).orElseThrow().coverageEndsOn())
                .contains(LocalDate.parse("2027-01-31"));
        assertThat(stores.contacts().accounts()).extracting(Account::name).containsExactly("Acme");
    }

    @Test
    @DisplayName("R10: an authorized contact is found by address, once; a removed contact is no longer authorized")
    void contactsRoundTrip() {
        assertThat(stores.contacts().activeContact(email("alice@acme.example"))).contains(alice);
        assertThat(stores.contacts().contact(alice.id())).contains(alice);
        assertThat(stores.contacts().addContact(account.id(), "Alice again", email("alice@acme.example"), "",
                Language.EN, Optional.empty(), Optional.empty())).as("one active authorization per address").isEmpty();
        assertThat(stores.contacts().deactivate(alice.id())).isTrue();
        assertThat(stores.contacts().deactivate(alice.id())).isFalse();
        assertThat(stores.contacts().activeContact(email("alice@acme.example"))).isEmpty();
        assertThat(stores.contacts().contactsOf(account.id())).singleElement()
                .satisfies(c -> assertThat(c.active()).isFalse());
        assertThat(stores.contacts().addContact(account.id(), "Alice back", email("alice@acme.example"), "",
                Language.EN, Optional.empty(), Optional.empty())).as("re-authorized after removal").isPresent();
    }

    @Test
    @DisplayName("R10: certification is recorded and certifications ending in a window are listed")
    void certification() {
        Contact bob = stores.contacts().addContact(account.id(), "Bob", email("bob@acme.example"), "", Language.EN,
                Optional.empty(), Optional.empty()).orElseThrow();
        assertThat(stores.contacts().certify(bob.id(), Optional.of(LocalDate.parse("2026-04-01")))).isTrue();
        assertThat(stores.contacts().contact(bob.id()).orElseThrow().certifiedUntil())
                .contains(LocalDate.parse("2026-04-01"));
        assertThat(stores.contacts().certificationsEndingBetween(LocalDate.parse("2026-03-15"),
                LocalDate.parse("2026-04-01"))).extracting(Contact::name).containsExactly("Bob");
        assertThat(stores.contacts().certificationsEndingBetween(LocalDate.parse("2026-04-02"),
                LocalDate.parse("2026-07-01"))).extracting(Contact::name).containsExactly("Alice");
    }

    @Test
    @DisplayName("R2: new tickets get distinct increasing numbers and read back equal")
    void ticketsRoundTrip() {
        Ticket first = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket second = stores.tickets().create(draft(TicketStatus.AWAITING_INFO, Severity.S3, T0));
        assertThat(second.number().value()).isGreaterThan(first.number().value());
        assertThat(first.number().value()).isGreaterThanOrEqualTo(1000);
        assertThat(stores.tickets().find(first.number())).contains(first);
        assertThat(stores.tickets().find(first.id())).contains(first);
        assertThat(stores.tickets().find(new TicketNumber(999_999))).isEmpty();
        assertThat(first.fields()).isEqualTo(draft(TicketStatus.OPEN, Severity.S2, T0).fields());
    }

    @Test
    @DisplayName("R13: updates are conditional: a stale copy is refused and nothing is written")
    void conditionalUpdate() {
        Ticket created = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket claimed = created.withAssignee(Optional.of("bob"), T0.plusSeconds(60));
        Ticket saved = stores.tickets().update(claimed).orElseThrow();
        assertThat(saved.rowVersion()).isEqualTo(created.rowVersion() + 1);
        assertThat(saved.assignee()).contains("bob");

        Ticket stale = created.withAssignee(Optional.of("carol"), T0.plusSeconds(120));
        assertThat(stores.tickets().update(stale)).isEmpty();
        assertThat(stores.tickets().find(created.id()).orElseThrow().assignee()).contains("bob");
    }

    @Test
    @DisplayName("R12, R13: resolution reason, times, due targets and links survive a save")
    void everyFieldSurvives() {
        Ticket previous = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket next = stores.tickets().create(new Ticket(new TicketId(0), new TicketNumber(1), account.id(), alice.id(),
                fields(Severity.S1), Optional.of(Severity.S2), TicketStatus.RESOLVED,
                Optional.of(ResolutionReason.FEATURE_REQUEST), Optional.of("bob"), true,
                Optional.of(LocalDate.parse("2026-06-30")), Optional.of(previous.id()),
                new Ticket.Due(Optional.of(T0.plusSeconds(3600)), Optional.of(T0.plusSeconds(7200)),
                        Optional.of(T0.plusSeconds(600))),
                T0, T0.plusSeconds(900), T0.plusSeconds(900), Optional.of(T0.plusSeconds(900)), Optional.empty(), 0));
        Ticket read = stores.tickets().find(next.id()).orElseThrow();
        assertThat(read).isEqualTo(next);
        assertThat(read.previousTicket()).contains(previous.id());
        assertThat(read.originalSeverity()).contains(Severity.S2);
    }

    @Test
    @DisplayName("R7: the audit trail keeps every event in order with actor and time")
    void auditTrail() {
        Ticket ticket = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        TicketEvent created = new TicketEvent(ticket.id(), T0, new Actor.Customer(alice.email()), EventKind.CREATED,
                Optional.empty(), Optional.of(TicketStatus.OPEN), "");
        TicketEvent access = TicketEvent.fact(ticket.id(), T0.plusSeconds(30), new Actor.Staff("bob"),
                EventKind.SERVER_ACCESS, "RDP to vsa.acme.example");
        TicketEvent claimed = new TicketEvent(ticket.id(), T0.plusSeconds(60), new Actor.Staff("bob"),
                EventKind.CLAIMED, Optional.of(TicketStatus.OPEN), Optional.of(TicketStatus.IN_PROGRESS), "bob");
        stores.tickets().append(List.of(created, access));
        stores.tickets().append(List.of(claimed));
        assertThat(stores.tickets().events(ticket.id())).containsExactly(created, access, claimed);
    }

    @Test
    @DisplayName("R15: the queue lists active tickets by severity, certified submitter, due target, then age")
    void queueOrder() {
        Contact uncertified = stores.contacts().addContact(account.id(), "Bob", email("bob@acme.example"), "",
                Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
        Ticket s3old = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S3, T0));
        Ticket s2plain = stores.tickets().create(withContact(draft(TicketStatus.OPEN, Severity.S2, T0.plusSeconds(10)),
                uncertified, Optional.empty()));
        Ticket s2certified = stores.tickets().create(draft(TicketStatus.IN_PROGRESS, Severity.S2, T0.plusSeconds(20)));
        Ticket s1 = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S1, T0.plusSeconds(30)));
        stores.tickets().create(draft(TicketStatus.RESOLVED, Severity.S1, T0.plusSeconds(40)));
        Ticket s3young = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S3, T0.plusSeconds(50)));

        List<Ticket> queue = stores.tickets().queue(EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS),
                Optional.empty(), TODAY, 0, 10);
        assertThat(queue).extracting(Ticket::number)
                .containsExactly(s1.number(), s2certified.number(), s2plain.number(), s3old.number(), s3young.number());
        assertThat(stores.tickets().queue(EnumSet.of(TicketStatus.OPEN), Optional.of(Severity.S3), TODAY, 1, 10))
                .extracting(Ticket::number).containsExactly(s3young.number());
    }

    @Test
    @DisplayName("R10: an expired certification no longer puts a ticket first")
    void expiredCertificationInQueue() {
        Ticket certifiedThen = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket plain = stores.tickets().create(withContact(draft(TicketStatus.OPEN, Severity.S2, T0.minusSeconds(60)),
                alice, Optional.empty()));
        LocalDate afterExpiry = LocalDate.parse("2026-07-01");
        assertThat(stores.tickets().queue(EnumSet.of(TicketStatus.OPEN), Optional.empty(), afterExpiry, 0, 10))
                .extracting(Ticket::number).containsExactly(plain.number(), certifiedThen.number());
        assertThat(stores.tickets().queue(EnumSet.of(TicketStatus.OPEN), Optional.empty(), TODAY, 0, 10))
                .extracting(Ticket::number).containsExactly(certifiedThen.number(), plain.number());
    }

    @Test
    @DisplayName("R10, R15: renewing a certification refreshes the submitter's priority on active tickets only")
    void refreshCertification() {
        Ticket open = stores.tickets().create(withContact(draft(TicketStatus.OPEN, Severity.S2, T0), alice, Optional.empty()));
        Ticket resolved = stores.tickets().create(withContact(draft(TicketStatus.RESOLVED, Severity.S2, T0), alice,
                Optional.empty()));
        int refreshed = stores.tickets().refreshSubmitterCertification(alice.id(), Optional.of(LocalDate.parse("2027-03-01")));
        assertThat(refreshed).isEqualTo(1);
        assertThat(stores.tickets().find(open.id()).orElseThrow().submitterCertifiedUntil())
                .contains(LocalDate.parse("2027-03-01"));
        assertThat(stores.tickets().find(resolved.id()).orElseThrow().submitterCertifiedUntil()).isEmpty();
    }

    @Test
    @DisplayName("R20: product versions are listed and a version is recorded once per product")
    void versions() {
        ProductVersion v95 = new ProductVersion("VSA", "9.5", LocalDate.parse("2025-01-15"), true, Optional.empty());
        ProductVersion v10 = new ProductVersion("VSA", "10.0", LocalDate.parse("2026-02-01"), true,
                Optional.of(LocalDate.parse("2030-01-01")));
        assertThat(stores.versions().add(v95)).contains(v95);
        assertThat(stores.versions().add(v10)).contains(v10);
        assertThat(stores.versions().add(v95)).isEmpty();
        assertThat(stores.versions().all()).containsExactlyInAnyOrder(v95, v10);
    }

    @Test
    @DisplayName("R2: work done in a transaction is visible afterwards")
    void transactionCommits() {
        Ticket created = stores.transactions().inTransaction(() ->
                stores.tickets().create(draft(TicketStatus.OPEN, Severity.S4, T0)));
        assertThat(stores.tickets().find(created.number())).isPresent();
    }

    private Ticket draft(TicketStatus status, Severity severity, Instant created) {
        Instant at = created.truncatedTo(ChronoUnit.MICROS);
        boolean resolved = status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED;
        return new Ticket(new TicketId(0), new TicketNumber(1), account.id(), alice.id(), fields(severity),
                Optional.of(severity), status, resolved ? Optional.of(ResolutionReason.NO_LONGER_NEEDED) : Optional.empty(),
                Optional.empty(), false, alice.certifiedUntil(), Optional.empty(),
                new Ticket.Due(Optional.of(at.plusSeconds(3600)), Optional.empty(), Optional.empty()),
                at, at, at, resolved ? Optional.of(at) : Optional.empty(), Optional.empty(), 0);
    }

    private static Ticket withContact(Ticket t, Contact contact, Optional<LocalDate> certifiedUntil) {
        return new Ticket(t.id(), t.number(), contact.accountId(), contact.id(), t.fields(), t.originalSeverity(),
                t.status(), t.resolution(), t.assignee(), t.escalated(), certifiedUntil, t.previousTicket(), t.due(),
                t.createdAt(), t.updatedAt(), t.statusSince(), t.resolvedAt(), t.closedAt(), t.rowVersion());
    }

    private static TicketFields fields(Severity severity) {
        return new TicketFields("Agents offline", "All agents went offline after the upgrade.", Optional.of(severity),
                Optional.of("https://vsa.acme.example"), Optional.of("Agent"), Optional.of("1. upgrade 2. look"),
                Optional.of("SN123 / dev-42"), Optional.of("VSA 9.5.0.12"));
    }

    private static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }
}
