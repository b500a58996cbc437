package io.guichet.db;

import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.testing.QuarantineContract;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The failed-attempt count and the quarantine on PostgreSQL; every port call a new instance, as after a restart. */
class PostgresQuarantineIT extends QuarantineContract {

    private TestDatabase database;

    @Override
    protected MailJournal journal() {
        return new JooqMailJournal(transactions().autoCommit());
    }

    @Override
    protected MailFailures failures() {
        return new JooqMailFailures(transactions().autoCommit());
    }

    @Override
    protected Quarantine quarantine() {
        return new JooqQuarantine(transactions().autoCommit());
    }

    private JooqTransactions transactions() {
        if (database == null) {
            database = TestDatabase.createMigrated();
        }
        return database.database().transactions();
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
