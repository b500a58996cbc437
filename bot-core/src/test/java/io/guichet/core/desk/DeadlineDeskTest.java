package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline rules on the in-memory fakes, with a clock moved by hand. */
class DeadlineDeskTest {

    private static final Actor.Staff TOM = new Actor.Staff("tom", "tom");

    private final DeskFixture f = new DeskFixture();
    private final DeadlineDesk desk = new DeadlineDesk(f.context);
    private final DeadlineSweep sweep = new DeadlineSweep(f.context, desk, DeadlineSweep.Limits.defaults());

    @Test
    @DisplayName("R12a: reminders after 2 and 5 days, then resolved with reason no-response after 7, each mailed, none early")
    void remindersThenAutoResolve() {
        TicketNumber number = asked("3");
        f.messenger.clear();

        f.clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertThat(sweep.sweep().claimed()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(sweep.sweep().applied()).isEqualTo(1);
        assertThat(f.messenger.told(CustomerNotice.Reminder.class)).singleElement()
                .satisfies(r -> {
                    assertThat(r.number()).isEqualTo(1);
                    assertThat(r.awaitingInfo()).isFalse();
                    assertThat(r.resolvesAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(5)));
                });

        f.clock.advance(Duration.ofDays(3));
        sweep.sweep();
        assertThat(f.messenger.told(CustomerNotice.Reminder.class)).extracting(CustomerNotice.Reminder::number)
                .containsExactly(1, 2);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);

        f.clock.advance(Duration.ofDays(2));
        sweep.sweep();
        Ticket resolved = ticket(number);
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.resolution()).contains(ResolutionReason.NO_RESPONSE);
        assertThat(f.messenger.told(CustomerNotice.Resolved.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(ResolutionReason.NO_RESPONSE);
            assertThat(r.by()).as("resolved by the deadline, not a person").isEqualTo(io.guichet.core.ticket.Actor.SYSTEM);
        });
        assertThat(kinds(resolved)).containsExactly(DeadlineKind.REMINDER, DeadlineKind.REMINDER, DeadlineKind.CLOSE);
        assertThat(sweep.sweep().claimed()).isZero();
    }

    @Test
    @DisplayName("R5, R12a: a ticket awaiting information is reminded of it, then resolved after 7 days")
    void awaitingInfo() {
        CustomerOutcome opened = f.customers.handle(new CustomerCommand.OpenTicket(f.alice.email(), "Alice",
                Optional.empty(), io.guichet.core.intake.IntakeDraft.empty().with(
                        io.guichet.core.intake.IntakeField.SUBJECT, "Agents offline"), false));
        TicketNumber number = ((CustomerOutcome.Opened) opened).ticket().number();
        f.clock.advance(Duration.ofDays(2));
        sweep.sweep();
        assertThat(f.messenger.told(CustomerNotice.Reminder.class)).singleElement()
                .satisfies(r -> assertThat(r.awaitingInfo()).isTrue());
        f.clock.advance(Duration.ofDays(5));
        sweep.sweep();
        assertThat(ticket(number).resolution()).contains(ResolutionReason.NO_RESPONSE);
    }

    @Test
    @DisplayName("R12a: the customer's answer cancels the reminders; a late firing of one changes nothing")
    void answerCancels() {
        TicketNumber number = asked("3");
        Deadline reminder = f.deadlines.ofTicket(ticket(number).id()).get(0);
        f.clock.advance(Duration.ofDays(1));
        reply(number);
        assertThat(kinds(ticket(number))).doesNotContain(DeadlineKind.REMINDER, DeadlineKind.AUTO_RESOLVE);

        f.clock.advance(Duration.ofDays(10));
        assertThat(desk.fire(reminder)).isInstanceOf(FireOutcome.Stale.class);
        assertThat(f.messenger.told(CustomerNotice.Reminder.class)).isEmpty();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    @DisplayName("R12a: a deadline fired twice applies once")
    void firedTwice() {
        TicketNumber number = asked("3");
        f.clock.advance(Duration.ofDays(2));
        Deadline reminder = f.deadlines.ofTicket(ticket(number).id()).get(0);
        assertThat(desk.fire(reminder)).isInstanceOf(FireOutcome.Applied.class);
        assertThat(desk.fire(reminder)).isInstanceOf(FireOutcome.Stale.class);
        assertThat(f.messenger.told(CustomerNotice.Reminder.class)).hasSize(1);
    }

    @Test
    @DisplayName("R11, R12a, R17: deadlines applied together give each ticket what they give one by one, a ticket's "
            + "own in due order; staff hear of them once it is done")
    void appliedTogether() {
        TicketNumber s1 = asked("1");
        TicketNumber s3 = asked("3");
        f.messenger.clear();
        f.clock.advance(Duration.ofDays(2));
        Deadline answer = only(s1, DeadlineKind.SEVERITY_ONE_ANSWER);
        Deadline remindS1 = only(s1, DeadlineKind.REMINDER);
        Deadline remindS3 = only(s3, DeadlineKind.REMINDER);
        Deadline notYet = only(s3, DeadlineKind.AUTO_RESOLVE);
        int staffBefore = f.staff.notices().size();

        List<FireOutcome> outcomes = desk.fireAll(List.of(answer, remindS3, remindS1, notYet, remindS3));

        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Applied", "Applied", "Applied", "Stale", "Stale");
        assertThat(ticket(s1).severity()).contains(Severity.S2);
        assertThat(f.messenger.told()).extracting(n -> n.getClass().getSimpleName() + " " + n.ticket().orElseThrow().number())
                .containsExactly("AutomaticDowngrade " + s1, "Reminder " + s3, "Reminder " + s1);
        assertThat(f.staff.notices().subList(staffBefore, f.staff.notices().size()))
                .filteredOn(n -> !(n instanceof StaffNotice.ThreadPost)).singleElement()
                .isInstanceOf(StaffNotice.Downgraded.class);
        assertThat(f.staff.notices().subList(staffBefore, f.staff.notices().size()))
                .filteredOn(StaffNotice.ThreadPost.class::isInstance)
                .extracting(n -> ((StaffNotice.ThreadPost) n).event()).containsExactly(EventKind.SEVERITY_CHANGED);
        assertThat(f.stores.tickets().events(ticket(s1).id())).extracting(TicketEvent::kind)
                .containsSubsequence(EventKind.SEVERITY_CHANGED, EventKind.REMINDER_SENT);
        assertThat(desk.fireAll(List.of(answer, remindS1, remindS3))).allSatisfy(o -> assertThat(o)
                .isInstanceOf(FireOutcome.Stale.class));
        assertThat(f.messenger.told()).hasSize(3);
    }

    @Test
    @DisplayName("R13: 7 days after resolution the ticket is closed for good with a final notice")
    void closesAfterReopenWindow() {
        TicketNumber number = opened("3");
        f.staffDesk.handle(new StaffCommand.Resolve(TOM, number, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.1."));
        f.clock.advance(Duration.ofDays(7).minusSeconds(1));
        sweep.sweep();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.RESOLVED);
        f.clock.advance(Duration.ofSeconds(1));
        sweep.sweep();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(f.messenger.told(CustomerNotice.Closed.class)).hasSize(1);
        assertThat(f.deadlines.ofTicket(ticket(number).id())).isEmpty();
    }

    @Test
    @DisplayName("R13: closing for good queues the ticket's transcript for the log channel, once, with the closing change; "
            + "resolving does not")
    void closingQueuesTranscript() {
        TicketNumber number = opened("3");
        f.staffDesk.handle(new StaffCommand.Resolve(TOM, number, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.1."));
        assertThat(f.staff.notices(StaffNotice.Transcript.class)).isEmpty();
        f.clock.advance(Duration.ofDays(7));
        sweep.sweep();
        sweep.sweep();
        assertThat(f.staff.notices(StaffNotice.Transcript.class)).singleElement().satisfies(t -> {
            assertThat(t.ticket().number()).isEqualTo(number);
            assertThat(t.ticket().status()).as("the ticket as closed").isEqualTo(TicketStatus.CLOSED);
        });
    }

    @Test
    @DisplayName("R15, R18: a missed first-response target escalates and tells the staff, once, even after later saves")
    void firstResponseBreach() {
        TicketNumber number = opened("3");
        f.clock.advance(Duration.ofHours(8));
        assertThat(sweep.sweep().applied()).isEqualTo(1);
        Ticket breached = ticket(number);
        assertThat(breached.escalated()).isTrue();
        assertThat(f.staff.notices(StaffNotice.TargetBreached.class)).singleElement()
                .satisfies(n -> assertThat(n.target()).contains("R15"));
        assertThat(f.messenger.told(CustomerNotice.Escalated.class)).hasSize(1);

        f.staffDesk.handle(new StaffCommand.Note(TOM, number, "looking"));
        f.clock.advance(Duration.ofHours(1));
        assertThat(sweep.sweep().claimed()).isZero();
        assertThat(f.staff.notices(StaffNotice.TargetBreached.class)).hasSize(1);
        assertThat(f.stores.tickets().events(breached.id())).extracting(TicketEvent::kind)
                .containsOnlyOnce(EventKind.TARGET_BREACHED);
    }

    @Test
    @DisplayName("R16, R18: a missed update target is a breach; answering in time re-times it instead")
    void updateTarget() {
        TicketNumber number = opened("3");
        f.staffDesk.handle(new StaffCommand.Reply(TOM, number, "Looking into it."));
        f.clock.advance(Duration.ofHours(15));
        f.staffDesk.handle(new StaffCommand.Reply(TOM, number, "Still on it."));
        f.clock.advance(Duration.ofHours(2));
        assertThat(sweep.sweep().claimed()).isZero();
        f.clock.advance(Duration.ofHours(14));
        sweep.sweep();
        assertThat(f.staff.notices(StaffNotice.TargetBreached.class)).singleElement()
                .satisfies(n -> assertThat(n.target()).contains("R16"));
    }

    @Test
    @DisplayName("R14, R16: a severity change re-times the pending update target on the new severity's target")
    void severityChangeRetimes() {
        TicketNumber number = opened("3");
        f.staffDesk.handle(new StaffCommand.Reply(TOM, number, "Looking into it."));
        Deadline before = only(number, DeadlineKind.UPDATE_TARGET);
        f.clock.advance(Duration.ofHours(1));
        f.staffDesk.handle(new StaffCommand.ChangeSeverity(TOM, number, Severity.S4, "cosmetic"));
        Deadline after = only(number, DeadlineKind.UPDATE_TARGET);
        assertThat(after.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(40))).isNotEqualTo(before.dueAt());
    }

    @Test
    @DisplayName("R11, R17: a severity-1 question unanswered for 4 hours lowers the ticket to severity 2, with a notice")
    void severityOneDowngrade() {
        TicketNumber number = asked("1");
        f.clock.advance(Duration.ofHours(4));
        sweep.sweep();
        Ticket lowered = ticket(number);
        assertThat(lowered.severity()).contains(Severity.S2);
        assertThat(lowered.originalSeverity()).contains(Severity.S1);
        assertThat(lowered.status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(f.messenger.told(CustomerNotice.AutomaticDowngrade.class)).singleElement()
                .satisfies(n -> assertThat(n.newSeverity()).isEqualTo(Severity.S2));
        assertThat(f.staff.notices(StaffNotice.Downgraded.class)).hasSize(1);
        assertThat(kinds(lowered)).doesNotContain(DeadlineKind.SEVERITY_ONE_ANSWER).contains(DeadlineKind.AUTO_RESOLVE);
    }

    @Test
    @DisplayName("R11: when the submitter does not answer a severity-1 question in time, the always-available contacts are asked too; the ticket is lowered one timeout later and the mail says they were asked")
    void severityOneAsksAvailableContacts() {
        f.stores.contacts().setAlwaysAvailable(f.bob.id(), true);
        f.stores.contacts().setAlwaysAvailable(f.alice.id(), true);
        TicketNumber number = asked("1");
        f.messenger.clear();

        f.clock.advance(Duration.ofHours(4));
        sweep.sweep();
        assertThat(ticket(number).severity()).contains(Severity.S1);
        assertThat(f.messenger.told(CustomerNotice.AvailabilityRequest.class)).as("the submitter is not asked twice")
                .singleElement().satisfies(n -> {
                    assertThat(n.to().email()).isEqualTo(f.bob.email());
                    assertThat(n.lowersAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(4)));
                });
        assertThat(f.stores.tickets().events(ticket(number).id())).last()
                .satisfies(e -> assertThat(e.detail()).contains("R11", "Bob"));

        f.clock.advance(Duration.ofHours(4).minusSeconds(1));
        sweep.sweep();
        assertThat(ticket(number).severity()).contains(Severity.S1);
        f.clock.advance(Duration.ofSeconds(1));
        sweep.sweep();
        assertThat(ticket(number).severity()).contains(Severity.S2);
        assertThat(f.messenger.told(CustomerNotice.AutomaticDowngrade.class)).singleElement().satisfies(n -> {
            assertThat(n.to().email()).isEqualTo(f.alice.email());
            assertThat(n.waited()).isEqualTo(Duration.ofHours(8));
            assertThat(n.alsoAsked()).containsExactly("Bob");
        });
    }

    @Test
    @DisplayName("R11: asked late (the node was down for a day), the always-available contacts still get their full timeout before the downgrade, are asked once, and the downgrade says who was asked and how long we waited")
    void severityOneAskedLate() {
        f.stores.contacts().setAlwaysAvailable(f.bob.id(), true);
        TicketNumber number = asked("1");
        Instant questionAt = f.clock.instant();
        f.messenger.clear();

        f.clock.advance(Duration.ofHours(24));
        sweep.sweep();
        Ticket afterFirst = ticket(number);
        assertThat(afterFirst.severity()).as("not lowered in the same sweep as the asking").contains(Severity.S1);
        assertThat(afterFirst.availabilityAskedAt()).as("recorded on the ticket").contains(f.clock.instant());
        assertThat(only(number, DeadlineKind.SEVERITY_ONE_ANSWER).dueAt())
                .isEqualTo(f.clock.instant().plus(Duration.ofHours(4)));

        f.clock.advance(Duration.ofHours(3));
        sweep.sweep();
        sweep.sweep();
        assertThat(f.messenger.told(CustomerNotice.AvailabilityRequest.class)).as("asked once").hasSize(1);
        assertThat(ticket(number).severity()).contains(Severity.S1);

        f.clock.advance(Duration.ofHours(1));
        sweep.sweep();
        assertThat(ticket(number).severity()).contains(Severity.S2);
        assertThat(f.messenger.told(CustomerNotice.AutomaticDowngrade.class)).singleElement().satisfies(n -> {
            assertThat(n.alsoAsked()).containsExactly("Bob");
            assertThat(n.waited()).isEqualTo(Duration.between(questionAt, f.clock.instant()));
        });
    }

    @Test
    @DisplayName("R11: an always-available contact who answers the severity-1 question keeps the ticket at severity 1")
    void availableContactAnswers() {
        f.stores.contacts().setAlwaysAvailable(f.bob.id(), true);
        TicketNumber number = asked("1");
        f.clock.advance(Duration.ofHours(4));
        sweep.sweep();

        f.customers.handle(new CustomerCommand.AddCustomerMessage(f.bob.email(), "Bob", Optional.empty(), number,
                io.guichet.core.intake.IntakeDraft.empty(), "Version 9.5.0.12", false));
        f.clock.advance(Duration.ofHours(5));
        sweep.sweep();

        assertThat(ticket(number).severity()).contains(Severity.S1);
        assertThat(ticket(number).status()).as("back in the queue").isEqualTo(TicketStatus.OPEN);
        assertThat(f.messenger.told(CustomerNotice.AutomaticDowngrade.class)).isEmpty();
    }

    @Test
    @DisplayName("R9: on hold, nothing is sent however long it waits; writing resumes it")
    void onHoldSilent() {
        TicketNumber number = opened("3");
        f.staffDesk.handle(new StaffCommand.Reply(TOM, number, "Update the driver."));
        f.staffDesk.handle(new StaffCommand.Hold(TOM, number, "Update the network driver."));
        f.messenger.clear();
        f.clock.advance(Duration.ofDays(30));
        assertThat(sweep.sweep().claimed()).isZero();
        assertThat(f.messenger.told()).isEmpty();
        reply(number);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.IN_PROGRESS);
    }

    @Test
    @DisplayName("R22: shrunk settings fire in seconds")
    void shrunkSettings() {
        DeskFixture small = new DeskFixture(PolicySettings.defaults().withTimers(
                List.of(Duration.ofSeconds(2)), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        DeadlineSweep fast = new DeadlineSweep(small.context, new DeadlineDesk(small.context),
                DeadlineSweep.Limits.defaults());
        CustomerOutcome opened = small.customers.handle(new CustomerCommand.OpenTicket(small.alice.email(), "Alice",
                Optional.empty(), DeskFixture.complete("3"), false));
        TicketNumber number = ((CustomerOutcome.Opened) opened).ticket().number();
        small.staffDesk.handle(new StaffCommand.Ask(TOM, number, "Which agent version?"));
        small.clock.advance(Duration.ofSeconds(5));
        fast.sweep();
        assertThat(small.stores.tickets().find(number).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
        small.clock.advance(Duration.ofSeconds(5));
        fast.sweep();
        assertThat(small.stores.tickets().find(number).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    private TicketNumber opened(String severity) {
        CustomerOutcome outcome = f.customers.handle(new CustomerCommand.OpenTicket(f.alice.email(), "Alice",
                Optional.empty(), DeskFixture.complete(severity), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    private TicketNumber asked(String severity) {
        TicketNumber number = opened(severity);
        assertThat(f.staffDesk.handle(new StaffCommand.Ask(TOM, number, "Which agent version?")))
                .isInstanceOf(StaffOutcome.Done.class);
        return number;
    }

    private void reply(TicketNumber number) {
        f.customers.handle(new CustomerCommand.AddCustomerMessage(f.alice.email(), "Alice", Optional.empty(), number,
                io.guichet.core.intake.IntakeDraft.empty(), "Version 9.5.0.12", false));
    }

    private Ticket ticket(TicketNumber number) {
        return f.stores.tickets().find(number).orElseThrow();
    }

    private List<DeadlineKind> kinds(Ticket ticket) {
        return f.deadlines.ofTicket(ticket.id()).stream().map(Deadline::kind).toList();
    }

    private Deadline only(TicketNumber number, DeadlineKind kind) {
        return f.deadlines.ofTicket(ticket(number).id()).stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
    }
}
