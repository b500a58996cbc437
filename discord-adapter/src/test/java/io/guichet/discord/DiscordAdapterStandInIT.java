package io.guichet.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.InMemoryDeadlineStore;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingMessenger;
import io.guichet.core.testing.Stores;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.SentInteraction;
import io.guichet.discord.standin.StandInWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Discord adapter as it runs, with JDA, against the Discord stand-in (the core on its in-memory stores): the
 * settings point JDA at the stand-in; the catalogue is registered; an interaction is deferred, then answered.
 * The whole road through PostgreSQL and mail is proved in the app module.
 */
class DiscordAdapterStandInIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static DiscordStandIn discord;
    private static DiscordAdapter adapter;
    private static io.guichet.core.ticket.Ticket opened;

    @BeforeAll
    static void start() {
        discord = DiscordStandIn.start();
        StandInWorld world = discord.world();
        adapter = new DiscordAdapter(new DiscordSettings(Optional.of(world.token()), world.guildId(),
                StandInWorld.EXAMPLE_STAFF_CHANNEL, StandInWorld.EXAMPLE_TECHNICIAN_ROLE, StandInWorld.EXAMPLE_MANAGER_ROLE,
                Optional.of(discord.apiUrl()), Optional.of(discord.gatewayUrl()),
                Optional.of(StandInWorld.EXAMPLE_FORUM_CHANNEL)));
        Stores stores = Stores.inMemory();
        DeskPorts desk = DeskPorts.shared(stores.transactions(), stores.tickets(), new InMemoryDeadlineStore(),
                stores.contacts(), stores.versions(), new RecordingMessenger(),
                new io.guichet.core.testing.InMemoryStaffOutbox(), new io.guichet.core.testing.InMemoryAuditLog(),
                PolicySettings.defaults(), new ServiceHours(new AlwaysOpen(), new AlwaysOpen()),
                MutableClock.at("2026-03-02T09:00:00Z"));
        Account acme = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2027-12-31")),
                new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
        EmailAddress paul = EmailAddress.parse("paul@acme.example").orElseThrow();
        stores.contacts().addContact(acme.id(), "Paul", paul, "", Language.EN, Optional.empty(), Optional.empty());
        opened = ((io.guichet.core.desk.CustomerOutcome.Opened) new CustomerDesk(desk).handle(
                new CustomerCommand.OpenTicket(paul, "Paul", Optional.empty(), DeskFixture.complete("2"), false)))
                .ticket();
        assertThat(adapter.start(io.guichet.core.desk.Desks.of(desk,
                new io.guichet.core.testing.InMemoryKnowledgeBase(),
                new io.guichet.core.testing.InMemoryTicketThreads(), new io.guichet.core.testing.InMemoryMailJournal(),
                (subject, text) -> io.guichet.core.intake.IntakeDraft.empty(), new io.guichet.core.testing.InMemorySnippetStore()))).isTrue();
        await().atMost(WAIT).until(() -> discord.registeredCommands().size() == CommandCatalog.commands().size());
    }

    @AfterAll
    static void stop() {
        adapter.stop();
        discord.close();
    }

    @Test
    @DisplayName("the adapter connects where its settings say and registers exactly the catalogue, in the configured guild")
    void registersTheCatalogue() {
        List<String> registered = new ArrayList<>();
        for (JsonNode command : discord.registeredCommands()) {
            List<String> subcommands = new ArrayList<>();
            command.path("options").forEach(o -> {
                if (o.path("type").asInt() == 1) {
                    subcommands.add(command.path("name").asText() + " " + o.path("name").asText());
                }
            });
            registered.addAll(subcommands.isEmpty() ? List.of(command.path("name").asText()) : subcommands);
        }
        assertThat(registered).containsExactlyInAnyOrderElementsOf(CommandCatalog.paths());
        assertThat(discord.calls()).filteredOn(c -> c.method().equals("PUT")).singleElement()
                .satisfies(c -> assertThat(c.route()).isEqualTo("/applications/" + discord.world().applicationId()
                        + "/guilds/" + discord.world().guildId() + "/commands"));
        await().atMost(WAIT).until(() -> adapter.gateway().connected());
    }

    @Test
    @DisplayName("ticket threads in a forum: the ticket's post opens with the intake fields, once; later posts go in it; closing archives it")
    void forumThread() throws Exception {
        await().atMost(WAIT).until(() -> adapter.gateway().connected());
        String forum = StandInWorld.EXAMPLE_FORUM_CHANNEL;
        adapter.staffChannel().deliver(new io.guichet.core.desk.StaffNotice.ThreadPost(opened,
                io.guichet.core.ticket.EventKind.CREATED, "customer:paul@acme.example", ""));
        adapter.staffChannel().deliver(new io.guichet.core.desk.StaffNotice.ThreadPost(opened,
                io.guichet.core.ticket.EventKind.CUSTOMER_MESSAGE, "customer:paul@acme.example", "Still offline."));
        adapter.staffChannel().deliver(new io.guichet.core.desk.StaffNotice.ThreadPost(opened,
                io.guichet.core.ticket.EventKind.CLOSED, "system", ""));

        List<RecordedCall> created = discord.calls().stream()
                .filter(c -> c.method().equals("POST") && c.route().equals("/channels/" + forum + "/threads")).toList();
        assertThat(created).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(201);
            assertThat(c.body().path("name").asText()).startsWith(opened.number() + " · S2 · ");
            assertThat(c.body().path("message").path("content").asText()).contains("Server URL");
        });
        JsonNode thread = discord.threads().stream().filter(t -> t.path("parent_id").asText().equals(forum))
                .findFirst().orElseThrow();
        List<RecordedCall> posts = discord.postsTo(thread.path("id").asText());
        assertThat(posts).extracting(RecordedCall::content).anySatisfy(c -> assertThat(c).contains("Still offline."))
                .anySatisfy(c -> assertThat(c).contains("Closed"));
        assertThat(posts).allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
        assertThat(discord.threads().stream().filter(t -> t.path("id").equals(thread.path("id"))).findFirst()
                .orElseThrow().path("thread_metadata").path("archived").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("/queue: acknowledged at once (deferred, ephemeral), then the queue edited in with no allowed mentions")
    void queue() {
        SentInteraction queue = discord.slash("tess", "queue", Map.of());

        await().atMost(WAIT).until(() -> discord.responsesTo(queue).size() >= 2);
        List<RecordedCall> calls = discord.responsesTo(queue);
        assertThat(calls.getFirst()).satisfies(c -> {
            assertThat(c.callbackType()).isEqualTo(5);
            assertThat(c.ephemeral()).isTrue();
            assertThat(c.millisAfter(queue.dispatchedNanos())).isLessThan(3000.0);
        });
        assertThat(calls.get(1)).satisfies(c -> {
            assertThat(c.method()).isEqualTo("PATCH");
            assertThat(c.route()).endsWith("/messages/@original");
            assertThat(c.mentionsNobody()).isTrue();
            assertThat(c.visibleText()).contains("#1000");
            assertThat(c.buttonIds()).contains("claim:1000");
            assertThat(c.status()).isEqualTo(200);
        });
    }
}
