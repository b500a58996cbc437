package io.guichet.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.testing.NodeSettings;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.discord.console.Answer;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.SlashInput;
import io.guichet.discord.console.StaffRoles;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loops of new conversations with a naive autoresponder, with every real part (GreenMail, PostgreSQL): it answers each
 * of our answers with a fresh mail, no thread headers, no auto-reply header.
 */
@ExtendWith(PostgresExtension.class)
class ConversationLoopIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String ROBOT = "robot@robots.example";
    private static final String BOB = "bob@acme.example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private GreenMail mail;
    private GuichetNode node;
    private Database database;

    private GuichetConfig config;

    @BeforeEach
    void start(Database database) {
        this.database = database;
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT, "support", "secret");
        Map<String, String> settings = NodeSettings.onGreenMail(mail, SUPPORT, "PT1S");
        settings.put("GUICHET_HTTP_PORT", "0");
        config = NodeSettings.config(settings);
        node(Clock.systemUTC());
    }

    /** The node, on {@code clock}, with Bob and the robot as contacts of Acme (added once per database). */
    private void node(Clock clock) {
        if (node != null) {
            node.close();
        }
        node = new GuichetNode(config, database, clock);
        if (node.desk().contacts().activeContact(EmailAddress.parse(BOB).orElseThrow()).isPresent()) {
            return;
        }
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse(BOB).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
            d.contacts().addContact(acme.id(), "Front desk", EmailAddress.parse(ROBOT).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
        });
    }

    @AfterEach
    void stop() {
        node.close();
        mail.stop();
    }

    @Test
    @DisplayName("R2: a loop of 10 fresh mails opens 3 tickets and gets 3 answers, then is recorded as a loop, silent, and the staff told once; a customer writing twice with other text is not a loop")
    void loopStopsAfterThree() throws Exception {
        node.start();
        for (int i = 1; i <= 10; i++) {
            send(ROBOT, "Your message", "Thank you for your message of 2026-03-0" + (i % 9 + 1) + ". Our front desk"
                    + " is closed; we read every message and will answer within 2 working days. Reference " + (4000 + i)
                    + ".");
        }
        send(BOB, "Agents offline", "All agents went offline after the upgrade.\nSeverity: 2\n");
        send(BOB, "Console slow", "The console takes a minute to open any page since this morning.\nSeverity: 3\n");

        await().atMost(WAIT).until(() -> count("select count(*) from inbound_receipts where disposition not in"
                + " ('RECEIVED')") == 12);
        node.dispatcher().orElseThrow().wakeUp();
        await().atMost(WAIT).until(() -> mail.getReceivedMessagesForDomain("acme.example").length == 2);
        await().atMost(WAIT).until(() -> count("select count(*) from outbox where sent_at is null") == 0);

        assertThat(count("select count(distinct ticket_id) from mail_messages where direction = 'IN' and sender = '"
                + ROBOT + "'")).as("tickets the loop opened").isEqualTo(3);
        assertThat(mail.getReceivedMessagesForDomain("robots.example")).as("answers to the loop").hasSize(3);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'LOOP'")).isEqualTo(7);
        assertThat(count("select count(*) from mail_messages where direction = 'IN' and sender = '" + ROBOT
                + "' and ticket_id is null")).as("the stopped mail is recorded").isEqualTo(7);
        assertThat(count("select count(*) from staff_outbox where kind = 'LOOP_STOPPED'")).isEqualTo(1);
        assertThat(count("select count(distinct ticket_id) from mail_messages where direction = 'IN' and sender = '"
                + BOB + "'")).as("the customer's two requests").isEqualTo(2);
    }

    @Test
    @DisplayName("R2: a loop is judged by when its mail arrives, not by its Date header: mails dated 2001 or 2099 are stopped after 3 tickets all the same")
    void forgedDatesDoNotDefeatTheLoop() throws Exception {
        node.start();
        for (int i = 1; i <= 8; i++) {
            sendDated(ROBOT, "Your message", "Thank you for your message. Our front desk is closed; we read every"
                    + " message and will answer within 2 working days. Reference " + (5000 + i) + ".",
                    i % 2 == 0 ? "Mon, 1 Jan 2001 08:00:00 +0000" : "Thu, 31 Dec 2099 23:00:00 +0000");
        }

        await().atMost(WAIT).until(() -> count("select count(*) from inbound_receipts where disposition not in"
                + " ('RECEIVED')") == 8);
        assertThat(count("select count(distinct ticket_id) from mail_messages where direction = 'IN' and sender = '"
                + ROBOT + "'")).as("tickets the loop opened").isEqualTo(3);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'LOOP'")).isEqualTo(5);
    }

    @Test
    @DisplayName("R2: a customer sending 4 different requests in a row, each right after our answer, gets 4 tickets and 4 answers: not a loop")
    void differentRequestsInARowAreNotALoop() throws Exception {
        node.start();
        String[] requests = {
                "All agents went offline after the upgrade to 9.6 this morning.\nSeverity: 2\n",
                "The console takes a minute to open any page since yesterday evening.\nSeverity: 3\n",
                "Patch deployment to the Lyon site fails with error 1603 on every workstation.\nSeverity: 2\n",
                "Could you send the licence file for our new Toulouse office? We have 40 seats.\nSeverity: 4\n"};
        for (int i = 0; i < requests.length; i++) {
            send(BOB, "Request " + (i + 1), requests[i]);
            int answered = i + 1;
            await().atMost(WAIT).until(() -> {
                node.dispatcher().orElseThrow().wakeUp();
                return mail.getReceivedMessagesForDomain("acme.example").length == answered;
            });
        }

        assertThat(count("select count(distinct ticket_id) from mail_messages where direction = 'IN' and sender = '"
                + BOB + "'")).isEqualTo(4);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'LOOP'")).isZero();
    }

    @Test
    @DisplayName("R2: the same text sent again long after our answer is not a loop even when its Date header claims it came right after the answer")
    void skewedDateIsNoFalsePositive() throws Exception {
        io.guichet.core.testing.MutableClock clock = io.guichet.core.testing.MutableClock.at("2026-03-02T09:00:00Z");
        node(clock);
        node.start();
        String text = "Thank you for your message. Our front desk is closed; we read every message and will answer"
                + " within 2 working days.";
        java.time.format.DateTimeFormatter rfc = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;
        for (int i = 1; i <= 5; i++) {
            // written, says its Date, a second after our last answer; it arrives 11 minutes after it
            String date = rfc.format(clock.instant().plusSeconds(1).atZone(java.time.ZoneOffset.UTC));
            clock.advance(Duration.ofMinutes(11));
            sendDated(ROBOT, "Your message", text, date);
            int handled = i;
            await().atMost(WAIT).until(() -> count("select count(*) from inbound_receipts where disposition not in"
                    + " ('RECEIVED')") == handled);
            await().atMost(WAIT).until(() -> count("select count(*) from outbox where sent_at is null") == 0);
        }

        assertThat(count("select count(distinct ticket_id) from mail_messages where direction = 'IN' and sender = '"
                + ROBOT + "'")).isEqualTo(5);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'LOOP'")).isZero();
    }

    private void sendDated(String from, String subject, String body, String date) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateHeaders() throws MessagingException {
                super.updateHeaders();
                setHeader("Date", date);
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setHeader("Date", date);
        Transport.send(message);
    }

    private long count(String sql) throws java.sql.SQLException {
        try (var connection = database.dataSource().getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void send(String from, String subject, String body) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        Transport.send(message);
    }
}
