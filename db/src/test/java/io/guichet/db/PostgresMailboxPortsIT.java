package io.guichet.db;

import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailboxLock;
import io.guichet.core.testing.MailboxPortsContract;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The mail journal and mailbox-lock contract on PostgreSQL (two lock holders are two database sessions). */
class PostgresMailboxPortsIT extends MailboxPortsContract {

    private TestDatabase database;

    @Override
    protected MailJournal journal() {
        return new JooqMailJournal(database().database().transactions().autoCommit());
    }

    @Override
    protected MailboxLock[] twoNodes() {
        return new MailboxLock[] {
                new PostgresMailboxLock(database().database().dataSource()),
                new PostgresMailboxLock(database().database().dataSource())};
    }

    private TestDatabase database() {
        if (database == null) {
            database = TestDatabase.createMigrated();
        }
        return database;
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
