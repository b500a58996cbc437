package io.guichet.core.testing;

import io.guichet.core.account.ContactId;
import io.guichet.core.port.TicketStore;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A ticket store where someone else changes a ticket right after it is read, once armed: the reader holds a stale
 * copy, and its conditional update is refused, as when two people act on one ticket at the same moment.
 */
public final class RacingTicketStore implements TicketStore {

    private final TicketStore store;
    private final AtomicBoolean armed = new AtomicBoolean();

    public RacingTicketStore(TicketStore store) {
        this.store = store;
    }

    /** The next ticket read is changed by someone else as soon as it is read. */
    public void raceNextRead() {
        armed.set(true);
    }

    private Optional<Ticket> raced(Optional<Ticket> read) {
        if (read.isPresent() && armed.compareAndSet(true, false)) {
            Ticket ticket = read.get();
            store.update(ticket.withDue(ticket.due(), ticket.updatedAt())).orElseThrow();
        }
        return read;
    }

    @Override
    public Ticket create(NewTicket ticket) {
        return store.create(ticket);
    }

    @Override
    public Optional<Ticket> find(TicketNumber number) {
        return raced(store.find(number));
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return raced(store.find(id));
    }

    @Override
    public Optional<Ticket> update(Ticket changed) {
        return store.update(changed);
    }

    @Override
    public void append(List<TicketEvent> events) {
        store.append(events);
    }

    @Override
    public List<TicketEvent> events(TicketId id) {
        return store.events(id);
    }

    @Override
    public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity,
                              io.guichet.core.triage.QueueFilter filter, LocalDate today, int offset, int limit) {
        return store.queue(statuses, severity, filter, today, offset, limit);
    }

    @Override
    public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity,
                                   io.guichet.core.triage.QueueFilter filter, LocalDate today,
                                   io.guichet.core.triage.QueueKey after, int limit) {
        return store.queueAfter(statuses, severity, filter, today, after, limit);
    }

    @Override
    public int refreshSubmitterCertification(ContactId contact, Optional<LocalDate> certifiedUntil) {
        return store.refreshSubmitterCertification(contact, certifiedUntil);
    }
}
