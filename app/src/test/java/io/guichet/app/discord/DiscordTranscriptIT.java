package io.guichet.app.discord;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.testing.NodeSettings;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.Fault;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.SentInteraction;
import io.guichet.discord.standin.StandInWorld;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A closed ticket's transcript, end to end through JDA and the Discord stand-in: a ticket opened by mail (GreenMail),
 * answered, noted and resolved with slash commands, is closed for good when its (short) reopen window ends, and its
 * transcript arrives in the log channel as a text file with a one-line summary; a post Discord answers with 500 is
 * retried from the staff outbox and lands once.
 */
@ExtendWith(PostgresExtension.class)
class DiscordTranscriptIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";
    private static final String LOG = StandInWorld.EXAMPLE_LOG_CHANNEL;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static GreenMail mail;
    private static DiscordStandIn discord;
    private static GuichetNode node;

    @BeforeAll
    static void start(Database database) {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT, "support", "secret");
        mail.setUser(BOB, "bob", "bob");
        discord = DiscordStandIn.start();
        Map<String, String> settings = NodeSettings.onGreenMail(mail, SUPPORT, "PT0.5S");
        settings.put("GUICHET_HTTP_PORT", "off");
        settings.put("GUICHET_AUTO_REPLY_CAP", "10000");
        // R13: closed for good a few seconds after the resolution, at the next deadline sweep
        settings.put("GUICHET_REOPEN_WINDOW", "PT3S");
        NodeSettings.withStandIn(settings, discord, StandInWorld.EXAMPLE_STAFF_CHANNEL);
        settings.put("GUICHET_DISCORD_LOG_CHANNEL_ID", LOG);
        GuichetConfig config = NodeSettings.config(settings);
        node = new GuichetNode(config, database, Clock.systemUTC());
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", email(BOB), "+1 555 0100", Language.EN,
                    Optional.empty(), Optional.empty());
        });
        node.start();
        await().atMost(WAIT).until(() -> discord.botConnected() && !discord.registeredCommands().isEmpty());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        discord.close();
        mail.stop();
    }

    @Test
    @DisplayName("R13: a ticket closed for good has its transcript posted to the log channel as a text file with a "
            + "one-line summary: fields, the customer's mail and our reply, the changes, the internal note marked")
    void transcriptPostedOnClose() throws Exception {
        send(BOB, "Printer agent crashes at start", "Severity: 3\nServer URL: https://vsa.acme.example\n"
                + "Module: Agents\nVersion: VSA 9.5\nAffected devices: SN 4711, device 88\n"
                + "Steps to reproduce: start the printer agent\n\nThe printer agent crashes at start.");
        MimeMessage ack = awaitMail(m -> subject(m).contains("Printer agent crashes"));
        TicketNumber n = number(ack);
        run("tess", "/ticket reply ticket:" + n.value() + " text:Please send the agent log.");
        run("tess", "/ticket note ticket:" + n.value() + " text:Customer runs the old agent");
        run("tess", "/ticket resolve ticket:" + n.value() + " reason:fixed-by-update text:Fixed in 9.5.1");
        assertThat(postsWithFiles()).as("nothing posted on resolve: only once closed for good").isEmpty();

        RecordedCall posted = await().atMost(WAIT).until(() -> postsWithFiles().stream()
                .filter(p -> p.status() == 200 && p.content().startsWith("Ticket " + n + " closed")).findFirst(),
                Optional::isPresent).orElseThrow();

        assertThat(node.desk().tickets().find(n).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(posted.content()).doesNotContain("\n").contains("Printer agent crashes at start", "S3",
                "resolved fixed-by-update by tess", "1 mail in", "1 note)");
        assertThat(posted.mentionsNobody()).isTrue();
        assertThat(posted.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("ticket-" + n.value() + "-transcript.txt");
            String text = new String(f.content(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("Transcript of ticket " + n + ": Printer agent crashes at start\n");
            assertThat(text).contains("  status      CLOSED", "  server URL  https://vsa.acme.example",
                    "  module      Agents", "  devices     SN 4711, device 88",
                    "The printer agent crashes at start.",
                    "mail from " + BOB + ": Printer agent crashes at start",
                    "mail to " + BOB, "Please send the agent log.",
                    "NOTE (internal, never sent to the customer) by ", ": Customer runs the old agent",
                    "RESOLVED (", "CLOSED (RESOLVED -> CLOSED) by system");
            assertThat(text.indexOf("mail from " + BOB)).as("in time order")
                    .isLessThan(text.indexOf("Please send the agent log."));
            assertThat(text.indexOf("Please send the agent log.")).isLessThan(text.indexOf("NOTE (internal"));
            assertThat(text.indexOf("NOTE (internal")).isLessThan(text.indexOf("RESOLVED ("));
            assertThat(text.indexOf("RESOLVED (")).isLessThan(text.indexOf("CLOSED (RESOLVED"));
        });
        await().pollDelay(Duration.ofSeconds(6)).atMost(WAIT).until(() -> true);
        assertThat(postsWithFiles().stream().filter(p -> p.content().startsWith("Ticket " + n + " closed")))
                .as("posted once").hasSize(1);
    }

    @Test
    @DisplayName("R13: a transcript Discord answers with 500 is retried from the staff outbox and lands once")
    void refusedTranscriptRetried() {
        TicketNumber n = open("3");
        // JDA does not retry a 500 itself: the staff outbox tries again after its first backoff (5 s)
        discord.failNext("POST", "/channels/" + LOG + "/messages", Fault.serverError(500));
        run("max", "/ticket resolve ticket:" + n.value() + " reason:no-longer-needed");

        await().atMost(WAIT).until(() -> transcriptsOf(n).stream().anyMatch(p -> p.status() == 200));
        List<RecordedCall> attempts = transcriptsOf(n);
        assertThat(attempts).extracting(RecordedCall::status).containsExactly(500, 200);
        assertThat(attempts.get(1).millisAfter(attempts.get(0).receivedNanos())).isGreaterThanOrEqualTo(4500.0);
        assertThat(attempts.get(1).files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("ticket-" + n.value() + "-transcript.txt");
            assertThat(new String(f.content(), StandardCharsets.UTF_8))
                    .startsWith("Transcript of ticket " + n + ": ").contains("CLOSED (RESOLVED -> CLOSED) by system");
        });
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(transcriptsOf(n).stream().filter(p -> p.status() == 200)).as("delivered once").hasSize(1);
    }

    private static List<RecordedCall> postsWithFiles() {
        return discord.postsTo(LOG).stream().filter(p -> !p.files().isEmpty()).toList();
    }

    /** The log channel posts of ticket {@code n}'s transcript, refused or not (a refused one's body is recorded too). */
    private static List<RecordedCall> transcriptsOf(TicketNumber n) {
        return discord.postsTo(LOG).stream().filter(p -> p.content().startsWith("Ticket " + n + " closed")).toList();
    }

    private static TicketNumber open(String severity) {
        CustomerOutcome outcome = node.customers().handle(new CustomerCommand.OpenTicket(email(BOB), "Bob Smith",
                Optional.empty(), DeskFixture.complete(severity), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    private static void run(String member, String command) {
        SentInteraction sent = discord.slash(member, command);
        await().atMost(WAIT).until(() -> discord.responsesTo(sent).size() >= 2);
        assertThat(discord.responsesTo(sent).get(1).content()).doesNotContain("Nothing changed", "Something went wrong");
    }

    private static TicketNumber number(MimeMessage m) {
        Matcher found = Pattern.compile("\\[Ticket#(\\d+)]").matcher(subject(m));
        assertThat(found.find()).as("the ticket's tag in " + subject(m)).isTrue();
        return TicketNumber.parse(found.group(1)).orElseThrow();
    }

    private static void send(String from, String subject, String body) throws MessagingException {
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

    private static MimeMessage awaitMail(java.util.function.Predicate<MimeMessage> wanted) {
        node.dispatcher().orElseThrow().wakeUp();
        return await().atMost(WAIT).until(() -> Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(BOB)).filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients() == null ? "" : ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }
}
