package io.guichet.core.deadline;

import io.guichet.core.policy.PolicySettings;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketFixtures;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinePlanTest {

    private static final Instant T0 = TicketFixtures.T0;
    private final DeadlinePlan plan = new DeadlinePlan(PolicySettings.defaults());

    @Test
    @DisplayName("R12a: waiting on the customer: reminders after 2 and 5 days, resolution after 7, from when the wait began")
    void waitingOnCustomer() {
        Ticket ticket = TicketFixtures.aTicket().status(TicketStatus.WAITING_ON_CUSTOMER).severity(Severity.S3).build();
        assertThat(plan.of(ticket)).containsExactly(
                new PlannedDeadline(DeadlineKind.REMINDER, 0, T0.plus(Duration.ofDays(2))),
                new PlannedDeadline(DeadlineKind.REMINDER, 1, T0.plus(Duration.ofDays(5))),
                PlannedDeadline.of(DeadlineKind.AUTO_RESOLVE, T0.plus(Duration.ofDays(7))));
    }

    @Test
    @DisplayName("R5, R12a: a ticket awaiting intake information gets the same reminders and resolution")
    void awaitingInfo() {
        Ticket ticket = TicketFixtures.aTicket().status(TicketStatus.AWAITING_INFO).build();
        assertThat(plan.of(ticket)).extracting(PlannedDeadline::kind)
                .containsExactly(DeadlineKind.REMINDER, DeadlineKind.REMINDER, DeadlineKind.AUTO_RESOLVE);
    }

    @Test
    @DisplayName("R11, R17: a severity-1 question also times out after 4 hours")
    void severityOneQuestion() {
        Ticket ticket = TicketFixtures.aTicket().status(TicketStatus.WAITING_ON_CUSTOMER).severity(Severity.S1).build();
        assertThat(plan.of(ticket)).contains(PlannedDeadline.of(DeadlineKind.SEVERITY_ONE_ANSWER, T0.plus(Duration.ofHours(4))));
    }

    @Test
    @DisplayName("R11: once the always-available contacts were asked, the ticket is lowered one timeout after they were asked, and they are not asked again")
    void severityOneContactsAsked() {
        Ticket waiting = TicketFixtures.aTicket().status(TicketStatus.WAITING_ON_CUSTOMER).severity(Severity.S1).build();
        Instant askedLate = T0.plus(Duration.ofHours(30));
        Ticket asked = waiting.availabilityAsked(askedLate);

        assertThat(plan.of(waiting)).filteredOn(d -> d.kind() == DeadlineKind.SEVERITY_ONE_ANSWER)
                .containsExactly(new PlannedDeadline(DeadlineKind.SEVERITY_ONE_ANSWER, 0, T0.plus(Duration.ofHours(4))));
        assertThat(plan.of(asked)).filteredOn(d -> d.kind() == DeadlineKind.SEVERITY_ONE_ANSWER)
                .containsExactly(new PlannedDeadline(DeadlineKind.SEVERITY_ONE_ANSWER, 1, askedLate.plus(Duration.ofHours(4))));
        assertThat(asked.waitingSince(askedLate.plusSeconds(60)).availabilityAskedAt())
                .as("a new question starts a new period: nobody asked yet").isEmpty();
    }

    @Test
    @DisplayName("R9: on hold, nothing is timed: no reminder, no resolution, no target")
    void onHold() {
        Ticket ticket = TicketFixtures.aTicket().status(TicketStatus.ON_HOLD).firstResponseBy(T0.plusSeconds(60)).build();
        assertThat(plan.of(ticket)).isEmpty();
    }

    @Test
    @DisplayName("R13: a resolved ticket closes when the 7-day reopen window after its resolution ends; a closed one has nothing")
    void resolvedAndClosed() {
        Ticket resolved = TicketFixtures.aTicket().resolved(ResolutionReason.NO_LONGER_NEEDED).build();
        assertThat(plan.of(resolved)).containsExactly(PlannedDeadline.of(DeadlineKind.CLOSE,
                resolved.resolvedAt().orElseThrow().plus(Duration.ofDays(7))));
        assertThat(plan.of(TicketFixtures.aTicket().status(TicketStatus.CLOSED).build())).isEmpty();
    }

    @Test
    @DisplayName("R15, R16: an open ticket is timed by its pending targets; a given first response is no longer one")
    void targets() {
        Instant first = T0.plus(Duration.ofHours(8));
        Instant next = T0.plus(Duration.ofHours(16));
        Ticket pending = TicketFixtures.aTicket().status(TicketStatus.OPEN)
                .due(new Ticket.Due(Optional.of(first), Optional.empty(), Optional.empty())).build();
        assertThat(plan.of(pending)).containsExactly(PlannedDeadline.of(DeadlineKind.FIRST_RESPONSE_TARGET, first));
        Ticket answered = TicketFixtures.aTicket().status(TicketStatus.IN_PROGRESS)
                .due(new Ticket.Due(Optional.of(first), Optional.of(next), Optional.of(T0))).build();
        assertThat(plan.of(answered)).containsExactly(PlannedDeadline.of(DeadlineKind.UPDATE_TARGET, next));
    }

    @Test
    @DisplayName("R22: the offsets are settings: three reminders when three are configured")
    void configurableOffsets() {
        DeadlinePlan custom = new DeadlinePlan(PolicySettings.defaults().withTimers(
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), Duration.ofSeconds(4),
                Duration.ofSeconds(5)));
        Ticket ticket = TicketFixtures.aTicket().status(TicketStatus.WAITING_ON_CUSTOMER).build();
        assertThat(custom.of(ticket)).extracting(PlannedDeadline::step).containsExactly(0, 1, 2, 0);
    }
}
