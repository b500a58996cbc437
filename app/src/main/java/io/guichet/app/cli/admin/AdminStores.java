package io.guichet.app.cli.admin;

import io.guichet.core.mail.MailJournal;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.VersionCatalog;
import io.guichet.db.Database;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.JooqMailJournal;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqVersionCatalog;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The stores the admin commands work on, over one database, and the clock: the same UTC clock as the node's, so
 * "today" (coverage R1, certification R10, support window R20, triage R15) is the day the node judges by.
 */
record AdminStores(Transactions transactions, ContactDirectory contacts, TicketStore tickets, VersionCatalog versions,
                   MailJournal journal, PolicySettings policy, Database database, Clock clock) {

    static AdminStores on(Database database, PolicySettings policy) {
        var tx = database.transactions();
        return new AdminStores(tx, new JooqContactDirectory(tx), new JooqTicketStore(tx), new JooqVersionCatalog(tx),
                new JooqMailJournal(tx), policy, database, Clock.systemUTC());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
