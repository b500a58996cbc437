package io.guichet.core.testing;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.account.ProductCoverage;
import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.deadline.PlannedDeadline;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.QueueFilter;
import io.guichet.core.version.ProductVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
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
    @DisplayName("R1: an account's coverage per product is kept by product, one day each; covering again replaces the day; uncovering removes it")
    void productCoverageRoundTrip() {
        Account other = stores.contacts().addAccount("Globex", Optional.empty(), new AccountManager("", "")).orElseThrow();
        assertThat(stores.contacts().productCoverage(account.id())).as("existing accounts: all products only").isEmpty();

        stores.contacts().coverProduct(account.id(), "VSA", LocalDate.parse("2027-06-30"));
        stores.contacts().coverProduct(account.id(), "Traverse", LocalDate.parse("2026-12-31"));
        stores.contacts().coverProduct(account.id(), "VSA", LocalDate.parse("2027-12-31"));
        stores.contacts().coverProduct(other.id(), "BYOD", LocalDate.parse("2027-01-31"));

        assertThat(stores.contacts().productCoverage(account.id())).containsExactly(
                new ProductCoverage("Traverse", LocalDate.parse("2026-12-31")),
                new ProductCoverage("VSA", LocalDate.parse("2027-12-31")));
        assertThat(stores.contacts().productCoverage(other.id()))
                .containsExactly(new ProductCoverage("BYOD", LocalDate.parse("2027-01-31")));
        assertThat(stores.contacts().account(account.id()).orElseThrow().coverageEndsOn())
                .as("the coverage for all products is apart").contains(LocalDate.parse("2026-12-31"));

        assertThat(stores.contacts().uncoverProduct(account.id(), "Traverse")).isTrue();
        assertThat(stores.contacts().uncoverProduct(account.id(), "Traverse")).isFalse();
        assertThat(stores.contacts().uncoverProduct(account.id(), "BYOD")).as("another account's product").isFalse();
        assertThat(stores.contacts().productCoverage(account.id()))
                .containsExactly(new ProductCoverage("VSA", LocalDate.parse("2027-12-31")));
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
    @DisplayName("R1, R10: the sender's contact is read with its account and coverage; removed, neither is found")
    void contactWithAccount() {
        assertThat(stores.contacts().activeContactWithAccount(email("alice@acme.example")))
                .contains(new ContactDirectory.ContactWithAccount(alice, account));
        assertThat(stores.contacts().activeContactWithAccount(email("nobody@acme.example"))).isEmpty();
        Account other = stores.contacts().addAccount("Globex", Optional.empty(), new AccountManager("Hank", ""))
                .orElseThrow();
        Contact bob = stores.contacts().addContact(other.id(), "Bob", email("bob@globex.example"), "", Language.EN,
                Optional.empty(), Optional.empty()).orElseThrow();
        assertThat(stores.contacts().activeContactWithAccount(email("bob@globex.example"))).hasValueSatisfying(found -> {
            assertThat(found.contact()).isEqualTo(bob);
            assertThat(found.account()).isEqualTo(other);
            assertThat(found.account().coveredOn(LocalDate.parse("2026-01-01"))).as("never covered").isFalse();
        });
        stores.contacts().setCoverage(account.id(), Optional.of(LocalDate.parse("2027-01-31")));
        assertThat(stores.contacts().activeContactWithAccount(email("alice@acme.example")).orElseThrow().account()
                .coverageEndsOn()).as("coverage as it is now").contains(LocalDate.parse("2027-01-31"));
        stores.contacts().deactivate(alice.id());
        assertThat(stores.contacts().activeContactWithAccount(email("alice@acme.example"))).isEmpty();
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
    @DisplayName("R11: always-available contacts are designated per contact, listed per account, and only while active")
    void alwaysAvailable() {
        Contact bob = stores.contacts().addContact(account.id(), "Bob", email("bob@acme.example"), "", Language.EN,
                Optional.empty(), Optional.empty()).orElseThrow();
        assertThat(stores.contacts().alwaysAvailable(account.id())).isEmpty();
        assertThat(stores.contacts().setAlwaysAvailable(bob.id(), true)).isTrue();
        assertThat(stores.contacts().alwaysAvailable(account.id())).extracting(Contact::name).containsExactly("Bob");
        assertThat(stores.contacts().setAlwaysAvailable(bob.id(), false)).isTrue();
        assertThat(stores.contacts().alwaysAvailable(account.id())).isEmpty();
        stores.contacts().setAlwaysAvailable(bob.id(), true);
        stores.contacts().deactivate(bob.id());
        assertThat(stores.contacts().alwaysAvailable(account.id())).as("a withdrawn contact is not asked").isEmpty();
        assertThat(stores.contacts().setAlwaysAvailable(bob.id(), true)).isFalse();
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
        assertThat(first.fields()).isEqualTo(draft(TicketStatus.OPEN, Severity.S2, T0).request().fields());
    }

    @Test
    @DisplayName("R13: updates are conditional: a stale copy is refused and nothing is written")
    void conditionalUpdate() {
        Ticket created = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket claimed = created.withAssignee(Optional.of(new Actor.Staff("bob", "bob")), T0.plusSeconds(60));
        Ticket saved = stores.tickets().update(claimed).orElseThrow();
        assertThat(saved.rowVersion()).isEqualTo(created.rowVersion() + 1);
        assertThat(saved.assignee().map(Actor.Staff::name)).contains("bob");

        Ticket stale = created.withAssignee(Optional.of(new Actor.Staff("carol", "carol")), T0.plusSeconds(120));
        assertThat(stores.tickets().update(stale)).isEmpty();
        assertThat(stores.tickets().find(created.id()).orElseThrow().assignee().map(Actor.Staff::name)).contains("bob");
    }

    @Test
    @DisplayName("R17: a ticket's own update interval is saved and read back; cleared, it reads as the severity's")
    void updateIntervalSurvives() {
        Ticket created = stores.tickets().create(draft(TicketStatus.IN_PROGRESS, Severity.S2, T0));
        Ticket slower = created.withDue(created.due().withUpdateInterval(Optional.of(java.time.Duration.ofHours(40))),
                T0.plusSeconds(60));
        Ticket saved = stores.tickets().update(slower).orElseThrow();
        assertThat(stores.tickets().find(created.id()).orElseThrow().due().updateInterval())
                .contains(java.time.Duration.ofHours(40));
        stores.tickets().update(saved.withDue(saved.due().withUpdateInterval(Optional.empty()), T0.plusSeconds(120)));
        assertThat(stores.tickets().find(created.id()).orElseThrow().due().updateInterval()).isEmpty();
    }

    @Test
    @DisplayName("R13: tickets are read and saved several at once, each save conditional as on its own")
    void severalAtOnce() {
        Ticket a = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket b = stores.tickets().create(draft(TicketStatus.WAITING_ON_CUSTOMER, Severity.S3, T0.plusSeconds(1)));
        Ticket c = stores.tickets().create(draft(TicketStatus.IN_PROGRESS, Severity.S1, T0.plusSeconds(2)));
        assertThat(stores.tickets().findAll(List.of(c.id(), a.id(), new TicketId(999_999))))
                .containsOnlyKeys(a.id(), c.id()).containsEntry(a.id(), a).containsEntry(c.id(), c);

        Ticket bMovedOn = stores.tickets().update(b.withAssignee(Optional.of(new Actor.Staff("bob", "bob")), T0.plusSeconds(5))).orElseThrow();
        Instant later = T0.plusSeconds(60);
        Ticket aChanged = a.withAssignee(Optional.of(new Actor.Staff("carol", "carol")), later).escalatedAt(later)
                .withDue(new Ticket.Due(Optional.of(later.plusSeconds(3600)), Optional.of(later.plusSeconds(7200)),
                        Optional.of(later)), later);
        Ticket bStale = b.withAssignee(Optional.of(new Actor.Staff("dave", "dave")), later);
        Ticket cChanged = c.withFields(fields(Severity.S2), later);

        List<Optional<Ticket>> saved = stores.tickets().updateAll(List.of(cChanged, bStale, aChanged));

        assertThat(saved).containsExactly(Optional.of(cChanged.withRowVersion(c.rowVersion() + 1)), Optional.empty(),
                Optional.of(aChanged.withRowVersion(a.rowVersion() + 1)));
        assertThat(stores.tickets().find(a.id())).contains(aChanged.withRowVersion(a.rowVersion() + 1));
        assertThat(stores.tickets().find(b.id())).contains(bMovedOn);
        assertThat(stores.tickets().find(c.id())).contains(cChanged.withRowVersion(c.rowVersion() + 1));
    }

    @Test
    @DisplayName("R10: contacts and accounts are read several at once, removed contacts included")
    void contactsAtOnce() {
        Contact bob = stores.contacts().addContact(account.id(), "Bob", email("bob@acme.example"), "", Language.EN,
                Optional.empty(), Optional.empty()).orElseThrow();
        stores.contacts().deactivate(bob.id());
        Account globex = stores.contacts().addAccount("Globex", Optional.empty(),
                new AccountManager("Hank", "hank@vendor.example")).orElseThrow();
        assertThat(stores.contacts().contactsById(List.of(alice.id(), bob.id(), new io.guichet.core.account.ContactId(999_999))))
                .containsOnlyKeys(alice.id(), bob.id()).containsEntry(alice.id(), alice)
                .containsEntry(bob.id(), stores.contacts().contact(bob.id()).orElseThrow());
        assertThat(stores.contacts().accountsById(List.of(globex.id(), account.id())))
                .containsOnlyKeys(globex.id(), account.id()).containsEntry(globex.id(), globex)
                .containsEntry(account.id(), account);
    }

    @Test
    @DisplayName("R12a, R13, R15: planning adds deadlines; re-planning re-times and re-arms them, drops pending ones no "
            + "longer planned and keeps fired ones")
    void deadlinesFollowThePlan() {
        DeadlineStore deadlines = stores.deadlines();
        Ticket ticket = stores.tickets().create(draft(TicketStatus.WAITING_ON_CUSTOMER, Severity.S3, T0));
        Instant t = T0.truncatedTo(ChronoUnit.MICROS);
        PlannedDeadline first = new PlannedDeadline(DeadlineKind.REMINDER, 0, t.plusSeconds(100));
        PlannedDeadline second = new PlannedDeadline(DeadlineKind.REMINDER, 1, t.plusSeconds(200));
        PlannedDeadline resolve = PlannedDeadline.of(DeadlineKind.AUTO_RESOLVE, t.plusSeconds(300));
        deadlines.schedule(ticket.id(), List.of(first, second, resolve), t);
        assertThat(deadlines.ofTicket(ticket.id())).extracting(Deadline::planned).containsExactly(first, second, resolve);
        assertThat(deadlines.ofTicket(ticket.id())).allSatisfy(d -> assertThat(d.pending()).isTrue());

        Deadline firstRow = deadlines.claimDue(t.plusSeconds(100), 10, Duration.ofMinutes(1)).get(0);
        deadlines.markFired(List.of(firstRow), t.plusSeconds(101));

        // the same plan again: nothing moves, the fired reminder stays fired
        deadlines.schedule(ticket.id(), List.of(first, second, resolve), t.plusSeconds(102));
        assertThat(deadlines.ofTicket(ticket.id())).extracting(d -> d.firedAt().isPresent())
                .containsExactly(true, false, false);

        // the first reminder re-timed is re-armed; the second is no longer planned; resolution unchanged
        PlannedDeadline firstAgain = new PlannedDeadline(DeadlineKind.REMINDER, 0, t.plusSeconds(150));
        deadlines.schedule(ticket.id(), List.of(firstAgain, resolve), t.plusSeconds(103));
        List<Deadline> rows = deadlines.ofTicket(ticket.id());
        assertThat(rows).extracting(Deadline::planned).containsExactly(firstAgain, resolve);
        assertThat(rows).allSatisfy(d -> {
            assertThat(d.pending()).isTrue();
            assertThat(d.attempts()).isZero();
        });

        // fired and then not planned any more: kept; an empty plan drops the pending ones
        Deadline resolveRow = rows.get(1);
        deadlines.markFired(List.of(resolveRow), t.plusSeconds(301));
        deadlines.schedule(ticket.id(), List.of(), t.plusSeconds(302));
        assertThat(deadlines.ofTicket(ticket.id())).extracting(Deadline::planned).containsExactly(resolve);

        deadlines.forget(ticket.id());
        assertThat(deadlines.ofTicket(ticket.id())).isEmpty();
    }

    @Test
    @DisplayName("R12a, R15: due deadlines are claimed earliest first, each hidden for its lease; fired ones never again")
    void deadlinesAreClaimed() {
        DeadlineStore deadlines = stores.deadlines();
        Instant t = T0.truncatedTo(ChronoUnit.MICROS);
        Ticket one = stores.tickets().create(draft(TicketStatus.WAITING_ON_CUSTOMER, Severity.S3, T0));
        Ticket two = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        deadlines.schedule(one.id(), List.of(new PlannedDeadline(DeadlineKind.REMINDER, 0, t.plusSeconds(20)),
                PlannedDeadline.of(DeadlineKind.AUTO_RESOLVE, t.plusSeconds(500))), t);
        deadlines.schedule(two.id(), List.of(PlannedDeadline.of(DeadlineKind.FIRST_RESPONSE_TARGET, t.plusSeconds(10)),
                PlannedDeadline.of(DeadlineKind.UPDATE_TARGET, t.plusSeconds(20))), t);

        List<Deadline> claimed = deadlines.claimDue(t.plusSeconds(20), 2, Duration.ofSeconds(60));
        assertThat(claimed).extracting(Deadline::kind)
                .containsExactly(DeadlineKind.FIRST_RESPONSE_TARGET, DeadlineKind.REMINDER);
        assertThat(claimed).extracting(Deadline::attempts).containsExactly(1, 1);
        List<Deadline> rest = deadlines.claimDue(t.plusSeconds(20), 10, Duration.ofSeconds(60));
        assertThat(rest).extracting(Deadline::kind).containsExactly(DeadlineKind.UPDATE_TARGET);
        assertThat(deadlines.claimDue(t.plusSeconds(79), 10, Duration.ofSeconds(60))).isEmpty();

        // marked fired together; a deadline re-timed since its claim is left pending
        deadlines.schedule(two.id(), List.of(PlannedDeadline.of(DeadlineKind.FIRST_RESPONSE_TARGET, t.plusSeconds(10)),
                PlannedDeadline.of(DeadlineKind.UPDATE_TARGET, t.plusSeconds(40))), t.plusSeconds(30));
        deadlines.markFired(List.of(claimed.get(0), claimed.get(1), rest.get(0)), t.plusSeconds(31));
        assertThat(deadlines.ofTickets(List.of(one.id(), two.id())))
                .extracting(d -> d.kind() + " " + d.firedAt().isPresent())
                .containsExactlyInAnyOrder("REMINDER true", "AUTO_RESOLVE false", "FIRST_RESPONSE_TARGET true",
                        "UPDATE_TARGET false");
        assertThat(deadlines.claimDue(t.plusSeconds(100), 10, Duration.ofSeconds(60))).extracting(Deadline::kind)
                .containsExactly(DeadlineKind.UPDATE_TARGET);
    }

    @Test
    @DisplayName("R11, R12, R13: resolution reason, times (the always-available contacts asked too), due targets and links survive a save")
    void everyFieldSurvives() {
        Ticket previous = stores.tickets().create(draft(TicketStatus.OPEN, Severity.S2, T0));
        Ticket next = stores.tickets().create(new NewTicket(
                new Ticket.Requester(account.id(), alice.id(), Optional.of(LocalDate.parse("2026-06-30"))),
                new Ticket.Request(fields(Severity.S1), Optional.of(Severity.S2), Optional.of(previous.id())),
                new Ticket.State(TicketStatus.RESOLVED, Optional.of(ResolutionReason.FEATURE_REQUEST),
                        Optional.of(Actor.Staff.discord("4242", "Bob Smith")), true),
                new Ticket.Due(Optional.of(T0.plusSeconds(3600)), Optional.of(T0.plusSeconds(7200)),
                        Optional.of(T0.plusSeconds(600))),
                new Ticket.Timeline(T0, T0.plusSeconds(900), T0.plusSeconds(900), Optional.of(T0.plusSeconds(900)),
                        Optional.empty(), Optional.of(T0.plusSeconds(800)))));
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
        TicketEvent access = TicketEvent.fact(ticket.id(), T0.plusSeconds(30), new Actor.Staff("bob", "bob"),
                EventKind.SERVER_ACCESS, "RDP to vsa.acme.example");
        TicketEvent claimed = new TicketEvent(ticket.id(), T0.plusSeconds(60), new Actor.Staff("bob", "bob"),
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
    @DisplayName("R15: the queue narrowed to a holder, an account and a text keeps its order, and pages by keys within the filter")
    void filteredQueue() {
        Account other = stores.contacts().addAccount("Globex", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
        Contact globex = stores.contacts().addContact(other.id(), "Hank", email("hank@globex.example"), "",
                Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
        Actor.Staff bob = Actor.Staff.discord("42", "Bob the tech");
        Actor.Staff carol = Actor.Staff.discord("420", "Carol");
        List<Ticket> bobsAcme = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bobsAcme.add(stores.tickets().create(held(subject(draft(TicketStatus.IN_PROGRESS, i % 2 == 0 ? Severity.S2
                    : Severity.S3, T0.plusSeconds(i)), i == 3 ? "Printer JAM on floor 2" : "Agents offline"), bob)));
        }
        Ticket carols = stores.tickets().create(held(draft(TicketStatus.IN_PROGRESS, Severity.S1, T0.plusSeconds(10)), carol));
        Ticket bobsGlobex = stores.tickets().create(held(withContact(draft(TicketStatus.IN_PROGRESS, Severity.S1,
                T0.plusSeconds(11)), globex, Optional.empty()), bob));
        Ticket unclaimedGlobex = stores.tickets().create(subject(withContact(draft(TicketStatus.OPEN, Severity.S2,
                T0.plusSeconds(12)), globex, Optional.empty()), "printer jam again"));
        Set<TicketStatus> worked = EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        QueueFilter mine = new QueueFilter(Optional.of(bob.id()), Optional.empty(), Optional.empty());

        List<Ticket> bobs = stores.tickets().queue(worked, Optional.empty(), mine, TODAY, 0, 100);
        assertThat(bobs).extracting(Ticket::number).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(bobsAcme.stream(), java.util.stream.Stream.of(bobsGlobex))
                        .map(Ticket::number).toList())
                .doesNotContain(carols.number());
        assertThat(bobs).isSortedAccordingTo(io.guichet.core.triage.TriageOrder.on(TODAY));

        QueueFilter bobAtAcme = new QueueFilter(Optional.of(bob.id()), Optional.of(account.id()), Optional.empty());
        List<Ticket> paged = new java.util.ArrayList<>(stores.tickets().queue(worked, Optional.empty(), bobAtAcme, TODAY, 0, 2));
        List<Ticket> page = paged;
        while (!page.isEmpty()) {
            page = stores.tickets().queueAfter(worked, Optional.empty(), bobAtAcme, TODAY,
                    io.guichet.core.triage.QueueKey.of(paged.get(paged.size() - 1), TODAY), 2);
            assertThat(page.size()).isLessThanOrEqualTo(2);
            paged.addAll(page);
        }
        assertThat(paged).extracting(Ticket::number).containsExactlyElementsOf(
                bobsAcme.stream().sorted(io.guichet.core.triage.TriageOrder.on(TODAY)).map(Ticket::number).toList());

        QueueFilter jam = new QueueFilter(Optional.empty(), Optional.empty(), Optional.of("PRINTER jam"));
        assertThat(stores.tickets().queue(worked, Optional.empty(), jam, TODAY, 0, 10)).extracting(Ticket::number)
                .containsExactly(unclaimedGlobex.number(), bobsAcme.get(3).number());
        assertThat(stores.tickets().queue(worked, Optional.empty(), new QueueFilter(Optional.of(bob.id()),
                Optional.empty(), Optional.of("jam")), TODAY, 0, 10)).extracting(Ticket::number)
                .containsExactly(bobsAcme.get(3).number());
        assertThat(stores.tickets().queue(worked, Optional.of(Severity.S1), new QueueFilter(Optional.empty(),
                Optional.of(other.id()), Optional.empty()), TODAY, 0, 10)).extracting(Ticket::number)
                .containsExactly(bobsGlobex.number());
        assertThat(stores.tickets().queue(worked, Optional.empty(), new QueueFilter(Optional.empty(),
                Optional.empty(), Optional.of("100%_off")), TODAY, 0, 10)).isEmpty();
    }

    private static NewTicket held(NewTicket t, Actor.Staff holder) {
        return new NewTicket(t.requester(), t.request(), t.state().withAssignee(Optional.of(holder)), t.due(), t.timeline());
    }

    private static NewTicket subject(NewTicket t, String subject) {
        TicketFields f = t.request().fields();
        return new NewTicket(t.requester(), new Ticket.Request(new TicketFields(subject, f.description(), f.severity(),
                f.serverUrl(), f.module(), f.stepsToReproduce(), f.affectedDevices(), f.version()),
                t.request().originalSeverity(), t.request().previousTicket()), t.state(), t.due(), t.timeline());
    }

    @Test
    @DisplayName("R15: the queue read page after page from the last row's key gives the whole queue in order, once each")
    void queueByKeys() {
        Contact uncertified = stores.contacts().addContact(account.id(), "Bob", email("bob@acme.example"), "",
                Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
        List<Ticket> created = new java.util.ArrayList<>();
        int i = 0;
        for (Optional<Severity> severity : List.of(Optional.of(Severity.S1), Optional.of(Severity.S3),
                Optional.<Severity>empty())) {
            for (boolean certified : List.of(true, false)) {
                for (Optional<Instant> due : List.of(Optional.of(T0.plusSeconds(600)), Optional.<Instant>empty())) {
                    for (int same = 0; same < 2; same++) {
                        // pairs with the same due time and creation time: the number decides
                        NewTicket t = draft(TicketStatus.OPEN, Severity.S2, T0.plusSeconds(i++ / 2));
                        t = new NewTicket(t.requester(), new Ticket.Request(new TicketFields("s", "d", severity,
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                                severity, Optional.empty()), t.state(), new Ticket.Due(due, Optional.empty(),
                                Optional.empty()), t.timeline());
                        created.add(stores.tickets().create(certified ? t : withContact(t, uncertified, Optional.empty())));
                    }
                }
            }
        }
        Set<TicketStatus> open = EnumSet.of(TicketStatus.OPEN);
        List<Ticket> whole = stores.tickets().queue(open, Optional.empty(), TODAY, 0, 100);
        assertThat(whole).hasSize(created.size()).isSortedAccordingTo(io.guichet.core.triage.TriageOrder.on(TODAY));

        for (int size : List.of(1, 3, 5)) {
            List<Ticket> paged = new java.util.ArrayList<>(stores.tickets().queue(open, Optional.empty(), TODAY, 0, size));
            List<Ticket> page = paged;
            while (!page.isEmpty()) {
                page = stores.tickets().queueAfter(open, Optional.empty(), TODAY,
                        io.guichet.core.triage.QueueKey.of(paged.get(paged.size() - 1), TODAY), size);
                assertThat(page.size()).isLessThanOrEqualTo(size);
                paged.addAll(page);
            }
            assertThat(paged).as("pages of %d", size).extracting(Ticket::number)
                    .containsExactlyElementsOf(whole.stream().map(Ticket::number).toList());
        }
        Ticket firstS3 = whole.stream().filter(t -> t.severity().equals(Optional.of(Severity.S3))).findFirst().orElseThrow();
        Ticket lastS1 = whole.get(whole.indexOf(firstS3) - 1);
        assertThat(stores.tickets().queueAfter(open, Optional.of(Severity.S3), TODAY,
                io.guichet.core.triage.QueueKey.of(lastS1, TODAY), 2)).extracting(Ticket::number)
                .containsExactly(firstS3.number(), whole.get(whole.indexOf(firstS3) + 1).number());
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
        Ticket created = stores.transactions().inTransaction(tx ->
                stores.tickets(tx).create(draft(TicketStatus.OPEN, Severity.S4, T0)));
        assertThat(stores.tickets().find(created.number())).isPresent();
    }

    private NewTicket draft(TicketStatus status, Severity severity, Instant created) {
        Instant at = created.truncatedTo(ChronoUnit.MICROS);
        boolean resolved = status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED;
        return new NewTicket(new Ticket.Requester(account.id(), alice.id(), alice.certifiedUntil()),
                new Ticket.Request(fields(severity), Optional.of(severity), Optional.empty()),
                new Ticket.State(status, resolved ? Optional.of(ResolutionReason.NO_LONGER_NEEDED) : Optional.empty(),
                        Optional.empty(), false),
                new Ticket.Due(Optional.of(at.plusSeconds(3600)), Optional.empty(), Optional.empty()),
                new Ticket.Timeline(at, at, at, resolved ? Optional.of(at) : Optional.empty(), Optional.empty()));
    }

    private static NewTicket withContact(NewTicket t, Contact contact, Optional<LocalDate> certifiedUntil) {
        return new NewTicket(new Ticket.Requester(contact.accountId(), contact.id(), certifiedUntil), t.request(),
                t.state(), t.due(), t.timeline());
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
