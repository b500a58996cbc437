package io.guichet.db;

import io.guichet.core.port.StaffOutbox;
import io.guichet.core.testing.StaffOutboxContract;
import io.guichet.core.testing.Stores;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

import java.time.Clock;
import java.time.ZoneOffset;

/** The staff outbox contract on PostgreSQL: the same tests the in-memory outbox passes. */
class PostgresStaffOutboxIT extends StaffOutboxContract {

    private TestDatabase database;

    @Override
    protected Stores stores() {
        database = TestDatabase.createMigrated();
        JooqTransactions transactions = database.database().transactions();
        return new Stores(transactions, transactions.autoCommit(), JooqTransactions.bind(JooqTicketStore::new),
                JooqTransactions.bind(JooqContactDirectory::new), JooqTransactions.bind(JooqVersionCatalog::new),
                JooqTransactions.bind(JooqDeadlineStore::new));
    }

    @Override
    protected StaffOutbox outbox(Stores stores) {
        return new JooqStaffOutbox(database.database().transactions().autoCommit(), Clock.fixed(T0, ZoneOffset.UTC), true)
                .withTranscripts();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
