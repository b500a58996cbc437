package io.guichet.app.discord;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
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
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread per ticket, end to end through JDA and the Discord stand-in: a ticket opens its thread once (from the
 * staff outbox, after commit), the customer's mail (GreenMail, over IMAP) is relayed into it pinging the technician
 * who holds the ticket and nobody else, a technician's message in it leaves as the threaded reply mail (once, even
 * when the gateway delivers it twice), a non-technician's message does nothing, resolving archives the thread and
 * the customer's reopening brings it back; a post Discord refuses with a 500 is retried from the staff outbox.
 */
@ExtendWith(PostgresExtension.class)
class DiscordThreadsIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";
    private static final String THREADS = StandInWorld.EXAMPLE_STAFF_CHANNEL;
    private static final Duration WAIT = Duration.ofSeconds(40);

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
        NodeSettings.withStandIn(settings, discord, StandInWorld.EXAMPLE_STAFF_CHANNEL);
        settings.put("GUICHET_DISCORD_THREAD_CHANNEL_ID", THREADS);
        GuichetConfig config = NodeSettings.config(settings);
        node = new GuichetNode(config, database, Clock.systemUTC());
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", email(BOB), "+1 555 0100", Language.EN,
                    Optional.empty(), Optional.empty());
        });
        node.start();
        await().atMost(WAIT).until(() -> discord.botConnected() && discord.registeredCommands().size() == io.guichet.discord.CommandCatalog.commands().size());
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
    @DisplayName("R2, R16: a ticket's thread both ways: opened once with the intake fields, the customer's mail relayed "
            + "pinging only the claimer and a subscriber, a technician's message mailed once as the threaded reply, a note kept, "
            + "a non-technician ignored, archived on resolve and back on reopen")
    void threadBothWays() throws Exception {
        TicketNumber n = open("3");
        MimeMessage ack = awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));
        String thread = awaitThread(n);
        assertThat(threadCreations(n)).as("the thread is opened once").hasSize(1);
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("Server URL")));
        assertThat(thread(thread).path("name").asText()).startsWith(n + " · S3 · ");

        run("tess", "/ticket claim ticket:" + n.value());
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("Claimed")));
        SentInteraction subscribing = discord.click("max", "subscribe:" + n.value());
        await().atMost(WAIT).until(() -> discord.responsesTo(subscribing).size() >= 2);
        assertThat(discord.responsesTo(subscribing).get(1).content()).contains("You will be pinged");

        // the customer writes by mail: relayed into the thread, pinging tess (who holds the ticket), nobody else
        send(BOB, "Re: " + ack.getSubject(), "The agents are still offline.\nEven after a reboot.\n\n"
                + "> quoted text of your answer", ack.getMessageID());
        String tess = discord.world().member("tess").userId();
        String max = discord.world().member("max").userId();
        RecordedCall relayed = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.content().contains("still offline")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(relayed.status()).isEqualTo(200);
        assertThat(relayed.content()).contains("<@" + tess + ">", "<@" + max + ">", "Even after a reboot", "(customer) wrote")
                .as("quoted history stripped").doesNotContain("quoted text");
        JsonNode mentions = relayed.allowedMentions().orElseThrow();
        assertThat(mentions.path("parse")).isEmpty();
        assertThat(mentions.path("users")).extracting(JsonNode::asText).containsExactlyInAnyOrder(tess, max);
        assertThat(relayed.content()).doesNotContain("<@" + discord.world().member("nina").userId() + ">");

        // tess answers by writing, on several lines: the reply mail, threaded, and a check mark
        String said = discord.say("tess", thread, "Hello Bob,\nplease restart the agent service.\nTess");
        MimeMessage reply = awaitMail(m -> body(m).contains("please restart the agent service"));
        assertThat(((InternetAddress) reply.getAllRecipients()[0]).getAddress()).isEqualTo(BOB);
        assertThat(reply.getSubject()).isEqualTo("[Ticket#" + n.value() + "] Agents offline");
        assertThat(reply.getHeader("In-Reply-To")).isNotEmpty();
        assertThat(reply.getHeader("References")[0]).contains(ack.getMessageID());
        await().atMost(WAIT).until(() -> reactions(said).size() == 1);
        assertThat(reactions(said).getFirst().route()).contains("/reactions/✅/@me");

        // the gateway delivers the same message again: no second mail, no second reaction
        discord.redeliver(said);
        String later = discord.say("tess", thread, "// checked the agent logs, nothing unusual");
        await().atMost(WAIT).until(() -> reactions(later).size() == 1);
        node.dispatcher().orElseThrow().wakeUp();
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(mails(m -> body(m).contains("please restart the agent service"))).hasSize(1);
        assertThat(reactions(said)).hasSize(1);
        assertThat(events(n)).filteredOn(e -> e.kind() == EventKind.STAFF_REPLY).hasSize(1);
        assertThat(events(n)).filteredOn(e -> e.kind() == EventKind.NOTE).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("checked the agent logs, nothing unusual"));
        assertThat(mails(m -> body(m).contains("checked the agent logs"))).isEmpty();

        // nina has no technician role: nothing is sent, nothing reacts, the attempt is recorded
        int mailsBefore = mail.getReceivedMessages().length;
        String ninas = discord.say("nina", thread, "Let me answer this one");
        await().atMost(WAIT).until(() -> node.ports().inTransaction(d ->
                d.audit().about("ticket " + n)).stream().anyMatch(a -> a.detail().contains("not a technician")));
        assertThat(reactions(ninas)).isEmpty();
        assertThat(mail.getReceivedMessages().length).isEqualTo(mailsBefore);

        // resolved: archived; the customer writes again, the ticket reopens and the thread comes back
        run("tess", "/ticket resolve ticket:" + n.value() + " reason:fixed-by-update text:Fixed in 9.5.1");
        await().atMost(WAIT).until(() -> thread(thread).path("thread_metadata").path("archived").asBoolean());
        MimeMessage resolved = awaitMail(m -> body(m).contains("Fixed in 9.5.1"));
        send(BOB, "Re: " + resolved.getSubject(), "It came back this morning.", resolved.getMessageID());
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("came back")));
        assertThat(ticket(n).status()).isNotEqualTo(TicketStatus.RESOLVED);
        assertThat(thread(thread).path("thread_metadata").path("archived").asBoolean()).isFalse();
        assertThat(posts(thread)).anySatisfy(p -> assertThat(p.content()).contains("Reopened"));
        assertThat(threadCreations(n)).as("still one thread").hasSize(1);
    }

    @Test
    @DisplayName("R16: /ticket subscribe and /ticket unsubscribe: the customer's mail pings the holder and the subscribers "
            + "by a real mention, allowed_mentions naming exactly those users; after unsubscribing, only the holder")
    void subscribeAndUnsubscribe() throws Exception {
        TicketNumber n = open("3");
        MimeMessage ack = awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));
        String thread = awaitThread(n);
        String tess = discord.world().member("tess").userId();
        String max = discord.world().member("max").userId();
        run("tess", "/ticket claim ticket:" + n.value());
        SentInteraction subscribing = discord.slash("max", "/ticket subscribe ticket:" + n.value());
        await().atMost(WAIT).until(() -> discord.responsesTo(subscribing).size() >= 2);
        assertThat(discord.responsesTo(subscribing).get(1).content()).contains("You will be pinged");

        send(BOB, "Re: " + ack.getSubject(), "Still down after the patch.", ack.getMessageID());
        RecordedCall first = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("Still down after the patch")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(first.content()).contains("<@" + tess + ">", "<@" + max + ">");
        assertThat(first.allowedMentions().orElseThrow().path("parse")).isEmpty();
        assertThat(first.allowedMentions().orElseThrow().path("users")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(tess, max);

        SentInteraction leaving = discord.slash("max", "/ticket unsubscribe ticket:" + n.value());
        await().atMost(WAIT).until(() -> discord.responsesTo(leaving).size() >= 2);
        assertThat(discord.responsesTo(leaving).get(1).content()).contains("no longer be pinged");
        send(BOB, "Re: " + ack.getSubject(), "And now the console is slow too.", ack.getMessageID());
        RecordedCall second = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("console is slow")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(second.content()).contains("<@" + tess + ">").doesNotContain("<@" + max + ">");
        assertThat(second.allowedMentions().orElseThrow().path("users")).extracting(JsonNode::asText)
                .containsExactly(tess);
    }

    @Test
    @DisplayName("R16, R17: a thread post delivered late (Discord refused it, retried) shows the change it belongs to, "
            + "as it was then, not the ticket as it is at delivery")
    void latePostShowsItsOwnChange() {
        TicketNumber n = open("3");
        String thread = awaitThread(n);
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("Server URL")));
        discord.failNext("POST", "/channels/" + thread + "/messages", Fault.serverError(500));
        run("tess", "/ticket severity ticket:" + n.value() + " level:4 reason:contact unavailable (R17)");
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.status() == 500));
        // the ticket changes again before the refused post is retried
        run("tess", "/ticket severity ticket:" + n.value() + " level:2 reason:production impact confirmed");

        await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("Severity now")).count() == 2);
        List<RecordedCall> delivered = posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("Severity now")).toList();
        assertThat(delivered.get(0).content()).as("the late post, as posted").contains("Severity now S4", "contact unavailable")
                .doesNotContain("S2");
        assertThat(delivered.get(1).content()).contains("Severity now S2", "production impact confirmed");
        assertThat(ticket(n).severity()).hasValueSatisfying(s -> assertThat(s.level()).isEqualTo(2));
    }

    @Test
    @DisplayName("R2, R16: the customer's attachments are uploaded with the relayed mail in the ticket's thread (the stand-in "
            + "received the bytes); one too large to upload is named instead")
    void customerAttachmentsUploaded() throws Exception {
        TicketNumber n = open("3");
        MimeMessage ack = awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));
        String thread = awaitThread(n);
        // binary files: sent base64-encoded, so the bytes arrive as they were
        byte[] screenshot = new byte[40_000];
        new java.util.Random(3).nextBytes(screenshot);
        byte[] dump = new byte[6 * 1024 * 1024];
        new java.util.Random(7).nextBytes(dump);

        sendWithFiles(BOB, "Re: " + ack.getSubject(), "Here are a screenshot and the memory dump.", ack.getMessageID(),
                Map.of("screenshot.png", screenshot, "memory.dmp", dump));

        RecordedCall relayed = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("a screenshot and the memory dump")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(relayed.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("screenshot.png");
            assertThat(f.content()).isEqualTo(screenshot);
        });
        assertThat(relayed.content()).contains("Not uploaded", "memory.dmp (6.0 MiB, too large for Guichet to keep)");
        JsonNode message = relayed.response();
        assertThat(message.path("attachments")).extracting(a -> a.path("filename").asText()).containsExactly("screenshot.png");
    }

    @Test
    @DisplayName("R2, R4: the files of the mail that opens a ticket are uploaded with the thread's first post")
    void openingMailAttachmentsUploaded() throws Exception {
        byte[] screenshot = new byte[25_000];
        new java.util.Random(5).nextBytes(screenshot);
        sendWithFiles(BOB, "Printer agent crashes at start", "Severity: 3\nServer URL: https://vsa.acme.example\n"
                + "Module: Agents\nVersion: VSA 9.5\nAffected devices: SN 4711, device 88\n"
                + "Steps to reproduce: start the printer agent\n\nThe printer agent crashes at start.", null,
                Map.of("crash.png", screenshot));

        JsonNode thread = await().atMost(WAIT).until(() -> discord.threads().stream()
                .filter(t -> t.path("name").asText().contains("Printer agent crashes")).findFirst(), Optional::isPresent)
                .orElseThrow();
        RecordedCall opening = await().atMost(WAIT).until(() -> posts(thread.path("id").asText()).stream()
                .filter(p -> p.status() == 200 && p.content().contains("Server URL")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(opening.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("crash.png");
            assertThat(f.content()).isEqualTo(screenshot);
        });
        assertThat(opening.buttonIds()).hasSize(2);
    }

    @Test
    @DisplayName("R2, R16: files a technician attaches to a message in the ticket's thread are attached to the reply mail; "
            + "files too large to mail are refused with a reaction saying so, and nothing is mailed")
    void technicianAttachmentsMailed() throws Exception {
        TicketNumber n = open("3");
        awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));
        String thread = awaitThread(n);
        byte[] patch = new byte[30_000];
        new java.util.Random(11).nextBytes(patch);

        String said = discord.say("tess", thread, "Hello Bob,\nthe hotfix is attached.\nTess", Map.of("hotfix.zip", patch));
        MimeMessage reply = awaitMail(m -> text(m).contains("the hotfix is attached"));
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        MimeBodyPart file = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("hotfix.zip");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(patch);
        await().atMost(WAIT).until(() -> reactions(said).size() == 1);
        assertThat(reactions(said).getFirst().route()).contains("/reactions/✅/@me");

        int mailsBefore = mail.getReceivedMessages().length;
        String tooLarge = discord.say("tess", thread, "And the full memory dump.",
                Map.of("memory.dmp", new byte[11 * 1024 * 1024]));
        await().atMost(WAIT).until(() -> reactions(tooLarge).size() == 1);
        assertThat(reactions(tooLarge).getFirst().route()).contains("/reactions/❌/@me");
        RecordedCall why = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.body().path("message_reference").path("message_id").asText().equals(tooLarge)).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(why.content()).contains("too large to mail", "memory.dmp 11.0 MiB");
        node.dispatcher().orElseThrow().wakeUp();
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(mail.getReceivedMessages().length).isEqualTo(mailsBefore);
        assertThat(mails(m -> text(m).contains("full memory dump"))).isEmpty();
    }

    @Test
    @DisplayName("a thread post Discord answers with 500 is retried from the staff outbox and lands once")
    void serverErrorRetriedFromOutbox() {
        TicketNumber n = open("3");
        String thread = awaitThread(n);
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("Server URL")));
        // JDA does not retry a 500 itself: the staff outbox tries again after its first backoff (5 s)
        discord.failNext("POST", "/channels/" + thread + "/messages", Fault.serverError(500));
        run("max", "/ticket claim ticket:" + n.value());

        await().atMost(WAIT).until(() -> posts(thread).stream()
                .anyMatch(p -> p.status() == 200 && p.content().contains("Claimed")));
        List<RecordedCall> attempts = posts(thread).stream().filter(p -> p.content().contains("Claimed")).toList();
        assertThat(attempts).extracting(RecordedCall::status).containsExactly(500, 200);
        assertThat(attempts.get(1).millisAfter(attempts.get(0).receivedNanos())).isGreaterThanOrEqualTo(4500.0);
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(posts(thread).stream().filter(p -> p.status() == 200 && p.content().contains("Claimed")))
                .as("delivered once").hasSize(1);
    }

    @Test
    @DisplayName("R2, R16: /ticket reply without text opens a form with a multi-line field; what is submitted leaves as the threaded reply")
    void replyForm() throws Exception {
        TicketNumber n = open("3");
        MimeMessage ack = awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));

        SentInteraction typed = discord.slash("tess", "/ticket reply ticket:" + n.value());
        await().atMost(WAIT).until(() -> !discord.responsesTo(typed).isEmpty());
        RecordedCall form = discord.responsesTo(typed).getFirst();
        assertThat(form.callbackType()).isEqualTo(9);
        assertThat(form.millisAfter(typed.dispatchedNanos())).isLessThan(1500.0);
        JsonNode input = form.body().path("data").findValue("component");
        assertThat(input.path("custom_id").asText()).isEqualTo("text");
        assertThat(input.path("style").asInt()).as("paragraph: several lines").isEqualTo(2);
        String formId = form.body().path("data").path("custom_id").asText();

        SentInteraction submitted = discord.submitModal("tess", formId,
                Map.of("text", "Hello Bob,\n\nthe fix is in 9.5.1.\nTess"));
        await().atMost(WAIT).until(() -> discord.responsesTo(submitted).size() >= 2);
        assertThat(discord.responsesTo(submitted).get(0).callbackType()).isEqualTo(5);
        assertThat(discord.responsesTo(submitted).get(1).content()).contains("Reply mailed");
        MimeMessage reply = awaitMail(m -> body(m).contains("the fix is in 9.5.1."));
        assertThat(body(reply)).contains("Hello Bob,", "Tess");
        assertThat(reply.getSubject()).isEqualTo("[Ticket#" + n.value() + "] Agents offline");

        SentInteraction refused = discord.submitModal("nina", formId, Map.of("text", "Not mine to send"));
        await().atMost(WAIT).until(() -> discord.responsesTo(refused).size() >= 2);
        assertThat(discord.responsesTo(refused).get(1).content()).contains("Only members with the technician role");
        assertThat(mails(m -> body(m).contains("Not mine to send"))).isEmpty();
    }

    // --- helpers ---

    private static TicketNumber open(String severity) {
        CustomerOutcome outcome = node.customers().handle(new CustomerCommand.OpenTicket(email(BOB), "Bob Smith",
                Optional.empty(), DeskFixture.complete(severity), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    @Test
    @DisplayName("/ticket assign through Discord: the member picked must be a technician; the new holder is recorded, "
            + "named and pinged in the ticket's thread; a closed ticket is refused")
    void assignThroughDiscord() {
        TicketNumber n = open("3");
        String thread = awaitThread(n);
        await().atMost(WAIT).until(() -> posts(thread).stream().anyMatch(p -> p.content().contains("Server URL")));
        run("tess", "/ticket claim ticket:" + n.value());

        RecordedCall refused = answer("tess", "/ticket assign ticket:" + n.value() + " technician:nina");
        assertThat(refused.content()).contains("Nothing changed", "nina does not have the technician role");
        assertThat(ticket(n).assignee().map(io.guichet.core.ticket.Actor.Staff::name)).contains("tess");

        RecordedCall done = answer("tess", "/ticket assign ticket:" + n.value() + " technician:max");
        assertThat(done.content()).contains("assigned to max", "was tess");
        assertThat(done.mentionsNobody()).isTrue();
        String max = discord.world().member("max").userId();
        assertThat(ticket(n).assignee().map(io.guichet.core.ticket.Actor.Staff::id)).contains("discord:" + max);
        assertThat(events(n)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.ASSIGNED);
            assertThat(e.actor().label()).contains("discord:" + discord.world().member("tess").userId());
            assertThat(e.detail()).contains("to max (discord:" + max + ")", "taken over from tess");
        });
        RecordedCall post = await().atMost(WAIT).until(() -> posts(thread).stream()
                .filter(p -> p.status() == 200 && p.content().contains("Assigned to max")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(post.content()).startsWith("<@" + max + ">").contains("by tess");
        assertThat(post.allowedMentions().orElseThrow().path("users")).extracting(JsonNode::asText).containsExactly(max);
    }

    @Test
    @DisplayName("R13: /ticket reopen through Discord reopens a resolved ticket (history, thread post, thread unarchived); "
            + "a second reopen is refused")
    void reopenThroughDiscord() {
        TicketNumber n = open("3");
        String thread = awaitThread(n);
        run("tess", "/ticket claim ticket:" + n.value());
        run("tess", "/ticket resolve ticket:" + n.value() + " reason:solution-provided text:Restart the agent.");
        await().atMost(WAIT).until(() -> thread(thread).path("thread_metadata").path("archived").asBoolean());

        RecordedCall reopened = answer("max", "/ticket reopen ticket:" + n.value());

        assertThat(reopened.content()).contains("reopened", "in progress with tess");
        assertThat(ticket(n).status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(events(n)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.REOPENED);
            assertThat(e.detail()).contains("R13", "reopened by staff");
        });
        await().atMost(WAIT).until(() -> posts(thread).stream()
                .anyMatch(p -> p.status() == 200 && p.content().contains("Reopened") && p.content().contains("by max")));
        await().atMost(WAIT).until(() -> !thread(thread).path("thread_metadata").path("archived").asBoolean());

        assertThat(answer("max", "/ticket reopen ticket:" + n.value()).content()).contains("Nothing changed",
                "only a resolved ticket is reopened");
    }

    @Test
    @DisplayName("R15: /queue mine and search through Discord: the page shows only the matching tickets, and its Next "
            + "button, clicked, keeps the filters on page 2")
    void queueFiltersThroughDiscord() {
        String marker = "zebra-" + System.nanoTime();
        List<TicketNumber> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            TicketNumber n = openAbout("Printer " + marker + " " + i);
            run("tess", "/ticket claim ticket:" + n.value());
            mine.add(n);
        }
        TicketNumber maxs = openAbout("Printer " + marker + " elsewhere");
        run("max", "/ticket claim ticket:" + maxs.value());

        RecordedCall page1 = answer("tess", "/queue status:in-progress mine:true search:" + marker.toUpperCase());
        assertThat(page1.buttonIds()).filteredOn(id -> id.startsWith("claim:")).hasSize(10)
                .doesNotContain("claim:" + maxs.value());
        String next = page1.buttonIds().stream().filter(id -> id.startsWith("queue:2:")).findFirst().orElseThrow();
        assertThat(next).hasSizeLessThanOrEqualTo(100).doesNotContain(marker);

        SentInteraction click = discord.click("tess", next);
        await().atMost(WAIT).until(() -> discord.responsesTo(click).size() >= 2);
        RecordedCall page2 = discord.responsesTo(click).get(1);
        assertThat(page2.visibleText()).contains("page 2", "mine");
        assertThat(page2.buttonIds()).filteredOn(id -> id.startsWith("claim:")).hasSize(1)
                .allSatisfy(id -> assertThat(mine.stream().map(m -> "claim:" + m.value())).contains(id));

        RecordedCall unknown = answer("tess", "/queue account:Initech");
        assertThat(unknown.content()).contains("no account named 'Initech'", "Accounts: Acme");
    }

    private static TicketNumber openAbout(String subject) {
        CustomerOutcome outcome = node.customers().handle(new CustomerCommand.OpenTicket(email(BOB), "Bob Smith",
                Optional.empty(), DeskFixture.complete("3").with(io.guichet.core.intake.IntakeField.SUBJECT, subject),
                false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    /** The answer (the edit after the ephemeral deferral) to a command typed by {@code member}. */
    private static RecordedCall answer(String member, String command) {
        SentInteraction sent = discord.slash(member, command);
        await().atMost(WAIT).until(() -> discord.responsesTo(sent).size() >= 2);
        assertThat(discord.responsesTo(sent).get(0).ephemeral()).as("deferral of %s", command).isTrue();
        return discord.responsesTo(sent).get(1);
    }

    private static String awaitThread(TicketNumber n) {
        return await().atMost(WAIT).until(() -> discord.threads().stream()
                        .filter(t -> t.path("name").asText().startsWith(n + " · ")).findFirst(), Optional::isPresent)
                .orElseThrow().path("id").asText();
    }

    private static JsonNode thread(String id) {
        return discord.threads().stream().filter(t -> t.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static List<RecordedCall> threadCreations(TicketNumber n) {
        return discord.calls().stream().filter(c -> c.method().equals("POST") && c.route().endsWith("/threads"))
                .filter(c -> c.body().path("name").asText().startsWith(n + " · ")).toList();
    }

    private static List<RecordedCall> posts(String channel) {
        return discord.postsTo(channel);
    }

    private static List<RecordedCall> reactions(String messageId) {
        return discord.calls().stream().filter(c -> c.method().equals("PUT")
                && c.route().contains("/messages/" + messageId + "/reactions/")).toList();
    }

    private static void run(String member, String command) {
        SentInteraction sent = discord.slash(member, command);
        await().atMost(WAIT).until(() -> discord.responsesTo(sent).size() >= 2);
        assertThat(discord.responsesTo(sent).get(1).content()).doesNotContain("Nothing changed", "Something went wrong");
    }

    private static Ticket ticket(TicketNumber number) {
        return node.desk().tickets().find(number).orElseThrow();
    }

    private static List<TicketEvent> events(TicketNumber number) {
        return node.desk().tickets().events(ticket(number).id());
    }

    private static void send(String from, String subject, String body, String inReplyTo) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", inReplyTo);
        Transport.send(message);
    }

    private static void sendWithFiles(String from, String subject, String body, String inReplyTo,
                                      Map<String, byte[]> files) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        parts.addBodyPart(text);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            MimeBodyPart attached = new MimeBodyPart();
            attached.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(file.getValue(), "application/octet-stream")));
            attached.setFileName(file.getKey());
            attached.setDisposition(jakarta.mail.Part.ATTACHMENT);
            parts.addBodyPart(attached);
        }
        message.setContent(parts);
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        Transport.send(message);
    }

    private static List<MimeMessage> mails(Predicate<MimeMessage> wanted) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals(BOB)).filter(wanted).toList();
    }

    private static MimeMessage awaitMail(Predicate<MimeMessage> wanted) {
        node.dispatcher().orElseThrow().wakeUp();
        return await().atMost(WAIT).until(() -> mails(wanted).stream().findFirst(), Optional::isPresent).orElseThrow();
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

    /** The mail's text, whether it is plain or multipart (its first part). */
    private static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            return content instanceof MimeMultipart parts ? parts.getBodyPart(0).getContent().toString() : content.toString();
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }
}
