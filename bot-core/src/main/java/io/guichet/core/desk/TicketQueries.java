package io.guichet.core.desk;

import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the channels show of tickets, read-only: a page of the triage queue (R15), one ticket with its submitter and
 * account, its audit trail. Every channel reads through here, never through the stores.
 */
public final class TicketQueries {

    private final DeskPorts ports;

    public TicketQueries(DeskPorts ports) {
        this.ports = ports;
    }

    /** A ticket with who sent it and their account (either may be gone from the directory). */
    public record TicketView(Ticket ticket, Optional<Contact> contact, Optional<Account> account) {
    }

    /** A ticket and its audit trail, oldest first. */
    public record TicketHistory(Ticket ticket, List<TicketEvent> events) {
    }

    /** Today, as triage judges certification (R15). */
    public LocalDate today() {
        return ports.today();
    }

    /** R15: {@code limit} tickets of the queue in triage order from {@code offset}, among {@code statuses}. */
    public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity, int offset, int limit) {
        return queue(statuses, severity, io.guichet.core.triage.QueueFilter.NONE, offset, limit);
    }

    /** {@link #queue} narrowed by {@code filter}: a holder's tickets, an account's, those containing a text. */
    public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity,
                              io.guichet.core.triage.QueueFilter filter, int offset, int limit) {
        LocalDate today = today();
        return ports.inTransaction(desk -> desk.tickets().queue(statuses, severity, filter, today, offset,
                limit));
    }

    /**
     * R15: {@code limit} tickets of the queue after {@code after} (the key of the last ticket of the page shown, see
     * {@link io.guichet.core.triage.QueueKey}), among {@code statuses}: the next page, as fast however deep.
     */
    public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity,
                                   io.guichet.core.triage.QueueKey after, int limit) {
        return queueAfter(statuses, severity, io.guichet.core.triage.QueueFilter.NONE, after, limit);
    }

    /** {@link #queueAfter} narrowed by {@code filter}: the next page of the filtered queue, still read after a key. */
    public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity,
                                   io.guichet.core.triage.QueueFilter filter, io.guichet.core.triage.QueueKey after,
                                   int limit) {
        LocalDate today = today();
        return ports.inTransaction(desk -> desk.tickets().queueAfter(statuses, severity, filter, today,
                after, limit));
    }

    /** An account by its id (a filtered queue's page names the account it shows). */
    public Optional<Account> account(io.guichet.core.account.AccountId id) {
        return ports.inTransaction(desk -> desk.contacts().account(id));
    }

    public Optional<Ticket> ticket(TicketNumber number) {
        return ports.inTransaction(desk -> desk.tickets().find(number));
    }

    public Optional<TicketView> view(TicketNumber number) {
        return ports.inTransaction(desk -> desk.tickets().find(number).map(t ->
                new TicketView(t, desk.contacts().contact(t.contactId()), desk.contacts().account(t.accountId()))));
    }

    public Optional<TicketHistory> history(TicketNumber number) {
        return ports.inTransaction(desk -> desk.tickets().find(number).map(t ->
                new TicketHistory(t, desk.tickets().events(t.id()))));
    }
}
