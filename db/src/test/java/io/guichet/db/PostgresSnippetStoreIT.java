package io.guichet.db;

import io.guichet.core.port.SnippetStore;
import io.guichet.core.testing.SnippetStoreContract;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;


/** The saved replies' contract on PostgreSQL: the same tests the in-memory store passes. */
class PostgresSnippetStoreIT extends SnippetStoreContract {

    private TestDatabase database;

    @Override
    protected SnippetStore store() {
        database = TestDatabase.createMigrated();
        return new JooqSnippetStore(database.database().transactions().autoCommit());
    }


    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
