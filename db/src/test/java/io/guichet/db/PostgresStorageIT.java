package io.guichet.db;

import io.guichet.core.testing.StorageContract;
import io.guichet.core.testing.Stores;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The storage contract on PostgreSQL through jOOQ: the same tests the in-memory fakes pass. */
class PostgresStorageIT extends StorageContract {

    private TestDatabase database;

    @Override
    protected Stores stores() {
        database = TestDatabase.createMigrated();
        JooqTransactions transactions = database.database().transactions();
        return new Stores(transactions, transactions.autoCommit(), JooqTransactions.bind(JooqTicketStore::new),
                JooqTransactions.bind(JooqContactDirectory::new), JooqTransactions.bind(JooqVersionCatalog::new),
                JooqTransactions.bind(JooqDeadlineStore::new));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
