package io.guichet.core.testing;

import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.Tx;
import io.guichet.core.port.VersionCatalog;

/**
 * One backend's implementations of the storage ports, for the contract tests: each as seen from a transaction, and
 * from {@code outside} any unit of work (the accessors without a transaction).
 */
public record Stores(Transactions transactions, Tx outside, PerTransaction<TicketStore> ticketsIn,
                     PerTransaction<ContactDirectory> contactsIn, PerTransaction<VersionCatalog> versionsIn,
                     PerTransaction<DeadlineStore> deadlinesIn) {

    public static Stores inMemory() {
        return new Stores(new InMemoryTransactions(), InMemoryTransactions.TX,
                PerTransaction.same(new InMemoryTicketStore()), PerTransaction.same(new InMemoryContactDirectory()),
                PerTransaction.same(new InMemoryVersionCatalog()), PerTransaction.same(new InMemoryDeadlineStore()));
    }

    public TicketStore tickets() {
        return ticketsIn.in(outside);
    }

    public TicketStore tickets(Tx tx) {
        return ticketsIn.in(tx);
    }

    public ContactDirectory contacts() {
        return contactsIn.in(outside);
    }

    public VersionCatalog versions() {
        return versionsIn.in(outside);
    }

    public DeadlineStore deadlines() {
        return deadlinesIn.in(outside);
    }
}
