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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product's main road, with every real part: a customer's mail arrives over IMAP (GreenMail), opens a ticket
 * in PostgreSQL, the answer goes out over SMTP; a technician replies from the console; the customer's reply to
 * that answer finds the ticket by its thread headers.
 */
@ExtendWith(PostgresExtension.class)
class EndToEndIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private GreenMail mail;
    private GuichetNode node;

    @BeforeEach
    void start(Database database) {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT, "support", "secret");
        mail.setUser(BOB, "bob", "bob");
        Map<String, String> settings = NodeSettings.onGreenMail(mail, SUPPORT, "PT1S");
        settings.put("GUICHET_HTTP_PORT", "0");
        GuichetConfig config = NodeSettings.config(settings);
        node = new GuichetNode(config, database, Clock.systemUTC());
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse(BOB).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
        });
    }

    @AfterEach
    void stop() {
        node.close();
        mail.stop();
    }

    @Test
    @DisplayName("R2, R4, R16: mail in, ticket and tagged answer out; a console reply is threaded; the customer's answer finds the ticket")
    void mainRoad() throws Exception {
        node.start();
        send(BOB, "Agents offline", """
                All agents went offline after the upgrade.

                Severity: 2
                Server URL: https://vsa.acme.example
                Module: Agent
                Steps to reproduce: upgrade, open the console
                Affected devices: SN-1234
                Version: 9.5.0.12
                """, null);

        MimeMessage ack = awaitMessage(BOB, 1);
        assertThat(ack.getSubject()).isEqualTo("[Ticket#1000] Agents offline");
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(ack.getContent().toString()).contains("ticket #1000");

        Console console = new Console(node.desks(), new StaffRoles("tech", "manager"));
        Answer answer = console.handle(new SlashInput("42", "tess", Set.of("tech"), "ticket reply",
                Map.of("ticket", "1000", "text", "Please restart the agent service and tell us.")));
        assertThat(answer.content()).doesNotContainIgnoringCase("wrong");
        node.dispatcher().orElseThrow().wakeUp();

        MimeMessage reply = awaitMessage(BOB, 2);
        assertThat(reply.getSubject()).isEqualTo("[Ticket#1000] Agents offline");
        assertThat(reply.getContent().toString()).contains("Please restart the agent service");
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo(ack.getMessageID());
        assertThat(reply.getHeader("References")[0]).contains(ack.getMessageID());

        send(BOB, "Re: Agents offline", "Restarted, still offline.\n\n> Please restart the agent service\n",
                reply.getMessageID());

        Ticket ticket = node.desk().tickets().find(new TicketNumber(1000)).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(node.desk().tickets().events(ticket.id()))
                .extracting(TicketEvent::kind).contains(EventKind.CUSTOMER_MESSAGE));
        assertThat(node.desk().tickets().events(ticket.id())).filteredOn(e -> e.kind() == EventKind.CUSTOMER_MESSAGE)
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("Restarted, still offline."));
        assertThat(node.desk().tickets().find(new TicketNumber(1001))).isEmpty();

        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + node.httpPort().orElseThrow() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("handling and sending are timed")
                .containsPattern("guichet_mail_handling_seconds_count\\{mailbox=\"[^\"]+\",outcome=\"processed\"\\} [2-9]")
                .containsPattern("guichet_smtp_send_seconds_count\\{mailbox=\"[^\"]+\",result=\"sent\"\\} [2-9]")
                .containsPattern("hikaricp_connections_max\\{pool=\"guichet\"\\} \\d+");
    }

    @Test
    @DisplayName("R10: an unknown sender gets one explanation over SMTP and no ticket")
    void unknownSender() throws Exception {
        node.start();
        mail.setUser("eve@other.example", "eve", "eve");
        send("eve@other.example", "Help", "Our server is down.\n", null);

        MimeMessage answer = awaitMessage("eve@other.example", 1);
        assertThat(answer.getContent().toString()).contains("not an authorized contact");
        assertThat(node.desk().tickets().find(new TicketNumber(1000))).isEmpty();
    }

    @Test
    @DisplayName("R2: a crash between the commit and the move: the mail read again after restart is handled once and moved")
    void crashBetweenCommitAndMove() throws Exception {
        send(BOB, "Agents offline", "Severity: 2\n", null);
        await().atMost(WAIT).until(() -> mail.getReceivedMessagesForDomain("guichet.test").length == 1);
        MimeMessage delivered = mail.getReceivedMessagesForDomain("guichet.test")[0];
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        delivered.writeTo(raw);
        // the node that crashed had committed the mail (receipt, ticket, answer in the outbox), then died before
        // moving it: the mail is still in INBOX and the mailbox position was never saved
        node.intake().orElseThrow().handle(raw.toByteArray(), new io.guichet.core.mail.MailPosition("crashed", 1, 1));

        node.start();

        MimeMessage answer = awaitMessage(BOB, 1);
        assertThat(answer.getSubject()).startsWith("[Ticket#1000]");
        await().atMost(WAIT).until(() -> node.watcher().orElseThrow().health().lastSuccess().isPresent());
        await().atMost(WAIT).untilAsserted(() -> assertThat(inboxCount()).isZero());
        assertThat(node.desk().tickets().find(new TicketNumber(1001))).isEmpty();
        assertThat(mail.getReceivedMessagesForDomain("acme.example")).hasSize(1);
    }

    @Test
    @DisplayName("every log line about a mail carries its ticket number, Message-ID and correlation id")
    void logContext() throws Exception {
        send(BOB, "Agents offline", "Severity: 2\n", null);
        await().atMost(WAIT).until(() -> mail.getReceivedMessagesForDomain("guichet.test").length == 1);
        MimeMessage delivered = mail.getReceivedMessagesForDomain("guichet.test")[0];
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        delivered.writeTo(raw);
        ch.qos.logback.classic.Logger intakeLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.guichet.mail.inbound.MailIntake.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        intakeLog.addAppender(lines);
        try {
            node.intake().orElseThrow().handle(raw.toByteArray(), new io.guichet.core.mail.MailPosition("INBOX", 1, 1));
        } finally {
            intakeLog.detachAppender(lines);
        }

        assertThat(lines.list).filteredOn(e -> e.getFormattedMessage().contains("OPENED")).singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("ticket", "#1000")
                        .containsEntry("messageId", delivered.getMessageID().replaceAll("^<|>$", ""))
                        .containsEntry("channel", "mail")
                        .containsKey("correlationId"));
    }

    @Test
    @DisplayName("R2: one correlation id per mail: the watcher's, the desk's and the SMTP send's lines about it carry the same")
    void oneCorrelationIdFromWatcherToSend() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger watcherLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.guichet.mail.imap.ImapMailboxWatcher.class);
        ch.qos.logback.classic.Level level = watcherLog.getLevel();
        watcherLog.setLevel(ch.qos.logback.classic.Level.DEBUG); // its line per handled mail is a debug line
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        List<ch.qos.logback.classic.spi.ILoggingEvent> seen;
        try {
            node.start();
            send(BOB, "Agents offline", "Severity: 2\n", null);
            awaitMessage(BOB, 1);
            await().atMost(WAIT).until(() -> logged(lines).stream().anyMatch(e -> from(e,
                    io.guichet.mail.smtp.SmtpOutboxDispatcher.class) && e.getFormattedMessage().startsWith("sent outbox mail")));
            seen = logged(lines);
        } finally {
            root.detachAppender(lines);
            watcherLog.setLevel(level);
        }

        ch.qos.logback.classic.spi.ILoggingEvent desk = seen.stream()
                .filter(e -> from(e, io.guichet.core.desk.CustomerDesk.class) && e.getFormattedMessage().contains("opened"))
                .findFirst().orElseThrow();
        String id = desk.getMDCPropertyMap().get("correlationId");
        assertThat(id).as("the desk's line").isNotBlank();
        assertThat(seen).as("the watcher's line about the mail")
                .filteredOn(e -> from(e, io.guichet.mail.imap.ImapMailboxWatcher.class)
                        && e.getFormattedMessage().contains("UID 1 ->"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", id));
        assertThat(seen).as("the intake's line about the mail")
                .filteredOn(e -> from(e, io.guichet.mail.inbound.MailIntake.class)
                        && e.getFormattedMessage().contains("OPENED"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", id));
        assertThat(seen).as("the SMTP send of its answer")
                .filteredOn(e -> from(e, io.guichet.mail.smtp.SmtpOutboxDispatcher.class)
                        && e.getFormattedMessage().startsWith("sent outbox mail"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", id));
    }

    private static List<ch.qos.logback.classic.spi.ILoggingEvent> logged(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines) {
        synchronized (lines) { // the appender appends under its own lock
            return List.copyOf(lines.list);
        }
    }

    private static boolean from(ch.qos.logback.classic.spi.ILoggingEvent event, Class<?> type) {
        return event.getLoggerName().equals(type.getName());
    }

    private int inboxCount() throws MessagingException {
        jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), "support", "secret");
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }

    private MimeMessage awaitMessage(String address, int count) {
        String domain = address.substring(address.indexOf('@') + 1);
        await().atMost(WAIT).until(() -> mail.getReceivedMessagesForDomain(domain).length >= count);
        return mail.getReceivedMessagesForDomain(domain)[count - 1];
    }

    private void send(String from, String subject, String body, String inReplyTo) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        Transport.send(message);
    }
}
