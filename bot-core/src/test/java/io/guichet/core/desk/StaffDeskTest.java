package io.guichet.core.desk;

import io.guichet.core.ProblemCode;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.RacingTicketStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Optional;

import static io.guichet.core.testing.DeskFixture.complete;
import static io.guichet.core.testing.DeskFixture.email;
import static org.assertj.core.api.Assertions.assertThat;

class StaffDeskTest {

    private final DeskFixture desk = new DeskFixture();
    private final Actor.Staff tess = new Actor.Staff("tess", "tess");
    private final Actor.Staff tom = new Actor.Staff("tom", "tom");
    private Ticket ticket;

    @BeforeEach
    void openTicket() {
        CustomerOutcome outcome = desk.customers.handle(new CustomerCommand.OpenTicket(email("bob@acme.example"), "Bob",
                Optional.empty(), complete("3"), false));
        ticket = ((CustomerOutcome.Opened) outcome).ticket();
        desk.messenger.clear();
        desk.clock.advance(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("R15: claiming takes the ticket from the queue; a repeated click changes nothing")
    void claim() {
        StaffOutcome first = handle(new StaffCommand.Claim(tess, ticket.number(), true));
        StaffOutcome second = handle(new StaffCommand.Claim(tess, ticket.number(), true));

        assertThat(((StaffOutcome.Done) first).ticket().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(second).isInstanceOf(StaffOutcome.Refused.class);
        assertThat(kinds()).containsOnlyOnce(EventKind.CLAIMED);
    }

    @Test
    @DisplayName("R16: a reply mails the contact, records the first response and sets the next update target")
    void reply() {
        StaffOutcome outcome = handle(new StaffCommand.Reply(tess, ticket.number(), "Please restart the agent service."));

        Ticket replied = ((StaffOutcome.Done) outcome).ticket();
        assertThat(replied.due().firstRespondedAt()).contains(desk.clock.instant());
        assertThat(replied.due().nextUpdateBy()).contains(desk.clock.instant().plus(Duration.ofHours(16)));
        assertThat(replied.status()).as("replying to an unclaimed ticket claims it").isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(desk.messenger.told(CustomerNotice.StaffReply.class)).singleElement().satisfies(n -> {
            assertThat(n.to().email()).isEqualTo(email("bob@acme.example"));
            assertThat(n.text()).isEqualTo("Please restart the agent service.");
            assertThat(n.question()).isFalse();
        });
    }

    @Test
    @DisplayName("R8, R12a: a question (e.g. reproduce in a controlled environment) waits on the customer and pauses our update target")
    void ask() {
        handle(new StaffCommand.Claim(tess, ticket.number(), true));
        Ticket waiting = ((StaffOutcome.Done) handle(new StaffCommand.Ask(tess, ticket.number(), "Which version?"))).ticket();

        assertThat(waiting.status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(waiting.due().nextUpdateBy()).isEmpty();
        assertThat(desk.messenger.told(CustomerNotice.StaffReply.class)).singleElement()
                .satisfies(n -> assertThat(n.question()).isTrue());
    }

    @Test
    @DisplayName("R2: an internal note is recorded and never mailed")
    void note() {
        handle(new StaffCommand.Note(tess, ticket.number(), "Customer sounds upset"));

        assertThat(desk.messenger.told()).isEmpty();
        assertThat(desk.stores.tickets().events(ticket.id())).last()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("Customer sounds upset"));
    }

    @Test
    @DisplayName("R6, R17: a severity change needs a reason")
    void severityNeedsReason() {
        StaffOutcome outcome = handle(new StaffCommand.ChangeSeverity(tess, ticket.number(), Severity.S4, " "));

        assertThat(((StaffOutcome.Refused) outcome).problems()).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo(ProblemCode.MISSING));
        assertThat(desk.stores.tickets().find(ticket.id()).orElseThrow().severity()).contains(Severity.S3);
    }

    @Test
    @DisplayName("R6, R17: a downgrade keeps the original severity, tells the customer why and warns the staff")
    void downgrade() {
        Ticket changed = ((StaffOutcome.Done) handle(new StaffCommand.ChangeSeverity(tess, ticket.number(), Severity.S4,
                "Diagnostic steps not followed"))).ticket();

        assertThat(changed.severity()).contains(Severity.S4);
        assertThat(changed.originalSeverity()).contains(Severity.S3);
        assertThat(desk.messenger.told(CustomerNotice.SeverityChanged.class)).singleElement()
                .satisfies(n -> assertThat(n.reason()).isEqualTo("Diagnostic steps not followed"));
        assertThat(desk.staff.notices(StaffNotice.Downgraded.class)).hasSize(1);
    }

    @Test
    @DisplayName("R14, R18: raising a ticket to severity 1 escalates it and re-times its target round the clock")
    void raiseToOne() {
        Ticket changed = ((StaffOutcome.Done) handle(new StaffCommand.ChangeSeverity(tess, ticket.number(), Severity.S1,
                "Server down"))).ticket();

        assertThat(changed.escalated()).isTrue();
        assertThat(changed.due().firstResponseBy()).contains(desk.clock.instant().plus(Duration.ofHours(1)));
        assertThat(desk.staff.notices(StaffNotice.Escalation.class)).hasSize(1);
    }

    @Test
    @DisplayName("R9: holding needs the change to make, tells the customer, and pauses the update target")
    void hold() {
        assertThat(handle(new StaffCommand.Hold(tess, ticket.number(), ""))).isInstanceOf(StaffOutcome.Refused.class);

        Ticket held = ((StaffOutcome.Done) handle(new StaffCommand.Hold(tess, ticket.number(),
                "Upgrade the server to 16 GB of RAM."))).ticket();

        assertThat(held.status()).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(desk.messenger.told(CustomerNotice.OnHold.class)).hasSize(1);
        assertThat(((StaffOutcome.Done) handle(new StaffCommand.Resume(tess, ticket.number()))).ticket().status())
                .isEqualTo(TicketStatus.OPEN);
    }

    @ParameterizedTest
    @EnumSource(ResolutionReason.class)
    @DisplayName("R3, R12a-g, R21: resolving (out of scope, exclusions included) records the reason and mails its explanation")
    void resolve(ResolutionReason reason) {
        Ticket resolved = ((StaffOutcome.Done) handle(new StaffCommand.Resolve(tess, ticket.number(), reason,
                "Details."))).ticket();

        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.resolution()).contains(reason);
        assertThat(desk.messenger.told(CustomerNotice.Resolved.class)).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(reason);
            assertThat(n.manager().name()).as("R12f names the account manager").isEqualTo("Marie Curie");
        });
        assertThat(desk.stores.tickets().events(ticket.id())).last()
                .satisfies(e -> assertThat(e.detail()).contains(reason.rule()));
    }

    @ParameterizedTest
    @EnumSource(value = ResolutionReason.class, names = {"EXCLUDED_INTEGRATION", "EXCLUDED_MISUSE",
            "EXCLUDED_ENVIRONMENT", "EXCLUDED_UPGRADE_TESTING", "EXCLUDED_OTHER_PURPOSE", "EXCLUDED_UNCERTIFIED",
            "EXCLUDED_UPDATE_NOT_INSTALLED", "OUT_OF_SCOPE"})
    @DisplayName("R21, R3: a request is declined at intake for each exclusion (or as outside support): resolved with it, audited as a decline, the customer told why")
    void decline(ResolutionReason reason) {
        Ticket declined = ((StaffOutcome.Done) handle(new StaffCommand.Decline(tess, ticket.number(), reason,
                "Custom connector."))).ticket();

        assertThat(declined.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(declined.resolution()).contains(reason);
        assertThat(desk.messenger.told(CustomerNotice.Resolved.class)).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(reason);
            assertThat(n.text()).isEqualTo("Custom connector.");
            assertThat(n.manager().name()).isEqualTo("Marie Curie");
        });
        assertThat(desk.stores.tickets().events(ticket.id())).last().satisfies(e -> assertThat(e.detail())
                .isEqualTo("declined at intake: " + reason.rule() + " " + reason.code()));
    }

    @Test
    @DisplayName("R21: a request still waiting for its fields may be declined at intake")
    void declineAwaitingInfo() {
        Ticket partial = ((CustomerOutcome.Opened) desk.customers.handle(new CustomerCommand.OpenTicket(
                email("bob@acme.example"), "Bob", Optional.empty(), io.guichet.core.intake.IntakeDraft.empty()
                .with(io.guichet.core.intake.IntakeField.SUBJECT, "Our own plug-in crashes"), false))).ticket();

        StaffOutcome outcome = handle(new StaffCommand.Decline(tess, partial.number(),
                ResolutionReason.EXCLUDED_INTEGRATION, ""));

        assertThat(((StaffOutcome.Done) outcome).ticket().status()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    @DisplayName("R21: a decline needs an exclusion (not another reason) and a request not yet worked on; refusals say what to do")
    void declineRefusals() {
        StaffOutcome wrongReason = handle(new StaffCommand.Decline(tess, ticket.number(),
                ResolutionReason.WORKS_AS_DOCUMENTED, ""));
        handle(new StaffCommand.Claim(tess, ticket.number(), true));
        StaffOutcome worked = handle(new StaffCommand.Decline(tess, ticket.number(), ResolutionReason.EXCLUDED_MISUSE, ""));

        assertThat(((StaffOutcome.Refused) wrongReason).problems().get(0).detail())
                .contains("excluded-integration (R21a)", "/ticket resolve");
        assertThat(((StaffOutcome.Refused) worked).problems().get(0).detail())
                .contains("IN_PROGRESS", "/ticket resolve reason:excluded-misuse");
        assertThat(desk.stores.tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(desk.messenger.told(CustomerNotice.Resolved.class)).isEmpty();
    }

    @Test
    @DisplayName("R17: a technician lowers the update frequency without changing the severity: next update re-planned, later ones on the new interval, audited, the customer told")
    void lowerUpdateFrequency() {
        Ticket answered = ((StaffOutcome.Done) handle(new StaffCommand.Reply(tess, ticket.number(), "Looking into it.")))
                .ticket();
        Duration every = Duration.ofHours(40);

        StaffOutcome outcome = handle(new StaffCommand.LowerUpdateFrequency(tess, ticket.number(), every,
                "The administrator is on leave this week."));

        Ticket slower = ((StaffOutcome.Done) outcome).ticket();
        assertThat(slower.severity()).contains(Severity.S3);
        assertThat(slower.due().updateInterval()).contains(every);
        assertThat(slower.due().nextUpdateBy().orElseThrow()).as("re-planned on the longer interval")
                .isAfter(answered.due().nextUpdateBy().orElseThrow());
        assertThat(desk.stores.tickets().events(ticket.id())).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.UPDATE_INTERVAL_CHANGED);
            assertThat(e.actor()).isEqualTo(tess);
            assertThat(e.detail()).contains("R17", "PT40H", "PT16H", "severity 3 kept", "on leave");
        });
        assertThat(desk.deadlines.ofTicket(ticket.id())).as("the deadline follows")
                .anySatisfy(d -> assertThat(d.dueAt()).isEqualTo(slower.due().nextUpdateBy().orElseThrow()));
        assertThat(desk.messenger.told(CustomerNotice.UpdateFrequencyLowered.class)).as("the customer is told (R17)")
                .singleElement().satisfies(n -> {
                    assertThat(n.about().number()).isEqualTo(ticket.number());
                    assertThat(n.was()).isEqualTo(Duration.ofHours(16));
                    assertThat(n.every()).isEqualTo(every);
                    assertThat(n.reason()).contains("on leave");
                });

        desk.clock.advance(Duration.ofMinutes(5));
        Ticket replied = ((StaffOutcome.Done) handle(new StaffCommand.Reply(tess, ticket.number(), "Still on it.")))
                .ticket();
        assertThat(replied.due().updateInterval()).as("kept for later updates").contains(every);
        assertThat(replied.due().nextUpdateBy().orElseThrow()).isAfter(slower.due().nextUpdateBy().orElseThrow());
    }

    @Test
    @DisplayName("R17: lowering the update frequency needs a reason and a longer interval than the current one; a severity change ends it")
    void lowerUpdateFrequencyRefusals() {
        StaffOutcome noReason = handle(new StaffCommand.LowerUpdateFrequency(tess, ticket.number(), Duration.ofHours(40), " "));
        StaffOutcome faster = handle(new StaffCommand.LowerUpdateFrequency(tess, ticket.number(), Duration.ofHours(4),
                "Contact away."));
        assertThat(((StaffOutcome.Refused) noReason).problems().get(0).detail()).contains("reason", "R17");
        assertThat(((StaffOutcome.Refused) faster).problems().get(0).detail()).contains("longer interval", "/ticket severity");
        assertThat(desk.messenger.told(CustomerNotice.UpdateFrequencyLowered.class)).as("nothing told when refused")
                .isEmpty();

        handle(new StaffCommand.LowerUpdateFrequency(tess, ticket.number(), Duration.ofHours(40), "Contact away."));
        Ticket raised = ((StaffOutcome.Done) handle(new StaffCommand.ChangeSeverity(tess, ticket.number(), Severity.S2,
                "Production impact grew."))).ticket();
        assertThat(raised.due().updateInterval()).isEmpty();
    }

    @Test
    @DisplayName("R15, R16: a phone call recorded on a ticket is its first response and sets the next update target; it is in the history, nothing is mailed")
    void phoneCall() {
        StaffOutcome outcome = handle(new StaffCommand.RecordCall(tess, ticket.number(),
                "Called Bob: the agent restarts at night.", io.guichet.core.intake.IntakeDraft.empty()));

        Ticket called = ((StaffOutcome.Done) outcome).ticket();
        assertThat(called.due().firstRespondedAt()).contains(desk.clock.instant());
        assertThat(called.due().nextUpdateBy()).contains(desk.clock.instant().plus(Duration.ofHours(16)));
        assertThat(called.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(called.assignee()).contains(tess);
        assertThat(desk.stores.tickets().events(ticket.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PHONE_CALL);
            assertThat(e.actor()).isEqualTo(tess);
            assertThat(e.detail()).isEqualTo("Called Bob: the agent restarts at night.");
        });
        assertThat(desk.messenger.told()).isEmpty();
        assertThat(desk.deadlines.ofTicket(ticket.id())).extracting(d -> d.kind())
                .doesNotContain(io.guichet.core.deadline.DeadlineKind.FIRST_RESPONSE_TARGET);
    }

    @Test
    @DisplayName("R5, R15: a call can fill the missing fields: once complete the ticket leaves waiting, with the call as its first response; until then it says what is missing")
    void phoneCallFillsFields() {
        Ticket partial = ((CustomerOutcome.Opened) desk.customers.handle(new CustomerCommand.OpenTicket(
                email("bob@acme.example"), "Bob", Optional.empty(), io.guichet.core.intake.IntakeDraft.empty()
                .with(io.guichet.core.intake.IntakeField.SUBJECT, "Console slow")
                .with(io.guichet.core.intake.IntakeField.DESCRIPTION, "Takes a minute."), false))).ticket();
        io.guichet.core.intake.IntakeDraft some = io.guichet.core.intake.IntakeDraft.empty()
                .with(io.guichet.core.intake.IntakeField.SEVERITY, "3")
                .with(io.guichet.core.intake.IntakeField.MODULE, "Agent");
        io.guichet.core.intake.IntakeDraft rest = complete("3").with(io.guichet.core.intake.IntakeField.SUBJECT, null)
                .with(io.guichet.core.intake.IntakeField.DESCRIPTION, null);

        StaffOutcome first = handle(new StaffCommand.RecordCall(tess, partial.number(), "Bob gave the severity.", some));
        assertThat(((StaffOutcome.Done) first).summary()).contains("still missing", "Server URL");
        assertThat(((StaffOutcome.Done) first).ticket().status()).isEqualTo(TicketStatus.AWAITING_INFO);

        StaffOutcome second = handle(new StaffCommand.RecordCall(tess, partial.number(), "Bob gave the rest.", rest));
        Ticket complete = ((StaffOutcome.Done) second).ticket();
        assertThat(complete.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(complete.severity()).contains(Severity.S3);
        assertThat(complete.due().firstRespondedAt()).contains(desk.clock.instant());
        assertThat(desk.stores.tickets().events(partial.id())).extracting(TicketEvent::kind)
                .contains(EventKind.PHONE_CALL, EventKind.FIELDS_UPDATED, EventKind.INTAKE_COMPLETED);
    }

    @Test
    @DisplayName("R4: a call with an invalid field value is refused whole, naming it; an empty summary is refused")
    void phoneCallRefusals() {
        StaffOutcome invalid = handle(new StaffCommand.RecordCall(tess, ticket.number(), "Bob called.",
                io.guichet.core.intake.IntakeDraft.empty().with(io.guichet.core.intake.IntakeField.SEVERITY, "urgentt")));
        StaffOutcome empty = handle(new StaffCommand.RecordCall(tess, ticket.number(), " ",
                io.guichet.core.intake.IntakeDraft.empty()));

        assertThat(((StaffOutcome.Refused) invalid).problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("urgentt"));
        assertThat(((StaffOutcome.Refused) empty).problems().get(0).detail()).contains("what the call was about");
        assertThat(kinds()).doesNotContain(EventKind.PHONE_CALL);
    }

    @Test
    @DisplayName("R13: a resolved ticket takes no reply from staff; the customer reopens it by answering")
    void replyToResolved() {
        handle(new StaffCommand.Resolve(tess, ticket.number(), ResolutionReason.NO_LONGER_NEEDED, ""));

        StaffOutcome outcome = handle(new StaffCommand.Reply(tess, ticket.number(), "One more thing"));

        assertThat(((StaffOutcome.Refused) outcome).problems().get(0).code()).isEqualTo(ProblemCode.CONFLICT);
    }

    @Test
    @DisplayName("a command handled in the caller's transaction records its refusal there and opens no other transaction (no second connection)")
    void refusalInTheCallersTransaction() {
        DeskPorts c = desk.context;
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        io.guichet.core.port.Transactions single = new io.guichet.core.port.Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Function<io.guichet.core.port.Tx, T> work) {
                if (open.getAndIncrement() > 0) {
                    throw new AssertionError("a second transaction was opened inside the first");
                }
                try {
                    return c.transactions().inTransaction(work);
                } finally {
                    open.decrementAndGet();
                }
            }
        };
        StaffDesk staff = new StaffDesk(new DeskPorts(single, c.tickets(), c.deadlines(), c.contacts(), c.versions(),
                c.messenger(), c.staff(), c.audit(), c.policy(), c.hours(), c.clock()));
        int before = desk.audit.all().size();

        StaffOutcome outcome = single.inTransaction(tx -> staff.handle(tx, new StaffCommand.Reply(tess, ticket.number(), " ")));

        assertThat(outcome).isInstanceOf(StaffOutcome.Refused.class);
        assertThat(desk.audit.all()).hasSize(before + 1).last()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(io.guichet.core.audit.AuditKind.COMMAND_REFUSED));
    }

    @Test
    @DisplayName("a ticket changed meanwhile is an outcome the console renders, recorded as a refused command; tried again, it is done")
    void concurrentChangeIsAnOutcome() {
        RacingTicketStore racing = new RacingTicketStore(desk.stores.tickets());
        DeskPorts c = desk.context;
        StaffDesk staff = new StaffDesk(new DeskPorts(c.transactions(), PerTransaction.same(racing), c.deadlines(), c.contacts(),
                c.versions(), c.messenger(), c.staff(), c.audit(), c.policy(), c.hours(), c.clock()));
        StaffCommand note = new StaffCommand.Note(tess, ticket.number(), "Asked the network team.");
        racing.raceNextRead();

        assertThat(staff.handle(note)).isEqualTo(new ConcurrentChange(ticket.number()));
        assertThat(desk.stores.tickets().events(ticket.id())).extracting(TicketEvent::kind).doesNotContain(EventKind.NOTE);
        assertThat(desk.audit.all()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(io.guichet.core.audit.AuditKind.COMMAND_REFUSED);
            assertThat(e.detail()).contains("changed meanwhile");
        });

        assertThat(staff.handle(note)).isInstanceOf(StaffOutcome.Done.class);
    }

    @Test
    @DisplayName("R18: escalation warns management and the customer, once")
    void escalate() {
        handle(new StaffCommand.Escalate(tom, ticket.number(), "Customer is a key account"));
        StaffOutcome again = handle(new StaffCommand.Escalate(tom, ticket.number(), "again"));

        assertThat(again).isInstanceOf(StaffOutcome.Refused.class);
        assertThat(desk.staff.notices(StaffNotice.Escalation.class)).hasSize(1);
        assertThat(desk.messenger.told(CustomerNotice.Escalated.class)).hasSize(1);
    }

    @Test
    @DisplayName("R7: a server access is logged with the technician, date and time, and the customer is told")
    void serverAccess() {
        handle(new StaffCommand.RecordServerAccess(tess, ticket.number(), "RDP to vsa.acme.example"));

        assertThat(desk.stores.tickets().events(ticket.id())).filteredOn(e -> e.kind() == EventKind.SERVER_ACCESS)
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(tess);
                    assertThat(e.at()).isEqualTo(desk.clock.instant());
                    assertThat(e.detail()).isEqualTo("RDP to vsa.acme.example");
                });
        assertThat(desk.messenger.told(CustomerNotice.ServerAccessed.class)).as("the customer can see the log")
                .singleElement().satisfies(n -> {
                    assertThat(n.technician()).isEqualTo("tess");
                    assertThat(n.at()).isEqualTo(desk.clock.instant());
                });
    }

    @Test
    @DisplayName("R2: a command on a ticket that does not exist names the number")
    void unknownTicket() {
        StaffOutcome outcome = handle(new StaffCommand.Claim(tess, new TicketNumber(99_999), true));

        assertThat(((StaffOutcome.Refused) outcome).problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.NOT_FOUND);
            assertThat(p.detail()).contains("#99999");
        });
    }

    @Test
    @DisplayName("R2: an empty reply is refused with what to do")
    void emptyReply() {
        StaffOutcome outcome = handle(new StaffCommand.Reply(tess, ticket.number(), "   "));

        assertThat(((StaffOutcome.Refused) outcome).problems().get(0).detail()).contains("empty");
        assertThat(desk.messenger.told()).isEmpty();
    }

    @Test
    @DisplayName("R15: another technician may take over a claimed ticket; the audit names both")
    void takeOver() {
        handle(new StaffCommand.Claim(tess, ticket.number(), true));
        Ticket taken = ((StaffOutcome.Done) handle(new StaffCommand.Claim(tom, ticket.number(), true))).ticket();

        assertThat(taken.assignee().map(Actor.Staff::name)).contains("tom");
        assertThat(desk.stores.tickets().events(ticket.id())).last()
                .satisfies(e -> assertThat(e.detail()).contains("tom").contains("tess"));
    }

    private StaffOutcome handle(StaffCommand command) {
        return desk.staffDesk.handle(command);
    }

    private java.util.List<EventKind> kinds() {
        return desk.stores.tickets().events(ticket.id()).stream().map(TicketEvent::kind).toList();
    }
}
