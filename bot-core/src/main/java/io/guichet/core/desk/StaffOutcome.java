package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.ticket.Ticket;

import java.util.List;

/** What became of a technician's command; a {@link ConcurrentChange} changed nothing and may be tried again. */
public sealed interface StaffOutcome permits StaffOutcome.Done, StaffOutcome.Refused, ConcurrentChange {

    /** Done; {@code summary} is one sentence for the technician. */
    record Done(Ticket ticket, String summary) implements StaffOutcome {
    }

    /** Nothing changed; each problem says what was wrong and what is accepted. */
    record Refused(List<Problem> problems) implements StaffOutcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        public static Refused of(Problem problem) {
            return new Refused(List.of(problem));
        }
    }
}
