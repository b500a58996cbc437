package io.guichet.db;

import io.guichet.core.mail.Outbox;
import io.guichet.core.testing.OutboxContract;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The outbox contract on PostgreSQL: the same tests the in-memory outbox passes. */
class PostgresOutboxIT extends OutboxContract {

    private TestDatabase database;

    @Override
    protected Outbox outbox() {
        database = TestDatabase.createMigrated();
        return new JooqOutbox(database.database().transactions().autoCommit());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
