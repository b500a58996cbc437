package io.guichet.core.desk;

import io.guichet.core.ProblemCode;
import io.guichet.core.account.Language;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.RacingTicketStore;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.version.ProductVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.guichet.core.testing.DeskFixture.complete;
import static io.guichet.core.testing.DeskFixture.email;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerDeskTest {

    private final DeskFixture desk = new DeskFixture();
    private final Actor.Staff tech = new Actor.Staff("tess", "tess");

    @Test
    @DisplayName("R2, R4: a complete request from an authorized contact opens a ticket in the queue and is acknowledged with its number")
    void completeRequest() {
        CustomerOutcome outcome = open("alice@acme.example", complete("2"));

        Ticket ticket = ((CustomerOutcome.Opened) outcome).ticket();
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.severity()).contains(Severity.S2);
        assertThat(ticket.originalSeverity()).contains(Severity.S2);
        assertThat(ticket.due().firstResponseBy()).contains(desk.clock.instant().plus(Duration.ofHours(4)));
        CustomerNotice.Acknowledged ack = desk.messenger.told(CustomerNotice.Acknowledged.class).get(0);
        assertThat(ack.created().number()).isEqualTo(ticket.number());
        assertThat(ack.missing()).isEmpty();
        assertThat(ack.to().language()).isEqualTo(Language.FR);
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind).containsExactly(EventKind.CREATED);
    }

    @Test
    @DisplayName("R2: the message a request came in is kept on its new ticket before the acknowledgement answers it")
    void receivedKeptBeforeTheAnswer() {
        ThreadMessage mail = new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN, MessageId.of("m1@acme.example"),
                "Console down", "alice@acme.example", "It is down.", desk.clock.instant(), List.of());

        CustomerOutcome outcome = desk.context.transactions().inTransaction(tx -> desk.customers.handle(tx,
                new CustomerCommand.OpenTicket(email("alice@acme.example"), "", Optional.empty(), complete("2"), false),
                new Received(Optional.of(MessageId.of("m1@acme.example")), mail, "c0ffee01")));

        Ticket ticket = ((CustomerOutcome.Opened) outcome).ticket();
        assertThat(desk.messenger.conversation()).hasSize(2);
        assertThat(desk.messenger.conversation().get(0)).isEqualTo(mail.on(ticket.id()));
        assertThat(desk.messenger.conversation().get(1)).isInstanceOf(CustomerNotice.Acknowledged.class);
    }

    @Test
    @DisplayName("R2: a ticket changed meanwhile is an outcome, not an exception: nothing is said, and the message is taken when tried again")
    void concurrentChangeIsAnOutcome() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();
        RacingTicketStore racing = new RacingTicketStore(desk.stores.tickets());
        DeskPorts c = desk.context;
        CustomerDesk customers = new CustomerDesk(new DeskPorts(c.transactions(), PerTransaction.same(racing), c.deadlines(), c.contacts(),
                c.versions(), c.messenger(), c.staff(), c.audit(), c.policy(), c.hours(), c.clock()));
        CustomerCommand message = new CustomerCommand.AddCustomerMessage(email("bob@acme.example"), "", Optional.empty(),
                ticket.number(), IntakeDraft.empty(), "Logs attached.", true);
        int told = desk.messenger.told().size();
        racing.raceNextRead();

        assertThat(customers.handle(message)).isEqualTo(new ConcurrentChange(ticket.number()));
        assertThat(desk.messenger.told()).as("nothing said").hasSize(told);
        assertThat(desk.stores.tickets().find(ticket.id()).orElseThrow().escalated()).isFalse();

        assertThat(customers.handle(message)).isInstanceOf(CustomerOutcome.Updated.class);
        assertThat(desk.stores.tickets().find(ticket.id()).orElseThrow().escalated()).isTrue();
    }

    @Test
    @DisplayName("R10: a refused message is not kept in any conversation, only answered")
    void refusedNotKept() {
        ThreadMessage mail = new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN, MessageId.of("x1@evil.example"),
                "Hello", "mallory@evil.example", "Let me in.", desk.clock.instant(), List.of());

        desk.context.transactions().run(tx -> desk.customers.handle(tx, new CustomerCommand.OpenTicket(
                email("mallory@evil.example"), "", Optional.empty(), complete("2"), false),
                new Received(Optional.empty(), mail, "c0ffee02")));

        assertThat(desk.messenger.received()).isEmpty();
        assertThat(desk.messenger.told(CustomerNotice.UnknownSender.class)).hasSize(1);
    }

    @Test
    @DisplayName("R10: a sender who is not an authorized contact gets an explanation and no ticket")
    void unknownSender() {
        CustomerOutcome outcome = open("mallory@evil.example", complete("2"));

        assertThat(outcome).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(((CustomerOutcome.Rejected) outcome).problem().code()).isEqualTo(ProblemCode.NOT_ALLOWED);
        assertThat(desk.messenger.told(CustomerNotice.UnknownSender.class)).singleElement()
                .satisfies(n -> assertThat(n.to().email()).isEqualTo(email("mallory@evil.example")));
        assertThat(desk.stores.tickets().queue(java.util.EnumSet.allOf(TicketStatus.class), Optional.empty(),
                LocalDate.parse("2026-03-02"), 0, 10)).isEmpty();
    }

    @Test
    @DisplayName("R10: a contact removed by the customer can no longer open tickets")
    void removedContact() {
        desk.stores.contacts().deactivate(desk.bob.id());

        assertThat(open("bob@acme.example", complete("3"))).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(desk.messenger.told(CustomerNotice.UnknownSender.class)).hasSize(1);
    }

    @Test
    @DisplayName("R1: an account whose coverage ended gets a refusal naming the account manager, and no ticket")
    void coverageEnded() {
        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.of(LocalDate.parse("2026-03-01")));

        assertThat(open("alice@acme.example", complete("2"))).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).singleElement()
                .satisfies(n -> assertThat(n.manager().name()).isEqualTo("Marie Curie"));
    }

    @Test
    @DisplayName("R1: the last day of coverage is still covered")
    void lastCoveredDay() {
        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.of(LocalDate.parse("2026-03-02")));

        assertThat(open("alice@acme.example", complete("2"))).isInstanceOf(CustomerOutcome.Opened.class);
    }

    @Test
    @DisplayName("R5: a request missing fields is created on hold and the answer lists every missing field at once")
    void missingFields() {
        IntakeDraft partial = IntakeDraft.empty().with(IntakeField.SUBJECT, "Console slow")
                .with(IntakeField.DESCRIPTION, "The console takes a minute to load.")
                .with(IntakeField.SEVERITY, "urgentt");

        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", partial)).ticket();

        assertThat(ticket.status()).isEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(ticket.due().firstResponseBy()).as("no response target before intake is complete").isEmpty();
        CustomerNotice.Acknowledged ack = desk.messenger.told(CustomerNotice.Acknowledged.class).get(0);
        assertThat(ack.missing()).containsExactly(IntakeField.SEVERITY, IntakeField.SERVER_URL, IntakeField.MODULE,
                IntakeField.STEPS_TO_REPRODUCE, IntakeField.AFFECTED_DEVICES, IntakeField.VERSION);
        assertThat(ack.problems()).anySatisfy(p -> assertThat(p.detail()).contains("urgentt").contains("1, 2, 3 or 4"));
    }

    @Test
    @DisplayName("R5: a reply that supplies the missing fields moves the ticket to the queue by itself")
    void replyCompletesIntake() {
        IntakeDraft partial = IntakeDraft.empty().with(IntakeField.SUBJECT, "Console slow")
                .with(IntakeField.DESCRIPTION, "The console takes a minute to load.");
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", partial)).ticket();
        desk.clock.advance(Duration.ofHours(2));

        IntakeDraft rest = complete("3").with(IntakeField.SUBJECT, null).with(IntakeField.DESCRIPTION, null);
        CustomerOutcome outcome = write("bob@acme.example", ticket.number(), rest, "Here is everything.");

        Ticket updated = ((CustomerOutcome.Updated) outcome).ticket();
        assertThat(updated.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(updated.fields().subject()).isEqualTo("Console slow");
        assertThat(updated.severity()).contains(Severity.S3);
        assertThat(updated.due().firstResponseBy()).contains(desk.clock.instant().plus(Duration.ofHours(8)));
        assertThat(desk.messenger.told(CustomerNotice.IntakeComplete.class)).hasSize(1);
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind)
                .contains(EventKind.FIELDS_UPDATED, EventKind.INTAKE_COMPLETED);
    }

    @Test
    @DisplayName("R5: a reply that still lacks fields is told what remains")
    void replyStillMissing() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", IntakeDraft.empty()
                .with(IntakeField.SUBJECT, "Console slow"))).ticket();

        write("bob@acme.example", ticket.number(), IntakeDraft.empty().with(IntakeField.MODULE, "Agent"), "module");

        assertThat(desk.stores.tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(desk.messenger.told(CustomerNotice.StillMissing.class)).singleElement()
                .satisfies(n -> assertThat(n.missing()).doesNotContain(IntakeField.MODULE, IntakeField.SUBJECT)
                        .contains(IntakeField.SEVERITY));
    }

    @Test
    @DisplayName("R14, R18: a severity-1 ticket is escalated at creation and the staff hear of it")
    void severityOne() {
        Ticket ticket = ((CustomerOutcome.Opened) open("alice@acme.example", complete("1"))).ticket();

        assertThat(ticket.escalated()).isTrue();
        assertThat(desk.staff.notices(StaffNotice.NewSeverityOne.class)).hasSize(1);
        assertThat(desk.staff.notices(StaffNotice.Escalation.class)).hasSize(1);
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind).contains(EventKind.ESCALATED);
    }

    @Test
    @DisplayName("R18: the customer may ask for escalation in an update")
    void escalationRequested() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();

        CustomerOutcome outcome = desk.customers.handle(new CustomerCommand.AddCustomerMessage(email("bob@acme.example"),
                "Bob", Optional.empty(), ticket.number(), IntakeDraft.empty(), "Escalate: this blocks us", true));

        assertThat(((CustomerOutcome.Updated) outcome).ticket().escalated()).isTrue();
        assertThat(desk.messenger.told(CustomerNotice.Escalated.class)).hasSize(1);
        assertThat(desk.staff.notices(StaffNotice.Escalation.class)).singleElement()
                .satisfies(n -> assertThat(n.reason()).contains("customer"));
    }

    @Test
    @DisplayName("R10: a contact of another account gets no access to the ticket, which does not change")
    void otherAccount() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();

        CustomerOutcome outcome = write("gina@globex.example", ticket.number(), IntakeDraft.empty(), "let me in");

        assertThat(outcome).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(desk.messenger.told(CustomerNotice.NoAccess.class)).singleElement()
                .satisfies(n -> assertThat(n.ticket()).isEmpty());
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind).containsExactly(EventKind.CREATED);
    }

    @Test
    @DisplayName("R10: another authorized contact of the same account may add to the ticket")
    void colleague() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();

        assertThat(write("alice@acme.example", ticket.number(), IntakeDraft.empty(), "more logs attached"))
                .isInstanceOf(CustomerOutcome.Updated.class);
    }

    @Test
    @DisplayName("R12a: an answer to a question brings the ticket back to its technician")
    void answerToQuestion() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();
        desk.staffDesk.handle(new StaffCommand.Claim(tech, ticket.number(), true));
        desk.staffDesk.handle(new StaffCommand.Ask(tech, ticket.number(), "Which agent version?"));

        Ticket updated = ((CustomerOutcome.Updated) write("bob@acme.example", ticket.number(), IntakeDraft.empty(),
                "9.5.0.12")).ticket();

        assertThat(updated.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(updated.due().nextUpdateBy()).as("R16: an update is due again").isPresent();
    }

    @Test
    @DisplayName("R9: a message on a ticket on hold resumes it")
    void holdResumes() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();
        desk.staffDesk.handle(new StaffCommand.Claim(tech, ticket.number(), true));
        desk.staffDesk.handle(new StaffCommand.Hold(tech, ticket.number(), "Add 8 GB of RAM to the server."));

        Ticket updated = ((CustomerOutcome.Updated) write("bob@acme.example", ticket.number(), IntakeDraft.empty(),
                "RAM added, fixed on our side")).ticket();

        assertThat(updated.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind).contains(EventKind.RESUMED);
    }

    @Test
    @DisplayName("R13: a reply within the reopen window reopens a resolved ticket")
    void reopenWithinWindow() {
        Ticket ticket = resolved();
        desk.clock.advance(Duration.ofDays(7).minusSeconds(1));

        Ticket reopened = ((CustomerOutcome.Updated) write("bob@acme.example", ticket.number(), IntakeDraft.empty(),
                "Still broken")).ticket();

        assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(reopened.resolution()).isEmpty();
        assertThat(desk.messenger.told(CustomerNotice.Reopened.class)).hasSize(1);
    }

    @Test
    @DisplayName("R5, R13: a reopened ticket that still lacks required fields asks for them again instead of joining the queue")
    void reopenStillMissing() {
        Ticket ticket = resolvedWhileMissing();
        desk.clock.advance(Duration.ofDays(1));

        Ticket reopened = ((CustomerOutcome.Updated) write("bob@acme.example", ticket.number(),
                IntakeDraft.empty().with(IntakeField.MODULE, "Agent"), "Still slow")).ticket();

        assertThat(reopened.status()).isEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(reopened.resolution()).isEmpty();
        assertThat(reopened.fields().module()).contains("Agent");
        assertThat(reopened.due().firstResponseBy()).as("no response target before intake is complete").isEmpty();
        assertThat(desk.messenger.told(CustomerNotice.Reopened.class)).as("not told it is back in the queue").isEmpty();
        assertThat(desk.messenger.told(CustomerNotice.StillMissing.class)).singleElement()
                .satisfies(n -> assertThat(n.missing()).contains(IntakeField.SEVERITY).doesNotContain(IntakeField.MODULE));
        assertThat(desk.stores.tickets().events(ticket.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.REOPENED);
            assertThat(e.to()).contains(TicketStatus.AWAITING_INFO);
        });
    }

    @Test
    @DisplayName("R5, R13: a reply reopening a ticket that lacked fields and supplying them all puts it in the queue")
    void reopenCompletes() {
        Ticket ticket = resolvedWhileMissing();
        desk.clock.advance(Duration.ofDays(1));

        IntakeDraft rest = complete("3").with(IntakeField.SUBJECT, null).with(IntakeField.DESCRIPTION, null);
        Ticket reopened = ((CustomerOutcome.Updated) write("bob@acme.example", ticket.number(), rest,
                "Here is everything")).ticket();

        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(reopened.due().firstResponseBy()).contains(desk.clock.instant().plus(Duration.ofHours(8)));
        assertThat(desk.messenger.told(CustomerNotice.IntakeComplete.class)).hasSize(1);
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind)
                .contains(EventKind.REOPENED, EventKind.INTAKE_COMPLETED);
    }

    @Test
    @DisplayName("R13: a reply exactly 7 days after resolution opens a new ticket linked to the old one")
    void replyAfterWindow() {
        Ticket old = resolved();
        desk.clock.advance(Duration.ofDays(7));

        CustomerOutcome outcome = write("bob@acme.example", old.number(), IntakeDraft.empty(), "It came back");

        CustomerOutcome.Opened opened = (CustomerOutcome.Opened) outcome;
        assertThat(opened.previous()).contains(old.number());
        assertThat(opened.ticket().previousTicket()).contains(old.id());
        assertThat(opened.ticket().fields().subject()).isEqualTo(old.fields().subject());
        assertThat(opened.ticket().fields().description()).isEqualTo("It came back");
        assertThat(desk.stores.tickets().find(old.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(desk.messenger.told(CustomerNotice.Acknowledged.class)).last()
                .satisfies(ack -> assertThat(ack.previousTicket()).contains(old.number()));
    }

    @Test
    @DisplayName("R13: a closed ticket is never reopened: a reply opens a new linked ticket")
    void closedTicket() {
        Ticket old = resolved();
        Ticket stored = desk.stores.tickets().find(old.id()).orElseThrow();
        Ticket closed = ((io.guichet.core.ticket.TransitionResult.Applied) io.guichet.core.ticket.Lifecycle.apply(
                stored, new io.guichet.core.ticket.Transition.Close(), Actor.SYSTEM, desk.clock.instant())).ticket();
        desk.stores.tickets().update(closed);

        CustomerOutcome outcome = write("bob@acme.example", old.number(), IntakeDraft.empty(), "Again");

        assertThat(((CustomerOutcome.Opened) outcome).previous()).contains(old.number());
        assertThat(desk.stores.tickets().find(old.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    @DisplayName("R20: a version outside the support window is pointed out in the acknowledgement")
    void unsupportedVersion() {
        desk.stores.versions().add(new ProductVersion("VSA", "9.4", LocalDate.parse("2023-01-10"), true, Optional.empty()));
        desk.stores.versions().add(new ProductVersion("VSA", "9.5", LocalDate.parse("2024-01-10"), true, Optional.empty()));
        desk.stores.versions().add(new ProductVersion("VSA", "10.0", LocalDate.parse("2025-01-10"), true, Optional.empty()));

        open("bob@acme.example", complete("3").with(IntakeField.VERSION, "VSA 9.4"));
        open("bob@acme.example", complete("3").with(IntakeField.VERSION, "VSA 10.0.1"));

        assertThat(desk.messenger.told(CustomerNotice.Acknowledged.class))
                .extracting(ack -> ack.unsupportedVersion().isPresent()).containsExactly(true, false);
    }

    @Test
    @DisplayName("R10, R15: the submitter's certification is kept on the ticket for triage")
    void certifiedSubmitter() {
        Ticket ticket = ((CustomerOutcome.Opened) open("alice@acme.example", complete("3"))).ticket();

        assertThat(ticket.submitterCertifiedOn(LocalDate.parse("2026-03-02"))).isTrue();
    }

    private Ticket resolved() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", complete("3"))).ticket();
        desk.staffDesk.handle(new StaffCommand.Claim(tech, ticket.number(), true));
        desk.staffDesk.handle(new StaffCommand.Resolve(tech, ticket.number(), ResolutionReason.WORKS_AS_DOCUMENTED,
                "See the documentation."));
        return desk.stores.tickets().find(ticket.id()).orElseThrow();
    }

    /** A ticket opened without its required fields and resolved (R12a) before they arrived. */
    private Ticket resolvedWhileMissing() {
        Ticket ticket = ((CustomerOutcome.Opened) open("bob@acme.example", IntakeDraft.empty()
                .with(IntakeField.SUBJECT, "Console slow").with(IntakeField.DESCRIPTION, "Slow."))).ticket();
        desk.staffDesk.handle(new StaffCommand.Resolve(tech, ticket.number(), ResolutionReason.NO_RESPONSE, ""));
        Ticket resolved = desk.stores.tickets().find(ticket.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        return resolved;
    }

    private CustomerOutcome open(String from, IntakeDraft draft) {
        return desk.customers.handle(new CustomerCommand.OpenTicket(email(from), "", Optional.empty(), draft, false));
    }

    private CustomerOutcome write(String from, TicketNumber number, IntakeDraft draft, String text) {
        return desk.customers.handle(new CustomerCommand.AddCustomerMessage(email(from), "", Optional.empty(), number,
                draft, text, false));
    }
}
