package io.guichet.core.triage;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * R15: the order tickets are handled in. Severity first (a ticket with no severity yet comes last), then tickets
 * from currently certified submitters (R10), then the earliest due target, then age, then number.
 */
public final class TriageOrder {

    private TriageOrder() {
    }

    /** The order on {@code today}: certification is judged on that day. */
    public static Comparator<Ticket> on(LocalDate today) {
        Comparator<Ticket> bySeverity = Comparator.comparingInt(t -> t.severity().map(Severity::level).orElse(5));
        Comparator<Ticket> certifiedFirst = Comparator.comparing(t -> !t.submitterCertifiedOn(today));
        Comparator<Ticket> byDue = Comparator.comparing(t -> t.due().earliest().orElse(Instant.MAX));
        return bySeverity
                .thenComparing(certifiedFirst)
                .thenComparing(byDue)
                .thenComparing(Ticket::createdAt)
                .thenComparingLong(t -> t.number().value());
    }
}
