package io.guichet.core.testing;

import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.VersionCatalog;

/** One backend's implementations of the storage ports, for the contract tests. */
public record Stores(Transactions transactions, TicketStore tickets, ContactDirectory contacts, VersionCatalog versions,
                     DeadlineStore deadlines) {

    public static Stores inMemory() {
        return new Stores(new InMemoryTransactions(), new InMemoryTicketStore(), new InMemoryContactDirectory(),
                new InMemoryVersionCatalog(), new InMemoryDeadlineStore());
    }
}
