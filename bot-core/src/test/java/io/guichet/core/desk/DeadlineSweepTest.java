package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.ticket.TicketId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a claimed batch is split for the workers. */
class DeadlineSweepTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    @DisplayName("a batch is split by ticket into runs of neighbours: a ticket's deadlines stay in one group, in claim "
            + "(due) order")
    void groupsByTicket() {
        Deadline a1 = deadline(1, 1, DeadlineKind.SEVERITY_ONE_ANSWER, 0);
        Deadline b1 = deadline(2, 2, DeadlineKind.REMINDER, 1);
        Deadline c1 = deadline(3, 3, DeadlineKind.REMINDER, 2);
        Deadline a2 = deadline(4, 1, DeadlineKind.REMINDER, 3);
        Deadline d1 = deadline(5, 4, DeadlineKind.UPDATE_TARGET, 4);
        Deadline b2 = deadline(6, 2, DeadlineKind.AUTO_RESOLVE, 5);

        assertThat(DeadlineSweep.groups(List.of(a1, b1, c1, a2, d1, b2), 2))
                .containsExactly(List.of(a1, b1, a2, b2), List.of(c1, d1));
        assertThat(DeadlineSweep.groups(List.of(a1, b1, c1, a2, d1, b2), 3))
                .containsExactly(List.of(a1, b1, a2, b2), List.of(c1, d1));
        assertThat(DeadlineSweep.groups(List.of(a1, b1, c1, a2, d1, b2), 4))
                .containsExactly(List.of(a1, a2), List.of(b1, b2), List.of(c1), List.of(d1));
        assertThat(DeadlineSweep.groups(List.of(a1, b1, a2), 4)).containsExactly(List.of(a1, a2), List.of(b1));
        assertThat(DeadlineSweep.groups(List.of(a1, b1, a2), 1)).containsExactly(List.of(a1, b1, a2));
        assertThat(DeadlineSweep.groups(List.of(), 4)).containsExactly(List.of());
    }

    private static Deadline deadline(long id, long ticket, DeadlineKind kind, int minutes) {
        return new Deadline(id, new TicketId(ticket), kind, 0, T0.plusSeconds(60L * minutes), 1, Optional.empty());
    }
}
