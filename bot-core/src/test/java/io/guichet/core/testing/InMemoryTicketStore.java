package io.guichet.core.testing;

import io.guichet.core.account.ContactId;
import io.guichet.core.port.TicketStore;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.TriageOrder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link TicketStore} in memory, for tests of the core. Passes the same contract as the PostgreSQL store. */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<Long, Ticket> tickets = new ConcurrentHashMap<>();
    private final List<TicketEvent> events = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong numbers = new AtomicLong(999);

    @Override
    public synchronized Ticket create(NewTicket ticket) {
        Ticket stored = Ticket.stored(new TicketId(ids.incrementAndGet()), new TicketNumber(numbers.incrementAndGet()),
                ticket);
        tickets.put(stored.id().value(), stored);
        return stored;
    }

    @Override
    public Optional<Ticket> find(TicketNumber number) {
        return tickets.values().stream().filter(t -> t.number().equals(number)).findFirst();
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return Optional.ofNullable(tickets.get(id.value()));
    }

    @Override
    public synchronized Optional<Ticket> update(Ticket changed) {
        Ticket current = tickets.get(changed.id().value());
        if (current == null || current.rowVersion() != changed.rowVersion()) {
            return Optional.empty();
        }
        Ticket saved = changed.withRowVersion(changed.rowVersion() + 1);
        tickets.put(saved.id().value(), saved);
        return Optional.of(saved);
    }

    @Override
    public synchronized void append(List<TicketEvent> newEvents) {
        events.addAll(newEvents);
    }

    @Override
    public synchronized List<TicketEvent> events(TicketId id) {
        return events.stream().filter(e -> e.ticketId().equals(id)).toList();
    }

    @Override
    public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity,
                              io.guichet.core.triage.QueueFilter filter, LocalDate today, int offset, int limit) {
        return tickets.values().stream()
                .filter(t -> statuses.contains(t.status()))
                .filter(filter::matches)
                .filter(t -> severity.isEmpty() || t.severity().equals(severity))
                .sorted(TriageOrder.on(today))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity,
                                   io.guichet.core.triage.QueueFilter filter, LocalDate today,
                                   io.guichet.core.triage.QueueKey after, int limit) {
        return tickets.values().stream()
                .filter(t -> statuses.contains(t.status()))
                .filter(filter::matches)
                .filter(t -> severity.isEmpty() || t.severity().equals(severity))
                .filter(t -> after.precedes(t, today))
                .sorted(TriageOrder.on(today))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int refreshSubmitterCertification(ContactId contact, Optional<LocalDate> certifiedUntil) {
        int n = 0;
        for (Ticket t : List.copyOf(tickets.values())) {
            if (t.contactId().equals(contact) && t.status().active()) {
                tickets.put(t.id().value(), t.withSubmitterCertifiedUntil(certifiedUntil).withRowVersion(t.rowVersion() + 1));
                n++;
            }
        }
        return n;
    }
}
