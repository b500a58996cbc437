package io.guichet.core.port;

import io.guichet.core.account.ContactId;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tickets and their audit trail. */
public interface TicketStore {

    /** Stores a new ticket, giving it an id and the next number from the sequence (R2). */
    Ticket create(NewTicket ticket);

    Optional<Ticket> find(TicketNumber number);

    Optional<Ticket> find(TicketId id);

    /** The tickets with these ids, by id; ids of no ticket are left out. One read for many (the deadline sweep). */
    default Map<TicketId, Ticket> findAll(Collection<TicketId> ids) {
        Map<TicketId, Ticket> found = new LinkedHashMap<>();
        ids.forEach(id -> find(id).ifPresent(t -> found.put(id, t)));
        return found;
    }

    /**
     * Saves {@code changed} if the stored row still has {@code changed.rowVersion()}: a conditional update, never
     * read-modify-write. Returns the saved ticket with its new row version, or empty when someone else changed it first.
     */
    Optional<Ticket> update(Ticket changed);

    /**
     * {@link #update} of several tickets (distinct ids) at once: each is saved only if its stored row still has its
     * row version. The results are in the order of {@code changed}.
     */
    default List<Optional<Ticket>> updateAll(List<Ticket> changed) {
        return changed.stream().map(this::update).toList();
    }

    /** Appends to the audit trail; events are never changed or removed. */
    void append(List<TicketEvent> events);

    /** The audit trail of a ticket, oldest first. */
    List<TicketEvent> events(TicketId id);

    /**
     * A page of the triage queue (R15) among the given statuses, in {@link io.guichet.core.triage.TriageOrder}
     * on {@code today}.
     */
    default List<Ticket> queue(Set<TicketStatus> statuses, Optional<io.guichet.core.ticket.Severity> severity,
                               LocalDate today, int offset, int limit) {
        return queue(statuses, severity, io.guichet.core.triage.QueueFilter.NONE, today, offset, limit);
    }

    /** {@link #queue} narrowed by {@code filter} (the tickets of a holder, of an account, containing a text). */
    List<Ticket> queue(Set<TicketStatus> statuses, Optional<io.guichet.core.ticket.Severity> severity,
                       io.guichet.core.triage.QueueFilter filter, LocalDate today, int offset, int limit);

    /**
     * R15: the {@code limit} tickets of the queue that come after {@code after} in the triage order of {@code today}
     * (keyset pagination: the next page after the last row of one shown, read from its position rather than counted
     * from the first ticket, so a deep page costs what the first does).
     */
    default List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<io.guichet.core.ticket.Severity> severity,
                                    LocalDate today, io.guichet.core.triage.QueueKey after, int limit) {
        return queueAfter(statuses, severity, io.guichet.core.triage.QueueFilter.NONE, today, after, limit);
    }

    /** {@link #queueAfter} narrowed by {@code filter}: still keyset, the next page of the filtered queue. */
    List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<io.guichet.core.ticket.Severity> severity,
                            io.guichet.core.triage.QueueFilter filter, LocalDate today,
                            io.guichet.core.triage.QueueKey after, int limit);

    /** Keeps the submitter's certification copy current on active tickets of a contact (R10, R15). */
    int refreshSubmitterCertification(ContactId contact, Optional<LocalDate> certifiedUntil);
}
