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
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.Fault;
import io.guichet.discord.standin.GatewayEvent;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.SentInteraction;
import io.guichet.discord.standin.StandInWorld;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Technicians' half of Guichet end to end: a member's command or click is a gateway interaction from the Discord
 * stand-in, through JDA, the console, the core and PostgreSQL, to the interaction callback the stand-in records:
 * the deferral first (ephemeral, well within Discord's 3 seconds), then the answer edited in, with no allowed
 * mentions. A reply leaves as a threaded mail (GreenMail); staff notices are posted to the staff channel, through
 * a 429; a dropped gateway connection is resumed without losing or repeating an interaction.
 */
@ExtendWith(PostgresExtension.class)
class DiscordEndToEndIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";
    private static final String STAFF = StandInWorld.EXAMPLE_STAFF_CHANNEL;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Half Discord's 3 seconds: an acknowledgement later than this is a defect even on a loaded machine. */
    private static final double DEFERRAL_BOUND_MS = 1500;

    private static GreenMail mail;
    private static DiscordStandIn discord;
    private static GuichetNode node;
    private static final ConcurrentLinkedQueue<Double> deferrals = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start(Database database) {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        discord = DiscordStandIn.start();
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SUPPORT_ADDRESS", SUPPORT);
        settings.put("GUICHET_HTTP_PORT", "off");
        // Bob opens many tickets here: every acknowledgement must leave (the default caps them at 20 a day)
        settings.put("GUICHET_AUTO_REPLY_CAP", "10000");
        NodeSettings.withStandIn(settings, discord, STAFF);
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
        List<Double> sorted = deferrals.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(DiscordEndToEndIT.class).info(
                    "dispatch to deferral over {} interactions: median {} ms, max {} ms", sorted.size(),
                    String.format("%.1f", sorted.get(sorted.size() / 2)), String.format("%.1f", sorted.getLast()));
        }
        if (node != null) {
            node.close();
        }
        discord.close();
        mail.stop();
    }

    @Test
    @DisplayName("R7, R8, R9, R12, R17, R18: every /ticket command, typed in Discord, changes the ticket in PostgreSQL and is answered ephemerally, with no mentions")
    void everyTicketCommand() {
        TicketNumber n = open("3");
        String t = " ticket:" + n.value();

        assertThat(run("tess", "/ticket show" + t).visibleText()).contains("Agents offline", "unclaimed", "S3");
        assertThat(run("tess", "/ticket claim" + t).content()).doesNotContain("Nothing changed");
        assertThat(ticket(n).assignee().map(io.guichet.core.ticket.Actor.Staff::name)).contains("tess");
        run("tess", "/ticket note" + t + " text:Customer uses a proxy @everyone");
        run("tess", "/ticket access" + t + " detail:vsa.acme.example, to read the agent logs");
        run("tess", "/ticket severity" + t + " level:2 reason:Production impact confirmed");
        assertThat(ticket(n).severity()).contains(Severity.S2);
        run("tess", "/ticket hold" + t + " text:Upgrade the OS of the server to a supported one");
        assertThat(ticket(n).status()).isEqualTo(TicketStatus.ON_HOLD);
        run("tess", "/ticket resume" + t);
        run("tess", "/ticket ask" + t + " text:Which agent version do you run?");
        assertThat(ticket(n).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        run("tess", "/ticket unclaim" + t);
        assertThat(ticket(n).assignee()).isEmpty();
        run("tess", "/ticket escalate" + t + " reason:Customer's production is down");
        assertThat(run("tess", "/ticket history" + t).visibleText()).contains("server access", "note", "escalated");
        assertThat(run("tess", "/ticket resolve" + t + " reason:fixed-by-update text:Fixed in 9.5.1").content())
                .contains("resolved");
        assertThat(ticket(n).status()).isEqualTo(TicketStatus.RESOLVED);

        assertThat(events(n)).containsSubsequence(EventKind.CLAIMED, EventKind.NOTE, EventKind.SERVER_ACCESS,
                EventKind.SEVERITY_CHANGED, EventKind.PUT_ON_HOLD, EventKind.RESUMED, EventKind.ASKED_CUSTOMER,
                EventKind.UNCLAIMED, EventKind.ESCALATED, EventKind.RESOLVED);
        assertThat(node.desk().tickets().events(ticket(n).id())).filteredOn(e -> e.kind() == EventKind.NOTE)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("@everyone"));
    }

    @Test
    @DisplayName("R2, R16: /ticket reply through Discord leaves as a mail threaded on the ticket's first answer")
    void replyBecomesThreadedMail() throws Exception {
        TicketNumber n = open("2");
        MimeMessage ack = awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));

        RecordedCall answer = run("tess", "/ticket reply ticket:" + n.value()
                + " text:Please restart the agent service, then tell us what the console shows.");
        node.dispatcher().orElseThrow().wakeUp();

        assertThat(answer.content()).contains("Reply mailed");
        MimeMessage reply = awaitMail(m -> body(m).contains("Please restart the agent service"));
        assertThat(((jakarta.mail.internet.InternetAddress) reply.getAllRecipients()[0]).getAddress()).isEqualTo(BOB);
        assertThat(reply.getSubject()).isEqualTo("[Ticket#" + n.value() + "] Agents offline");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo(ack.getMessageID());
        assertThat(events(n)).contains(EventKind.STAFF_REPLY);
    }

    @Test
    @DisplayName("R2, R16: saved replies through Discord: a manager saves one, a technician finds it by autocomplete and "
            + "sends it with /ticket reply, before the words typed; an unknown name is refused and nothing is mailed; a "
            + "technician may not add one")
    void savedReplies() throws Exception {
        TicketNumber n = open("3");
        awaitMail(m -> subject(m).contains("[Ticket#" + n.value() + "]"));
        assertThat(run("tess", "/snippet add name:agent-reinstall text:Please reinstall the monitoring agent.").content())
                .contains("Only members with the manager role");
        assertThat(run("max", "/snippet add name:agent-reinstall text:Please reinstall the monitoring agent.\\nThen tell us "
                + "what the console shows.").content()).contains("Saved reply 'agent-reinstall' added");
        assertThat(run("tess", "/snippet list").visibleText()).contains("agent-reinstall", "Please reinstall the monitoring agent.");

        SentInteraction typing = discord.autocomplete("tess", "ticket reply",
                Map.of("ticket", String.valueOf(n.value()), "snippet", "reinstall"), "snippet");
        await().atMost(WAIT).until(() -> !discord.responsesTo(typing).isEmpty());
        assertThat(discord.responsesTo(typing).getFirst()).satisfies(c -> {
            assertThat(c.callbackType()).isEqualTo(8);
            assertThat(c.body().path("data").path("choices").findValuesAsText("value")).containsExactly("agent-reinstall");
        });

        RecordedCall sent = run("tess", "/ticket reply ticket:" + n.value() + " snippet:agent-reinstall text:Regards, Tess");
        assertThat(sent.content()).contains("Reply mailed");
        MimeMessage reply = awaitMail(m -> body(m).contains("Please reinstall the monitoring agent."));
        assertThat(body(reply).replace("\r\n", "\n")).contains("Please reinstall the monitoring agent.\n"
                + "Then tell us what the console shows.\n\nRegards, Tess");

        // without text, the saved reply is written in a form with a multi-line field
        SentInteraction typed = discord.slash("max", "/snippet add name:log-steps");
        await().atMost(WAIT).until(() -> !discord.responsesTo(typed).isEmpty());
        RecordedCall form = discord.responsesTo(typed).getFirst();
        assertThat(form.callbackType()).isEqualTo(9);
        assertThat(form.body().path("data").findValue("component").path("style").asInt()).as("paragraph").isEqualTo(2);
        SentInteraction submitted = discord.submitModal("max", form.body().path("data").path("custom_id").asText(),
                Map.of("text", "To find the agent's log:\n1. open C:\\new\\Agent\n2. attach agent.log"));
        await().atMost(WAIT).until(() -> discord.responsesTo(submitted).size() >= 2);
        assertThat(discord.responsesTo(submitted).get(1).content()).contains("Saved reply 'log-steps' added");
        run("tess", "/ticket reply ticket:" + n.value() + " snippet:log-steps");
        MimeMessage steps = awaitMail(m -> body(m).contains("To find the agent's log:"));
        assertThat(body(steps).replace("\r\n", "\n")).contains(
                "To find the agent's log:\n1. open C:\\new\\Agent\n2. attach agent.log");

        int mailsBefore = mail.getReceivedMessages().length;
        RecordedCall unknown = run("tess", "/ticket reply ticket:" + n.value() + " snippet:agent-reinstal text:Hello");
        assertThat(unknown.content()).contains("Nothing changed.", "no saved reply named 'agent-reinstal'",
                "/snippet list");
        node.dispatcher().orElseThrow().wakeUp();
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(mail.getReceivedMessages()).hasSize(mailsBefore);
        assertThat(run("max", "/snippet remove name:agent-reinstall").content()).contains("removed");
    }

    @Test
    @DisplayName("R15: /queue lists tickets with Claim buttons; Claim takes it once (a second click changes nothing); Show and Next work")
    void queueAndButtons() {
        for (int i = 0; i < 11; i++) {
            open("4");
        }
        TicketNumber n = open("1");

        RecordedCall queue = run("max", "/queue status:open");
        assertThat(queue.visibleText()).contains(n.toString());
        assertThat(queue.buttonIds()).contains("claim:" + n.value()).anyMatch(id -> id.startsWith("queue:2:"));

        RecordedCall claimed = click("max", "claim:" + n.value());
        assertThat(claimed.content()).doesNotContain("Nothing changed");
        assertThat(ticket(n).assignee().map(io.guichet.core.ticket.Actor.Staff::name)).contains("max");
        List<TicketEvent> before = node.desk().tickets().events(ticket(n).id());

        RecordedCall again = click("max", "claim:" + n.value());
        assertThat(again.content()).containsIgnoringCase("already");
        assertThat(node.desk().tickets().events(ticket(n).id())).isEqualTo(before);
        assertThat(before).filteredOn(e -> e.kind() == EventKind.CLAIMED).hasSize(1);

        // the Show button is on the staff-channel post of the new severity 1, delivered from the staff outbox
        await().atMost(WAIT).until(() -> discord.postsTo(STAFF).stream()
                .anyMatch(p -> p.buttonIds().contains("show:" + n.value())));
        assertThat(click("tess", "show:" + n.value()).visibleText()).contains("Agents offline", "max");
        String next = queue.buttonIds().stream().filter(id -> id.startsWith("queue:2:")).findFirst().orElseThrow();
        SentInteraction page = discord.click("max", next);
        List<RecordedCall> paged = answered(page, 6);
        assertThat(paged.get(1).visibleText()).contains("page 2");
    }

    @Test
    @DisplayName("R1, R10, R20: managers' commands (contacts, coverage, versions) through Discord, with autocomplete on the account")
    void managerCommands() {
        assertThat(run("max", "/contact add account:Acme name:Carla Diaz email:carla@acme.example phone:+1 555 0199 "
                + "language:en discord-user:nina certified-until:" + LocalDate.now().plusMonths(6)).content())
                .contains("authorized contact");
        assertThat(node.desk().contacts().activeContact(email("carla@acme.example"))).get()
                .satisfies(c -> assertThat(c.discordUserId()).contains(discord.world().member("nina").userId()));
        assertThat(run("max", "/contact list account:Acme").visibleText()).contains("Carla Diaz", "Bob Smith");
        run("max", "/contact certify email:carla@acme.example until:" + LocalDate.now().plusMonths(11));
        run("max", "/account coverage account:Acme until:" + LocalDate.now().plusYears(2));
        run("max", "/version add product:VSA version:10.1 released:" + LocalDate.now().minusDays(3));
        assertThat(run("max", "/version list product:VSA").visibleText()).contains("10.1");
        run("max", "/contact remove email:carla@acme.example");
        assertThat(node.desk().contacts().activeContact(email("carla@acme.example"))).isEmpty();

        SentInteraction typing = discord.autocomplete("max", "contact list", Map.of("account", "Ac"), "account");
        await().atMost(WAIT).until(() -> !discord.responsesTo(typing).isEmpty());
        assertThat(discord.responsesTo(typing).getFirst()).satisfies(c -> {
            assertThat(c.callbackType()).isEqualTo(8);
            assertThat(c.body().path("data").path("choices").findValuesAsText("value")).contains("Acme");
        });
    }

    @Test
    @DisplayName("a member without the technician role is refused, by command and by button, and nothing changes in the database")
    void refusedWithoutRole() {
        TicketNumber n = open("3");
        List<TicketEvent> before = node.desk().tickets().events(ticket(n).id());
        run("tess", "/ticket show ticket:" + n.value());

        assertThat(run("nina", "/ticket claim ticket:" + n.value()).content()).contains("Only members with the technician role");
        assertThat(click("nina", "claim:" + n.value()).content()).contains("Only members with the technician role");
        assertThat(run("tess", "/contact remove email:" + BOB).content()).contains("Only members with the manager role");

        assertThat(ticket(n).assignee()).isEmpty();
        assertThat(node.desk().tickets().events(ticket(n).id())).isEqualTo(before);
        assertThat(node.desk().contacts().activeContact(email(BOB))).isPresent();
    }

    @Test
    @DisplayName("R18: an escalation is posted to the staff channel with Claim and Show, pinging nobody; a 429 on the post is waited out and the post lands")
    void staffChannel() {
        TicketNumber first = open("3");
        int posts = discord.postsTo(STAFF).size();
        run("tess", "/ticket escalate ticket:" + first.value() + " reason:Customer's production is down");

        await().atMost(WAIT).until(() -> discord.postsTo(STAFF).size() > posts);
        RecordedCall post = discord.postsTo(STAFF).get(posts);
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.visibleText()).contains(first.toString(), "Customer's production is down");
        assertThat(post.mentionsNobody()).isTrue();
        assertThat(post.buttonIds()).contains("claim:" + first.value(), "show:" + first.value());
        assertThat(click("tess", "claim:" + first.value()).content()).doesNotContain("Nothing changed");

        TicketNumber second = open("3");
        discord.failNext("POST", "/channels/" + STAFF + "/messages", Fault.rateLimited(Duration.ofSeconds(1)));
        int before = discord.postsTo(STAFF).size();
        run("tess", "/ticket escalate ticket:" + second.value() + " reason:Second site down too");

        await().atMost(WAIT).until(() -> discord.postsTo(STAFF).size() >= before + 2);
        List<RecordedCall> attempts = discord.postsTo(STAFF).subList(before, before + 2);
        assertThat(attempts).extracting(RecordedCall::status).containsExactly(429, 200);
        assertThat(attempts).allSatisfy(a -> assertThat(a.visibleText()).contains(second.toString()));
        assertThat(attempts.get(1).millisAfter(attempts.get(0).receivedNanos())).isGreaterThanOrEqualTo(900.0);
        assertThat(discord.messages()).filteredOn(m -> m.path("channel_id").asText().equals(STAFF))
                .anySatisfy(m -> assertThat(m.toString()).contains("Second site down too"));
    }

    @Test
    @DisplayName("a dropped gateway connection is resumed: an interaction sent meanwhile and one sent after are each handled exactly once")
    void resumeAfterDroppedConnection() {
        TicketNumber n = open("3");
        long identifies = gatewayFrames("IDENTIFY");
        long resumes = gatewayFrames("RESUME");

        assertThat(discord.dropGatewayConnections()).isEqualTo(1);
        SentInteraction meanwhile = discord.slash("tess", "/ticket note ticket:" + n.value() + " text:sent while cut off");
        await().atMost(WAIT).until(() -> gatewayFrames("RESUME") > resumes && discord.botConnected());
        SentInteraction after = discord.slash("tess", "/ticket note ticket:" + n.value() + " text:sent after the resume");

        answered(meanwhile, 5);
        answered(after, 5);
        assertThat(gatewayFrames("IDENTIFY")).isEqualTo(identifies);
        assertThat(node.desk().tickets().events(ticket(n).id())).filteredOn(e -> e.kind() == EventKind.NOTE)
                .extracting(TicketEvent::detail).containsExactlyInAnyOrder("sent while cut off", "sent after the resume");
        assertThat(discord.responsesTo(meanwhile)).hasSize(2);
        assertThat(discord.responsesTo(after)).hasSize(2);
    }

    // --- helpers ---

    /** Types a command as a member; checks the deferral and the answer; returns the answer (the edit). */
    private static RecordedCall run(String member, String command) {
        return answered(discord.slash(member, command), 5).get(1);
    }

    private static RecordedCall click(String member, String customId) {
        return answered(discord.click(member, customId), 5).get(1);
    }

    /**
     * Waits for the interaction's deferral (of that callback type) and its answer: the deferral comes first, fast,
     * ephemeral for a new answer; the answer is the original message edited, with no allowed mentions.
     */
    private static List<RecordedCall> answered(SentInteraction interaction, int deferralType) {
        await().atMost(WAIT).until(() -> discord.responsesTo(interaction).size() >= 2);
        List<RecordedCall> calls = discord.responsesTo(interaction);
        RecordedCall deferral = calls.get(0);
        RecordedCall answer = calls.get(1);
        double ms = deferral.millisAfter(interaction.dispatchedNanos());
        deferrals.add(ms);
        assertThat(deferral.isInteractionCallback()).as("first call for %s", interaction.what()).isTrue();
        assertThat(deferral.callbackType()).as("deferral of %s", interaction.what()).isEqualTo(deferralType);
        assertThat(deferral.status()).isEqualTo(200);
        assertThat(ms).as("ms from dispatch to deferral of %s", interaction.what()).isLessThan(DEFERRAL_BOUND_MS);
        if (deferralType == 5) {
            assertThat(deferral.ephemeral()).as("%s answered ephemerally", interaction.what()).isTrue();
        }
        assertThat(answer.method() + " " + answer.route()).startsWith("PATCH /webhooks/").endsWith("/messages/@original");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.mentionsNobody()).as("%s pings nobody", interaction.what()).isTrue();
        assertThat(answer.visibleText()).doesNotContain("Something went wrong", "Exception");
        return calls;
    }

    private static TicketNumber open(String severity) {
        CustomerOutcome outcome = node.customers().handle(new CustomerCommand.OpenTicket(email(BOB), "Bob Smith",
                Optional.empty(), DeskFixture.complete(severity), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    private static Ticket ticket(TicketNumber number) {
        return node.desk().tickets().find(number).orElseThrow();
    }

    private static List<EventKind> events(TicketNumber number) {
        return node.desk().tickets().events(ticket(number).id()).stream().map(TicketEvent::kind).toList();
    }

    private static long gatewayFrames(String name) {
        return discord.gatewayEvents().stream().filter(e -> e.direction() == GatewayEvent.Direction.RECEIVED)
                .filter(e -> e.name().equals(name)).count();
    }

    private static MimeMessage awaitMail(java.util.function.Predicate<MimeMessage> wanted) {
        node.dispatcher().orElseThrow().wakeUp();
        return await().atMost(WAIT).until(() -> Arrays.stream(mail.getReceivedMessages()).filter(wanted).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }
}
