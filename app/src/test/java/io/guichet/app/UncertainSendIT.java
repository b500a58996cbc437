package io.guichet.app;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.db.JooqOutbox;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node restarted after a crash that left an answer claimed (with the node's own 10-second lease) and handed to the
 * SMTP server but never marked sent, against PostgreSQL and GreenMail (SMTP, and IMAP for the Sent folder): the answer
 * is resolved within 15 s of the restart, checked in the Sent folder when one is configured, and the outcome is in the
 * node's metrics.
 */
@ExtendWith(PostgresExtension.class)
class UncertainSendIT {

    private static final Duration NODE_LEASE = Duration.ofSeconds(10);
    private static final Duration RESUME_BOUND = Duration.ofSeconds(15);
    private static final String MESSAGE_ID = "answer-1042@guichet.test";

    private GreenMail greenMail;
    private GreenMailUser support;
    private GreenMailUser bob;

    @BeforeEach
    void startMail() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        support = greenMail.setUser("support@guichet.test", "support", "secret");
        bob = greenMail.setUser("bob@acme.example", "bob", "secret");
    }

    @AfterEach
    void stopMail() {
        greenMail.stop();
    }

    private GuichetConfig config(TestDatabase database, boolean sentFolder) {
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_DB_URL", database.jdbcUrl());
        settings.put("GUICHET_DB_USER", database.user());
        settings.put("GUICHET_DB_PASSWORD", database.password());
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(greenMail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_USER", "support");
        settings.put("GUICHET_IMAP_PASSWORD", "secret");
        if (sentFolder) {
            settings.put("GUICHET_IMAP_SENT_FOLDER", "Sent");
        }
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SUPPORT_ADDRESS", "support@guichet.test");
        settings.put("GUICHET_HTTP_PORT", "0");
        ConfigReader.Result result = ConfigReader.read(settings);
        assertThat(result).isInstanceOf(ConfigReader.Result.Valid.class);
        return ((ConfigReader.Result.Valid) result).config();
    }

    /** What the node that crashed left: the answer claimed with its lease, handed to the server, never marked sent. */
    private static void leftByACrash(JooqOutbox outbox) {
        outbox.enqueue(new OutgoingMail(0, Optional.empty(), io.guichet.core.mail.MessageId.of(MESSAGE_ID),
                EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", "[Ticket#1042] Your request",
                "Hello Bob", Optional.empty(), List.of(), true, Instant.now(), 0));
        List<OutgoingMail> claimed = outbox.claimDue(Instant.now(), 10, NODE_LEASE);
        assertThat(claimed).hasSize(1);
        outbox.markSending(claimed.getFirst().id(), Instant.now());
    }

    private void providerFiledCopy() throws Exception {
        MimeMessage copy = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + MESSAGE_ID + ">");
            }
        };
        copy.setFrom(new InternetAddress("support@guichet.test"));
        copy.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@acme.example"));
        copy.setSubject("[Ticket#1042] Your request");
        copy.setText("Hello Bob");
        copy.saveChanges();
        MailFolder sent = greenMail.getManagers().getImapHostManager().createMailbox(support, "Sent");
        sent.appendMessage(copy, new Flags(Flags.Flag.SEEN), new Date());
    }

    private List<MimeMessage> bobsInbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(bob).getMessages().stream()
                .map(StoredMessage::getMimeMessage).toList();
    }

    private static String metrics(GuichetNode node) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort().orElseThrow() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    @DisplayName("after a crash between the send and its mark, the restarted node finds the answer in Sent within 15 s and does not send it again")
    void foundInSentAfterRestart(TestDatabase database) throws Exception {
        JooqOutbox outbox = new JooqOutbox(database.database().transactions().autoCommit());
        leftByACrash(outbox);
        providerFiledCopy();

        try (GuichetNode node = new GuichetNode(config(database, true), database.database(), Clock.systemUTC())) {
            long started = System.nanoTime();
            node.start();

            await().atMost(RESUME_BOUND).until(() -> outbox.backlog(Instant.now()).pending() == 0);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RESUME_BOUND);
            assertThat(bobsInbox()).isEmpty();
            assertThat(metrics(node)).contains("guichet_outbox_found_in_sent_total{mailbox=\"support@guichet.test\"} 1.0")
                    .contains("guichet_outbox_unchecked_resends_total{mailbox=\"support@guichet.test\"} 0.0");
        }
    }

    @Test
    @DisplayName("after a crash between the send and its mark, with no Sent folder, the restarted node sends the answer again within 15 s, same Message-ID, counted")
    void resentUncheckedAfterRestart(TestDatabase database) throws Exception {
        JooqOutbox outbox = new JooqOutbox(database.database().transactions().autoCommit());
        leftByACrash(outbox);

        try (GuichetNode node = new GuichetNode(config(database, false), database.database(), Clock.systemUTC())) {
            long started = System.nanoTime();
            node.start();

            await().atMost(RESUME_BOUND).until(() -> bobsInbox().size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RESUME_BOUND);
            assertThat(bobsInbox().getFirst().getMessageID()).isEqualTo("<" + MESSAGE_ID + ">");
            await().atMost(Duration.ofSeconds(5)).until(() -> outbox.backlog(Instant.now()).pending() == 0);
            assertThat(metrics(node)).contains("guichet_outbox_unchecked_resends_total{mailbox=\"support@guichet.test\"} 1.0");
        }
    }
}
