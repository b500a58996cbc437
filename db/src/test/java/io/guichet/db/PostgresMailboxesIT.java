package io.guichet.db;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Several mailboxes on PostgreSQL: the shares of the mailbox locks, a lock session ended, each mailbox's outbox. */
class PostgresMailboxesIT {

    private static final List<String> MAILBOXES = List.of("de@imap/INBOX", "en@imap/INBOX", "fr@imap/INBOX");

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.createMigrated();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    @DisplayName("a node alone takes every mailbox; with two live nodes each takes at most ceil(3 / 2); an ended session frees its mailboxes and its share")
    void sharesAndSessionEnd() throws Exception {
        try (PostgresMailboxLock first = new PostgresMailboxLock(database.database().dataSource(), 3);
             PostgresMailboxLock second = new PostgresMailboxLock(database.database().dataSource(), 3)) {
            assertThat(MAILBOXES).allMatch(first::tryAcquire);
            assertThat(first.liveNodes()).isEqualTo(1);

            assertThat(MAILBOXES).noneMatch(second::tryAcquire);
            assertThat(second.liveNodes()).as("the second node counts once it asked").isEqualTo(2);
            assertThat(MAILBOXES.stream().filter(first::stillHeld).count())
                    .as("over its share of 2, the first node gives one back as it checks").isEqualTo(2);
            assertThat(MAILBOXES.stream().filter(second::tryAcquire).count()).isEqualTo(1);
            assertThat(MAILBOXES.stream().filter(second::tryAcquire).count()).as("no more than its share").isEqualTo(1);

            try (Connection c = database.database().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(" + first.sessionPid().orElseThrow() + ")");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (second.liveNodes() > 1 && System.nanoTime() < deadline) { // the backend exits just after the call
                Thread.sleep(20);
            }
            assertThat(second.liveNodes()).as("the ended session's presence is gone with it").isEqualTo(1);
            assertThat(MAILBOXES).as("alone again, the second node takes them all").allMatch(second::tryAcquire);
            assertThat(MAILBOXES).as("the first node sees it lost them").noneMatch(first::stillHeld);
        }
    }

    @Test
    @DisplayName("each mailbox's outbox claims its own mail; the first also sends mail of no configured address; an answer takes the address its mail came through")
    void outboxPerMailbox() {
        JooqTransactions tx = database.database().transactions();
        JooqOutbox outbox = new JooqOutbox(tx.autoCommit());
        JooqMailJournal journal = new JooqMailJournal(tx.autoCommit());
        List<String> addresses = List.of("support-en@example.com", "support-fr@example.com");
        JooqOutbox en = outbox.forMailbox(addresses.get(0), addresses, true);
        JooqOutbox fr = outbox.forMailbox(addresses.get(1), addresses, false);
        Instant now = Instant.now();

        tx.run(t -> {
            new JooqOutbox(JooqSession.of(t)).enqueue(mail("answer-fr", now, "c-fr"));
            new JooqMailJournal(JooqSession.of(t)).cameThrough(EmailAddress.parse(addresses.get(1)).orElseThrow(), "c-fr",
                    new MailPosition("fr@imap/INBOX", 1, 1));
        });
        outbox.enqueue(mail("unassigned", now, "c-none"));

        assertThat(fr.backlog(now).pending()).isEqualTo(1);
        assertThat(en.backlog(now).pending()).isEqualTo(1);
        assertThat(fr.claimDue(now, 10, Duration.ofSeconds(30))).extracting(m -> m.messageId().value())
                .containsExactly("answer-fr@example.com");
        assertThat(en.claimDue(now, 10, Duration.ofSeconds(30))).extracting(m -> m.messageId().value())
                .containsExactly("unassigned@example.com");
    }

    private static OutgoingMail mail(String id, Instant at, String correlationId) {
        return new OutgoingMail(0, Optional.empty(), MessageId.of(id + "@example.com"),
                EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", "Hello", "Hello Bob", Optional.empty(),
                List.of(), true, at, 0, Optional.of(correlationId));
    }
}
