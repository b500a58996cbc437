package io.guichet.mail.smtp;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.db.Database;
import io.guichet.db.JooqOutbox;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.imap.ImapSentFolder;
import io.guichet.mail.imap.ImapSettings;
import io.guichet.mail.testing.HoldingSmtpServer;
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

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers once, as far as SMTP allows, against PostgreSQL and a real mail server (GreenMail: SMTP, and IMAP for the
 * support mailbox's Sent folder). An uncertain send is left exactly as a crash leaves it: the row claimed by a sender
 * that then died, marked "sending" (handed to the server) and never marked sent.
 */
@ExtendWith(PostgresExtension.class)
class AnswersOnceIT {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final String SUPPORT = "support@guichet.test";
    private static final String SENT = "Sent";

    private final Clock clock = Clock.systemUTC();
    private GreenMail greenMail;
    private GreenMailUser supportUser;
    private GreenMailUser alice;
    private JooqOutbox outbox;
    private SmtpOutboxDispatcher dispatcher;
    private ImapSentFolder sentFolder;
    private HoldingSmtpServer holding;

    @BeforeEach
    void start(Database database) {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        supportUser = greenMail.setUser(SUPPORT, "support", "secret");
        alice = greenMail.setUser("alice@acme.example", "alice", "secret");
        outbox = new JooqOutbox(database.transactions().autoCommit());
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        if (sentFolder != null) {
            sentFolder.close();
        }
        if (holding != null) {
            holding.close();
        }
        greenMail.stop();
    }

    private ImapSettings imap(int port) {
        return ImapSettings.defaults("127.0.0.1", port, TransportSecurity.NONE, "support", "secret");
    }

    private SmtpSettings smtp(int port, RetryPolicy retry) {
        return new SmtpSettings("127.0.0.1", port, TransportSecurity.NONE, TlsTrust.system(), Optional.empty(),
                new EmailAddress(SUPPORT), "Guichet Support", Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 10, LEASE, Duration.ofMillis(200), retry);
    }

    private SmtpOutboxDispatcher start(int smtpPort, RetryPolicy retry, SentCopies copies) {
        dispatcher = new SmtpOutboxDispatcher(smtp(smtpPort, retry), outbox, clock, copies);
        dispatcher.start();
        return dispatcher;
    }

    private SmtpOutboxDispatcher start(SentCopies copies) {
        return start(greenMail.getSmtp().getPort(), RetryPolicy.standard(), copies);
    }

    private ImapSentFolder sentFolder(boolean fileCopies) {
        sentFolder = new ImapSentFolder(imap(greenMail.getImap().getPort()), SENT, fileCopies);
        return sentFolder;
    }

    private String enqueue() {
        String messageId = UUID.randomUUID() + "@guichet.test";
        outbox.enqueue(new OutgoingMail(0, Optional.empty(), io.guichet.core.mail.MessageId.of(messageId),
                new EmailAddress("alice@acme.example"),
                "Alice", "[Ticket#1042] Votre demande", "Bonjour Alice,\nvotre ticket 1042 est ouvert.\n",
                Optional.empty(), List.of(), true, clock.instant(), 0));
        return "<" + messageId + ">";
    }

    /** What a sender that died after handing the mail to the server leaves: claimed, marked sending, never sent. */
    private void leftByACrash() {
        List<OutgoingMail> claimed = outbox.claimDue(clock.instant(), 10, LEASE);
        assertThat(claimed).hasSize(1);
        outbox.markSending(claimed.getFirst().id(), clock.instant());
    }

    /** The copy the provider filed in the support mailbox's Sent folder when it took the mail. */
    private void providerFiled(String messageId) throws Exception {
        MimeMessage copy = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        copy.setFrom(new InternetAddress(SUPPORT));
        copy.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@acme.example"));
        copy.setSubject("[Ticket#1042] Votre demande");
        copy.setText("Bonjour Alice,\nvotre ticket 1042 est ouvert.\n");
        copy.saveChanges();
        ImapHostManager folders = greenMail.getManagers().getImapHostManager();
        MailFolder sent = folders.getFolder(supportUser, SENT) != null ? folders.getFolder(supportUser, SENT)
                : folders.createMailbox(supportUser, SENT);
        sent.appendMessage(copy, new Flags(Flags.Flag.SEEN), new Date());
    }

    private void emptySentFolder() throws Exception {
        greenMail.getManagers().getImapHostManager().createMailbox(supportUser, SENT);
    }

    /** The mails in the customer's inbox. */
    private List<MimeMessage> deliveredToAlice() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(alice).getMessages().stream()
                .map(com.icegreen.greenmail.store.StoredMessage::getMimeMessage).toList();
    }

    private List<com.icegreen.greenmail.store.StoredMessage> inSent() {
        MailFolder sent = greenMail.getManagers().getImapHostManager().getFolder(supportUser, SENT);
        return sent == null ? List.of() : sent.getMessages();
    }

    private void awaitNothingPending() {
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.backlog(clock.instant()).pending() == 0);
    }

    @Test
    @DisplayName("an uncertain send whose copy is in the Sent folder is marked sent, not sent again")
    void foundInSentIsNotSentAgain() throws Exception {
        String messageId = enqueue();
        leftByACrash();
        providerFiled(messageId);

        start(sentFolder(false));

        awaitNothingPending();
        assertThat(deliveredToAlice()).isEmpty();
        assertThat(dispatcher.foundInSent()).isEqualTo(1);
        assertThat(dispatcher.uncheckedResends()).isZero();
    }

    @Test
    @DisplayName("an uncertain send not in the Sent folder is sent once more, with the same Message-ID, and not counted as unchecked")
    void absentFromSentIsSentAgainWithItsMessageId() throws Exception {
        String messageId = enqueue();
        leftByACrash();
        providerFiled("<someone-else@guichet.test>");

        start(sentFolder(false));

        awaitNothingPending();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredToAlice().size() == 1);
        assertThat(deliveredToAlice().getFirst().getMessageID()).isEqualTo(messageId);
        assertThat(dispatcher.foundInSent()).isZero();
        assertThat(dispatcher.uncheckedResends()).isZero();
    }

    @Test
    @DisplayName("with no Sent folder configured an uncertain send is sent again with the same Message-ID and counted")
    void noSentFolderResendsAndCounts() throws Exception {
        String messageId = enqueue();
        leftByACrash();

        start(SentCopies.none());

        awaitNothingPending();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredToAlice().size() == 1);
        assertThat(deliveredToAlice().getFirst().getMessageID()).isEqualTo(messageId);
        assertThat(dispatcher.uncheckedResends()).isEqualTo(1);
    }

    @Test
    @DisplayName("an IMAP server that cannot be reached makes the check impossible: sent again and counted")
    void unreachableImapResendsAndCounts() throws Exception {
        String messageId = enqueue();
        leftByACrash();
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        sentFolder = new ImapSentFolder(imap(closedPort), SENT, false);

        start(sentFolder);

        awaitNothingPending();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredToAlice().size() == 1);
        assertThat(deliveredToAlice().getFirst().getMessageID()).isEqualTo(messageId);
        assertThat(dispatcher.uncheckedResends()).isEqualTo(1);
    }

    @Test
    @DisplayName("mail sent without any trouble is never looked up: a Sent folder that is unreachable is not counted")
    void certainSendsAreNotChecked() throws Exception {
        enqueue();
        enqueue();
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        sentFolder = new ImapSentFolder(imap(closedPort), SENT, false);

        start(sentFolder);

        awaitNothingPending();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredToAlice().size() == 2);
        assertThat(dispatcher.uncheckedResends()).isZero();
    }

    @Test
    @DisplayName("with its own copies on, each mail the server took is filed in the Sent folder, where a later check finds it")
    void ownCopiesAreFiledAndFound() throws Exception {
        String messageId = enqueue();

        start(sentFolder(true));

        awaitNothingPending();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredToAlice().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> inSent().size() == 1);
        assertThat(inSent()).singleElement()
                .satisfies(stored -> assertThat(stored.getMimeMessage().getMessageID()).isEqualTo(messageId))
                .satisfies(stored -> assertThat(stored.getFlags().contains(Flags.Flag.SEEN)).isTrue());
        assertThat(sentFolder.find(messageId)).isInstanceOf(SentCopies.Found.class);
        assertThat(sentFolder.find("<not-sent@guichet.test>")).isInstanceOf(SentCopies.Absent.class);
    }

    @Test
    @DisplayName("a connection lost after the message data is an uncertain send: found in Sent, it is not sent again")
    void connectionLostAfterDataFoundInSent() throws Exception {
        holding = new HoldingSmtpServer();
        holding.release();
        holding.dropAfterData(1);
        String messageId = enqueue();
        emptySentFolder();
        // the server took the mail although it never said so: its copy is in Sent by the time of the next attempt
        providerFiled(messageId);

        start(holding.port(), new RetryPolicy(5, Duration.ofMillis(300), Duration.ofSeconds(1)), sentFolder(false));

        awaitNothingPending();
        assertThat(holding.messagesStarted()).isEqualTo(1);
        assertThat(holding.messagesAccepted()).isZero();
        assertThat(dispatcher.foundInSent()).isEqualTo(1);
    }

    @Test
    @DisplayName("a connection lost after the message data, with no Sent folder: sent again after the retry delay and counted")
    void connectionLostAfterDataUnchecked() {
        holding = new HoldingSmtpServer();
        holding.release();
        holding.dropAfterData(1);
        enqueue();

        start(holding.port(), new RetryPolicy(5, Duration.ofMillis(300), Duration.ofSeconds(1)), SentCopies.none());

        awaitNothingPending();
        assertThat(holding.messagesStarted()).isEqualTo(2);
        assertThat(holding.messagesAccepted()).isEqualTo(1);
        assertThat(dispatcher.uncheckedResends()).isEqualTo(1);
    }
}
