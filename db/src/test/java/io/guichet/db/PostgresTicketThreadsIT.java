package io.guichet.db;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A ticket's thread is remembered once, and a thread message is seen once, on PostgreSQL. */
class PostgresTicketThreadsIT {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private TestDatabase database;
    private JooqMailJournal journal;
    private JooqTicketThreads threads;
    private Ticket ticket;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        JooqTransactions tx = database.database().transactions();
        threads = new JooqTicketThreads(tx.autoCommit());
        journal = new JooqMailJournal(tx.autoCommit());
        JooqContactDirectory contacts = new JooqContactDirectory(tx.autoCommit());
        Account account = contacts.addAccount("Acme", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
        Contact alice = contacts.addContact(account.id(), "Alice", EmailAddress.parse("alice@acme.example").orElseThrow(),
                "", Language.FR, Optional.empty(), Optional.empty()).orElseThrow();
        TicketFields fields = new TicketFields("Agents offline", "All agents went offline.", Optional.of(Severity.S3),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        ticket = new JooqTicketStore(tx.autoCommit()).create(new NewTicket(new Ticket.Requester(account.id(), alice.id(), Optional.empty()),
                new Ticket.Request(fields, Optional.of(Severity.S3), Optional.empty()),
                new Ticket.State(TicketStatus.OPEN, Optional.empty(), Optional.empty(), false), Ticket.Due.none(),
                Ticket.Timeline.startingAt(T0)));
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    @DisplayName("R2: a ticket's thread and the mail exchanged with a sender come back in order, each message with its own attachments")
    void messagesWithTheirAttachments() {
        journal.recordMessage(message("1@acme.example", ThreadMessage.Direction.IN, T0,
                attachment("logs.txt", "first"), attachment("screen.png", "second")));
        journal.recordMessage(message("2@vendor.example", ThreadMessage.Direction.OUT, T0.plusSeconds(60)));
        journal.recordMessage(message("3@acme.example", ThreadMessage.Direction.IN, T0.plusSeconds(120),
                attachment("config.xml", "third")));

        List<ThreadMessage> thread = journal.thread(ticket.id());
        assertThat(thread).extracting(m -> m.messageId().value())
                .containsExactly("1@acme.example", "2@vendor.example", "3@acme.example");
        assertThat(thread.get(0).attachments()).extracting(ThreadMessage.StoredAttachment::filename)
                .containsExactly("logs.txt", "screen.png");
        assertThat(thread.get(0).attachments().get(1).content()).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("second"));
        assertThat(thread.get(1).attachments()).isEmpty();
        assertThat(thread.get(2).attachments()).extracting(ThreadMessage.StoredAttachment::filename)
                .containsExactly("config.xml");

        assertThat(journal.exchangedWith("ALICE@acme.example", T0.plusSeconds(1)))
                .extracting(m -> m.messageId().value(), m -> m.attachments().size())
                .containsExactly(tuple("3@acme.example", 1));
    }

    private ThreadMessage message(String id, ThreadMessage.Direction direction, Instant at,
                                  ThreadMessage.StoredAttachment... attachments) {
        String sender = direction == ThreadMessage.Direction.IN ? "alice@acme.example" : "support@vendor.example";
        return new ThreadMessage(Optional.of(ticket.id()), direction, new MessageId(id), "Agents offline", sender,
                "text of " + id, at, List.of(attachments));
    }

    private static ThreadMessage.StoredAttachment attachment(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new ThreadMessage.StoredAttachment(name, "application/octet-stream", bytes.length, Optional.of(bytes));
    }

    @Test
    @DisplayName("the first thread remembered for a ticket wins: a second node's thread is not recorded")
    void firstThreadWins() {
        assertThat(threads.threadOf(ticket.id())).isEmpty();
        assertThat(threads.remember(ticket.id(), "5001", T0)).isEqualTo("5001");
        assertThat(threads.remember(ticket.id(), "5002", T0)).isEqualTo("5001");
        assertThat(threads.threadOf(ticket.id())).contains("5001");
        assertThat(threads.ticketOf("5001")).contains(ticket.id());
        assertThat(threads.ticketOf("5002")).isEmpty();
    }

    @Test
    @DisplayName("a technician subscribes to a ticket once; subscribers come back in the order they subscribed")
    void subscribers() {
        assertThat(threads.subscribe(ticket.id(), "discord:2", T0)).isTrue();
        assertThat(threads.subscribe(ticket.id(), "discord:1", T0.plusSeconds(1))).isTrue();
        assertThat(threads.subscribe(ticket.id(), "discord:2", T0.plusSeconds(2))).isFalse();
        assertThat(threads.subscribers(ticket.id())).containsExactly("discord:2", "discord:1");
    }

    @Test
    @DisplayName("a thread message is seen once: its replay is recognised")
    void messageSeenOnce() {
        threads.remember(ticket.id(), "5001", T0);
        assertThat(threads.firstSight("9001", ticket.id(), "staff:discord:1 tess", "reply", T0)).isTrue();
        assertThat(threads.firstSight("9001", ticket.id(), "staff:discord:1 tess", "reply", T0)).isFalse();
        assertThat(threads.firstSight("9002", ticket.id(), "staff:discord:1 tess", "note", T0)).isTrue();
    }
}
