package io.guichet.core.triage;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.guichet.core.ticket.TicketFixtures.T0;
import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static org.assertj.core.api.Assertions.assertThat;

class TriageOrderTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final Instant EARLY = T0.plusSeconds(3_600);
    private static final Instant MID = T0.plusSeconds(7_200);
    private static final Instant LATE = T0.plusSeconds(10_800);

    /** The tickets sorted by the order of {@code TODAY}, from every starting order tried. */
    private static List<Long> triaged(Ticket... tickets) {
        List<Long> first = null;
        Random random = new Random(42);
        for (int round = 0; round < 10; round++) {
            List<Ticket> shuffled = new ArrayList<>(List.of(tickets));
            Collections.shuffle(shuffled, random);
            shuffled.sort(TriageOrder.on(TODAY));
            List<Long> ids = shuffled.stream().map(t -> t.id().value()).toList();
            if (first == null) {
                first = ids;
            }
            assertThat(ids).as("order does not depend on arrival").isEqualTo(first);
        }
        return first;
    }

    @Test
    @DisplayName("R15: severity comes first, whatever the age, due time or certification")
    void severityFirst() {
        Ticket oldCertifiedS3 = aTicket().id(1).severity(Severity.S3).certifiedUntil(TODAY).firstResponseBy(EARLY)
                .createdAt(T0.minusSeconds(86_400)).build();
        Ticket newS1 = aTicket().id(2).severity(Severity.S1).firstResponseBy(LATE).createdAt(T0).build();
        Ticket s2 = aTicket().id(3).severity(Severity.S2).build();
        Ticket s4 = aTicket().id(4).severity(Severity.S4).certifiedUntil(TODAY).build();

        assertThat(triaged(oldCertifiedS3, newS1, s2, s4)).containsExactly(2L, 3L, 1L, 4L);
    }

    @Test
    @DisplayName("R10, R15: at equal severity a currently certified submitter comes first, before earlier due and older tickets")
    void certifiedFirstAtEqualSeverity() {
        Ticket uncertified = aTicket().id(1).severity(Severity.S2).firstResponseBy(EARLY)
                .createdAt(T0.minusSeconds(86_400)).build();
        Ticket certified = aTicket().id(2).severity(Severity.S2).certifiedUntil(TODAY).firstResponseBy(LATE).build();

        assertThat(triaged(uncertified, certified)).containsExactly(2L, 1L);
    }

    @Test
    @DisplayName("R10, R15: an expired certification (ended yesterday) gives no priority")
    void expiredCertificationDoesNotCount() {
        Ticket expired = aTicket().id(1).severity(Severity.S2).certifiedUntil(TODAY.minusDays(1)).firstResponseBy(LATE)
                .build();
        Ticket uncertifiedEarlier = aTicket().id(2).severity(Severity.S2).firstResponseBy(EARLY).build();
        Ticket certifiedToday = aTicket().id(3).severity(Severity.S2).certifiedUntil(TODAY).firstResponseBy(LATE)
                .build();

        assertThat(triaged(expired, uncertifiedEarlier, certifiedToday)).containsExactly(3L, 2L, 1L);
    }

    @Test
    @DisplayName("R15: at equal severity and certification the earliest due target comes first; no target comes after any target")
    void earliestDueNext() {
        Ticket late = aTicket().id(1).severity(Severity.S3).firstResponseBy(LATE).createdAt(T0.minusSeconds(600)).build();
        Ticket early = aTicket().id(2).severity(Severity.S3).firstResponseBy(EARLY).createdAt(T0).build();
        Ticket none = aTicket().id(3).severity(Severity.S3).createdAt(T0.minusSeconds(86_400)).build();

        assertThat(triaged(late, early, none)).containsExactly(2L, 1L, 3L);
    }

    @Test
    @DisplayName("R15, R16: once the first response was given, its target no longer counts; the next update does")
    void respondedFirstResponseIgnored() {
        Ticket responded = aTicket().id(1).severity(Severity.S3)
                .due(new Ticket.Due(Optional.of(EARLY), Optional.of(LATE), Optional.of(T0.plusSeconds(60)))).build();
        Ticket pending = aTicket().id(2).severity(Severity.S3).firstResponseBy(MID).build();

        assertThat(triaged(responded, pending)).containsExactly(2L, 1L);
    }

    @Test
    @DisplayName("R15: with everything else equal the oldest ticket comes first, then the lowest number")
    void thenAgeThenNumber() {
        Ticket newer = aTicket().id(1).severity(Severity.S4).createdAt(T0.plusSeconds(60)).build();
        Ticket older = aTicket().id(2).severity(Severity.S4).createdAt(T0).build();
        Ticket sameAgeHigherNumber = aTicket().id(3).number(9_000).severity(Severity.S4).createdAt(T0).build();

        assertThat(triaged(newer, older, sameAgeHigherNumber)).containsExactly(2L, 3L, 1L);
    }

    @Test
    @DisplayName("R5, R15: a ticket with no severity yet sorts last, even from a certified submitter")
    void noSeverityLast() {
        Ticket noSeverity = aTicket().id(1).noSeverity().certifiedUntil(TODAY).firstResponseBy(EARLY)
                .createdAt(T0.minusSeconds(86_400)).build();
        Ticket s4 = aTicket().id(2).severity(Severity.S4).build();
        Ticket s1 = aTicket().id(3).severity(Severity.S1).build();

        assertThat(triaged(noSeverity, s4, s1)).containsExactly(3L, 2L, 1L);
    }

    @Test
    @DisplayName("R10, R15: certification is judged on the day given: the same tickets reorder once it expires")
    void judgedOnTheDay() {
        Ticket certified = aTicket().id(1).severity(Severity.S2).certifiedUntil(TODAY).firstResponseBy(LATE).build();
        Ticket other = aTicket().id(2).severity(Severity.S2).firstResponseBy(EARLY).build();

        List<Ticket> today = new ArrayList<>(List.of(other, certified));
        today.sort(TriageOrder.on(TODAY));
        List<Ticket> tomorrow = new ArrayList<>(List.of(certified, other));
        tomorrow.sort(TriageOrder.on(TODAY.plusDays(1)));

        assertThat(today).extracting(t -> t.id().value()).containsExactly(1L, 2L);
        assertThat(tomorrow).extracting(t -> t.id().value()).containsExactly(2L, 1L);
    }
}
