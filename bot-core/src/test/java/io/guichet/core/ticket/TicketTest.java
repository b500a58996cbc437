package io.guichet.core.ticket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static io.guichet.core.ticket.TicketFixtures.T0;
import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static org.assertj.core.api.Assertions.assertThat;

class TicketTest {

    private static final LocalDate UNTIL = LocalDate.parse("2026-09-15");
    private static final Instant EARLY = T0.plusSeconds(3_600);
    private static final Instant LATE = T0.plusSeconds(7_200);
    private static final Instant RESPONDED = T0.plusSeconds(60);

    @Test
    @DisplayName("R2: a ticket about to be created has no id or number: the store gives both, at the first row version")
    void storedGivesIdentity() {
        Ticket model = aTicket().build();
        NewTicket draft = new NewTicket(model.requester(), model.request(), model.state(), model.due(), model.timeline());

        Ticket stored = Ticket.stored(new TicketId(42), new TicketNumber(1042), draft);

        assertThat(stored.id()).isEqualTo(new TicketId(42));
        assertThat(stored.number()).isEqualTo(new TicketNumber(1042));
        assertThat(stored.rowVersion()).isZero();
        assertThat(stored.requester()).isEqualTo(draft.requester());
        assertThat(stored.timeline()).isEqualTo(draft.timeline());
    }

    @Test
    @DisplayName("a change touches its own part and the update time, nothing else")
    void withersOnTheParts() {
        Ticket ticket = aTicket().build();

        Ticket escalated = ticket.escalatedAt(LATE);
        assertThat(escalated.state()).isEqualTo(ticket.state().escalate());
        assertThat(escalated.timeline()).isEqualTo(ticket.timeline().touched(LATE));
        assertThat(escalated.requester()).isEqualTo(ticket.requester());
        assertThat(escalated.request()).isEqualTo(ticket.request());
        assertThat(escalated.due()).isEqualTo(ticket.due());

        Ticket waiting = ticket.waitingSince(EARLY);
        assertThat(waiting.statusSince()).isEqualTo(EARLY);
        assertThat(waiting.createdAt()).isEqualTo(ticket.createdAt());
        assertThat(waiting.state()).isEqualTo(ticket.state());

        Ticket certified = ticket.withSubmitterCertifiedUntil(Optional.of(UNTIL));
        assertThat(certified.submitterCertifiedUntil()).contains(UNTIL);
        assertThat(certified.timeline()).as("not a change of the ticket itself").isEqualTo(ticket.timeline());
    }

    @Test
    @DisplayName("R10: a ticket's submitter counts as certified through the certification's end day")
    void submitterCertifiedThroughEndDay() {
        Ticket ticket = aTicket().certifiedUntil(UNTIL).build();

        assertThat(ticket.submitterCertifiedOn(UNTIL.minusDays(1))).isTrue();
        assertThat(ticket.submitterCertifiedOn(UNTIL)).isTrue();
    }

    @Test
    @DisplayName("R10: a submitter's expired certification no longer counts the next day")
    void submitterCertificationExpired() {
        assertThat(aTicket().certifiedUntil(UNTIL).build().submitterCertifiedOn(UNTIL.plusDays(1))).isFalse();
    }

    @Test
    @DisplayName("R10: a submitter with no certification is not certified")
    void submitterNeverCertified() {
        assertThat(aTicket().build().submitterCertifiedOn(UNTIL)).isFalse();
    }

    @Test
    @DisplayName("R15: with no targets there is no due time")
    void noTargets() {
        assertThat(Ticket.Due.none().earliest()).isEmpty();
    }

    @Test
    @DisplayName("R15: the first response target counts while no first response was given")
    void firstResponsePending() {
        assertThat(due(EARLY, null, null).earliest()).contains(EARLY);
        assertThat(due(EARLY, LATE, null).earliest()).contains(EARLY);
        assertThat(due(LATE, EARLY, null).earliest()).contains(EARLY);
    }

    @Test
    @DisplayName("R15, R16: once the first response was given, only the next update target counts")
    void firstResponseIgnoredOnceResponded() {
        assertThat(due(EARLY, LATE, RESPONDED).earliest()).contains(LATE);
        assertThat(due(EARLY, null, RESPONDED).earliest()).isEmpty();
        assertThat(due(null, LATE, null).earliest()).contains(LATE);
    }

    @Test
    @DisplayName("R6, R11, R17: the first accepted severity is kept as original when fields change")
    void originalSeverityKept() {
        Ticket ticket = aTicket().severity(Severity.S1).build();

        Ticket downgraded = ticket.withFields(ticket.fields().withSeverity(Severity.S2), LATE);

        assertThat(downgraded.severity()).contains(Severity.S2);
        assertThat(downgraded.originalSeverity()).contains(Severity.S1);
        assertThat(downgraded.updatedAt()).isEqualTo(LATE);
    }

    @Test
    @DisplayName("R5: a ticket created without severity takes the first one supplied as original")
    void originalSeverityFromFirstSupplied() {
        Ticket ticket = aTicket().noSeverity().status(TicketStatus.AWAITING_INFO).build();
        assertThat(ticket.originalSeverity()).isEmpty();

        Ticket supplied = ticket.withFields(ticket.fields().withSeverity(Severity.S3), LATE);

        assertThat(supplied.originalSeverity()).contains(Severity.S3);
    }

    private static Ticket.Due due(Instant firstBy, Instant nextBy, Instant respondedAt) {
        return new Ticket.Due(Optional.ofNullable(firstBy), Optional.ofNullable(nextBy), Optional.ofNullable(respondedAt));
    }
}
