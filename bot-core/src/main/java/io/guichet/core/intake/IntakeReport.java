package io.guichet.core.intake;

import io.guichet.core.Problem;
import io.guichet.core.ticket.TicketFields;

import java.util.List;

/**
 * The verdict of {@link IntakeRules} on a draft: the fields accepted, and every field still missing or
 * invalid, all at once so the customer fixes everything in one reply (R5).
 */
public record IntakeReport(TicketFields accepted, List<IntakeField> missing, List<Problem> problems) {

    public IntakeReport {
        missing = List.copyOf(missing);
        problems = List.copyOf(problems);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
