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

/** The stores the admin commands work on, over one database. */
record AdminStores(Transactions transactions, ContactDirectory contacts, TicketStore tickets, VersionCatalog versions,
                   MailJournal journal, PolicySettings policy, Database database) {

    static AdminStores on(Database database, PolicySettings policy) {
        var tx = database.transactions();
        return new AdminStores(tx, new JooqContactDirectory(tx), new JooqTicketStore(tx), new JooqVersionCatalog(tx),
                new JooqMailJournal(tx), policy, database);
    }
}
