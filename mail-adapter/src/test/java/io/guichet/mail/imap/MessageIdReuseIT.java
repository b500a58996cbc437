package io.guichet.mail.imap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.PostgresMailboxLock;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.MailChannel;
import io.guichet.mail.inbound.MailIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Message-ID makes a duplicate only with the same sender and content: through the real watcher and intake, on
 * GreenMail and PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class MessageIdReuseIT {

    private static final String ID = "<reused-1@acme.example>";

    private MailboxFixture mailbox;
    private MailChannel channel;
    private ImapMailboxWatcher watcher;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start(Database database) {
        mailbox = new MailboxFixture();
        channel = new MailChannel(database);
        ImapSettings settings = mailbox.settings(mailbox.port(), Optional.of("Processed"), Duration.ofMillis(300),
                1_000_000, 100, 2);
        watcher = new ImapMailboxWatcher(settings, channel.intake, channel.journal,
                new PostgresMailboxLock(database.dataSource()), channel.clock);
        log.start();
        ((Logger) LoggerFactory.getLogger(MailIntake.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(MailIntake.class)).detachAppender(log);
        watcher.stop();
        mailbox.close();
    }

    @Test
    @DisplayName("R2: another mail reusing a Message-ID is a new request (ticket and answer), with a warning; the same mail by another route is not")
    void reuseIsNotADuplicate() {
        mailbox.deliverRaw(mail("bob@acme.example", "Agents offline", "All agents went offline."));
        mailbox.deliverRaw("Received: from mx2.acme.example by mx.guichet.example; Mon, 2 Mar 2026 09:00:04 +0000\n"
                + "Delivered-To: support@guichet.example\n"
                + mail("bob@acme.example", "Agents offline", "All agents went offline."));
        mailbox.deliverRaw(mail("alice@acme.example", "Console lente", "La console met une minute à s'ouvrir."));
        mailbox.deliverRaw(mail("bob@acme.example", "Console slow", "Another problem: the console is slow."));
        watcher.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.subjects("Processed").size() == 4);
        List<Ticket> opened = List.of(1000, 1001, 1002).stream()
                .map(n -> channel.tickets.find(new TicketNumber(n)).orElseThrow()).toList();
        assertThat(opened).as("each mail under the Message-ID opened a ticket of its own")
                .extracting(t -> t.fields().subject())
                .containsExactlyInAnyOrder("Agents offline", "Console lente", "Console slow");
        assertThat(channel.tickets.find(new TicketNumber(1003))).as("the copy by another route is the same mail").isEmpty();
        assertThat(channel.outbox.claimDue(channel.clock.instant().plusSeconds(1), 10, Duration.ofMinutes(1)))
                .extracting(OutgoingMail::to).extracting(Object::toString)
                .containsExactlyInAnyOrder("bob@acme.example", "alice@acme.example", "bob@acme.example");
        assertThat(log.list).as("two reuses, whichever worker came first")
                .filteredOn(e -> e.getFormattedMessage().contains("reuses the Message-ID <reused-1@acme.example>"))
                .hasSize(2);
        assertThat(opened).as("in the threads: the first under its Message-ID, the reuses under their content hash")
                .extracting(t -> channel.journal.thread(t.id()).getFirst().messageId())
                .filteredOn(id -> id.value().startsWith("sha256:")).hasSize(2);
    }

    private static String mail(String from, String subject, String body) {
        return """
                From: %s
                To: support@guichet.example
                Subject: %s
                Date: Mon, 2 Mar 2026 09:00:00 +0000
                Message-ID: %s
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(from, subject, ID, body);
    }
}
