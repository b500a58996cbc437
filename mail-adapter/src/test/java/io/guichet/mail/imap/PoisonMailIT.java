package io.guichet.mail.imap;

import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.MailJournal.MailboxState;
import io.guichet.core.mail.QuarantinedMail;
import io.guichet.core.port.TicketStore;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.PostgresMailboxLock;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.MailChannel;
import io.guichet.mail.testing.FailingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one failure policy end to end: the real intake behind the real watcher, on GreenMail and PostgreSQL. The desk
 * fails to store any ticket whose subject names "poison" with an {@link OutOfMemoryError}, every time.
 */
@ExtendWith(PostgresExtension.class)
class PoisonMailIT {

    private static final Duration FAST_POLL = Duration.ofMillis(300);

    private final List<ImapMailboxWatcher> watchers = new ArrayList<>();
    private MailboxFixture mailbox;
    private Database database;

    @BeforeEach
    void start(Database database) {
        this.database = database;
        mailbox = new MailboxFixture();
    }

    @AfterEach
    void stop() {
        watchers.forEach(ImapMailboxWatcher::stop);
        mailbox.close();
    }

    @Test
    @DisplayName("R2: a mail that always fails (an Error) is quarantined after 3 attempts across a restart, and the sender's later mail opens its ticket")
    void poisonIsQuarantinedAndTheMailboxFlows() {
        mailbox.deliverFrom("bob@acme.example", "Console poison", "Hello,\nthe console is down.\n");
        mailbox.deliverFrom("bob@acme.example", "Agents offline", "Hello,\nall agents are offline.\n");
        ImapSettings settings = mailbox.settings(mailbox.port(), Optional.of("Processed"), FAST_POLL, 1_000_000, 100, 2);

        ImapMailboxWatcher first = watch(settings, channel());
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts() >= 1);
        first.stop();
        assertThat(mailbox.subjects("INBOX")).as("the failed mail and the sender's next one wait")
                .containsExactly("Console poison", "Agents offline");

        MailChannel restarted = channel();
        watch(settings, restarted);

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.subjects("Quarantine").contains("Console poison")
                && mailbox.subjects("Processed").contains("Agents offline"));
        assertThat(attempts()).isEqualTo(3);
        assertThat(mailbox.subjects("INBOX")).isEmpty();
        QuarantinedMail kept = restarted.quarantine.list(10).getFirst();
        assertThat(kept.subject()).isEqualTo("Console poison");
        assertThat(kept.sender()).isEqualTo("bob@acme.example");
        assertThat(kept.messageId()).isPresent();
        assertThat(kept.size()).isPositive();
        assertThat(kept.reason()).contains("3 times").contains("OutOfMemoryError");
        assertThat(restarted.journal.dispositionAt(kept.position())).contains(Disposition.QUARANTINED);
        Ticket opened = restarted.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(opened.fields().subject()).isEqualTo("Agents offline");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(restarted.journal
                .mailboxState(settings.mailboxName())).map(MailboxState::lastUid).hasValueSatisfying(
                        last -> assertThat(last).isGreaterThan(kept.position().uid())));
    }

    private MailChannel channel() {
        return new MailChannel(database, java.util.function.UnaryOperator.identity(), tickets -> FailingProxy.around(TicketStore.class, tickets, "create",
                args -> ((NewTicket) args[0]).request().fields().subject().contains("poison"),
                () -> new OutOfMemoryError("Java heap space")));
    }

    private ImapMailboxWatcher watch(ImapSettings settings, MailChannel channel) {
        ImapMailboxWatcher watcher = new ImapMailboxWatcher(settings, channel.intake, channel.journal,
                new PostgresMailboxLock(database.dataSource()), channel.clock);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private int attempts() {
        return database.dsl().fetchOptional("select attempts from inbound_failures order by attempts desc limit 1")
                .map(r -> r.get(0, Integer.class)).orElse(0);
    }
}
