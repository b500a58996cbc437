package io.guichet.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.Desks;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.StaffNotifier;
import io.guichet.core.port.TicketThreads;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.InMemoryAuditLog;
import io.guichet.core.testing.InMemoryDeadlineStore;
import io.guichet.core.testing.InMemoryKnowledgeBase;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryStaffOutbox;
import io.guichet.core.testing.InMemoryTicketThreads;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingMessenger;
import io.guichet.core.testing.Stores;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketId;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.StandInWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes (two adapters, two JDA sessions) posting tickets' threads against one Discord stand-in and one store of
 * threads: a thread opened by both at the same moment ends as one, and an archived thread comes back through JDA's
 * public API.
 */
class TicketThreadNodesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHANNEL = StandInWorld.EXAMPLE_STAFF_CHANNEL;

    private static DiscordStandIn discord;
    private static DiscordAdapter first;
    private static DiscordAdapter second;
    private static CustomerDesk customers;
    private static Desks desks;
    private static EmailAddress paul;
    private static final SecondNodeFirst threads = new SecondNodeFirst(new InMemoryTicketThreads());

    @BeforeAll
    static void start() {
        discord = DiscordStandIn.start();
        Stores stores = Stores.inMemory();
        DeskPorts desk = DeskPorts.shared(stores.transactions(), stores.tickets(), new InMemoryDeadlineStore(),
                stores.contacts(), stores.versions(), new RecordingMessenger(), new InMemoryStaffOutbox(),
                new InMemoryAuditLog(), PolicySettings.defaults(), new ServiceHours(new AlwaysOpen(), new AlwaysOpen()),
                MutableClock.at("2026-03-02T09:00:00Z"));
        Account acme = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2027-12-31")),
                new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
        paul = EmailAddress.parse("paul@acme.example").orElseThrow();
        stores.contacts().addContact(acme.id(), "Paul", paul, "", Language.EN, Optional.empty(), Optional.empty());
        customers = new CustomerDesk(desk);
        desks = Desks.of(desk, new InMemoryKnowledgeBase(), threads, new InMemoryMailJournal(),
                (subject, text) -> io.guichet.core.intake.IntakeDraft.empty(), new io.guichet.core.testing.InMemorySnippetStore());
        first = adapter();
        second = adapter();
        assertThat(first.start(desks)).isTrue();
        assertThat(second.start(desks)).isTrue();
        await().atMost(WAIT).until(() -> first.gateway().connected() && second.gateway().connected());
    }

    private static DiscordAdapter adapter() {
        StandInWorld world = discord.world();
        return new DiscordAdapter(new DiscordSettings(Optional.of(world.token()), world.guildId(),
                StandInWorld.EXAMPLE_STAFF_CHANNEL, StandInWorld.EXAMPLE_TECHNICIAN_ROLE, StandInWorld.EXAMPLE_MANAGER_ROLE,
                Optional.of(discord.apiUrl()), Optional.of(discord.gatewayUrl()), Optional.of(CHANNEL)));
    }

    @AfterAll
    static void stop() {
        first.stop();
        second.stop();
        discord.close();
    }

    @Test
    @DisplayName("R2: two nodes open a ticket's thread at the same moment: the one recorded first is kept, the other node "
            + "deletes its own thread, and the opening post (nonce open-<ticket>) is in the kept thread once")
    void simultaneousOpeningsEndAsOneThread() throws Exception {
        Ticket ticket = open();
        StaffNotice.ThreadPost opening = new StaffNotice.ThreadPost(ticket, EventKind.CREATED, "customer:" + paul, "");
        // the second node opens and records its thread while the first node's thread is being created
        threads.beforeNextRemember(() -> second.staffChannel().deliver(opening));

        first.staffChannel().deliver(opening);

        List<RecordedCall> creations = discord.calls().stream()
                .filter(c -> c.method().equals("POST") && c.route().equals("/channels/" + CHANNEL + "/threads"))
                .filter(c -> c.body().path("name").asText().startsWith(ticket.number() + " · ")).toList();
        assertThat(creations).as("both nodes opened one").hasSize(2)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(201));
        String kept = threads.threadOf(ticket.id()).orElseThrow();
        String firstsThread = creations.get(0).response().path("id").asText();
        String secondsThread = creations.get(1).response().path("id").asText();
        assertThat(kept).as("the thread recorded first").isEqualTo(secondsThread);
        assertThat(discord.calls()).filteredOn(c -> c.method().equals("DELETE") && c.route().equals("/channels/" + firstsThread))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(discord.threads()).extracting(t -> t.path("id").asText()).contains(kept).doesNotContain(firstsThread);

        List<RecordedCall> openings = discord.postsTo(kept).stream().filter(p -> p.content().contains("Server URL")).toList();
        assertThat(openings).as("both nodes sent the opening post").hasSize(2).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body().path("nonce").asText()).isEqualTo("open-" + ticket.id().value());
            assertThat(p.body().path("enforce_nonce").asBoolean()).isTrue();
        });
        assertThat(discord.messages()).as("Discord kept one opening post")
                .filteredOn(m -> m.path("channel_id").asText().equals(kept))
                .filteredOn(m -> m.path("content").asText().contains("Server URL")).hasSize(1);

        // the next post goes into the kept thread, from either node
        first.staffChannel().deliver(new StaffNotice.ThreadPost(ticket, EventKind.CLAIMED, "staff:discord:1 tess", ""));
        assertThat(discord.postsTo(kept)).anySatisfy(p -> assertThat(p.content()).contains("Claimed"));
    }

    @Test
    @DisplayName("R13: a resolved ticket's archived thread is brought back on reopen through JDA's public API (the channel's "
            + "archived threads, then the thread's manager), and the reopening is posted in it")
    void archivedThreadIsUnarchivedOnReopen() throws Exception {
        Ticket ticket = open();
        first.staffChannel().deliver(new StaffNotice.ThreadPost(ticket, EventKind.CREATED, "customer:" + paul, ""));
        String thread = threads.threadOf(ticket.id()).orElseThrow();
        first.staffChannel().deliver(new StaffNotice.ThreadPost(ticket, EventKind.RESOLVED, "staff:discord:1 tess", "fixed"));
        assertThat(thread(thread).path("thread_metadata").path("archived").asBoolean()).isTrue();

        // a node started since (its JDA never saw the thread: Discord announces only active threads) posts the reopening
        DiscordAdapter restarted = adapter();
        try {
            assertThat(restarted.start(desks)).isTrue();
            await().atMost(WAIT).until(() -> restarted.gateway().connected());
            restarted.staffChannel().deliver(new StaffNotice.ThreadPost(ticket, EventKind.REOPENED, "customer:" + paul, ""));
        } finally {
            restarted.stop();
        }

        assertThat(thread(thread).path("thread_metadata").path("archived").asBoolean()).isFalse();
        List<RecordedCall> unarchiving = discord.calls().stream()
                .filter(c -> c.method().equals("PATCH") && c.route().equals("/channels/" + thread)).toList();
        assertThat(unarchiving).extracting(c -> c.body().path("archived").asBoolean()).containsExactly(true, false);
        assertThat(discord.calls()).as("the archived thread was found through the channel's archived threads")
                .anySatisfy(c -> assertThat(c.route()).isEqualTo("/channels/" + CHANNEL + "/threads/archived/public"));
        assertThat(discord.postsTo(thread)).anySatisfy(p -> {
            assertThat(p.content()).contains("Reopened");
            assertThat(p.status()).isEqualTo(200);
        });
    }

    private static Ticket open() {
        return ((CustomerOutcome.Opened) customers.handle(new CustomerCommand.OpenTicket(paul, "Paul", Optional.empty(),
                DeskFixture.complete("3"), false))).ticket();
    }

    private static JsonNode thread(String id) {
        return discord.threads().stream().filter(t -> t.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** A delivery by another node. */
    private interface Delivery {
        void run() throws StaffNotifier.NotDelivered;
    }

    /**
     * The shared record of threads, which can let another node record its thread just before the next
     * {@link #remember}: the moment two nodes race.
     */
    private static final class SecondNodeFirst implements TicketThreads {

        private final TicketThreads delegate;
        private final AtomicReference<Delivery> before = new AtomicReference<>();

        SecondNodeFirst(TicketThreads delegate) {
            this.delegate = delegate;
        }

        void beforeNextRemember(Delivery delivery) {
            before.set(delivery);
        }

        @Override
        public String remember(TicketId ticket, String threadId, Instant at) {
            Delivery other = before.getAndSet(null);
            if (other != null) {
                try {
                    other.run();
                } catch (StaffNotifier.NotDelivered e) {
                    throw new IllegalStateException("the other node's delivery failed", e);
                }
            }
            return delegate.remember(ticket, threadId, at);
        }

        @Override
        public Optional<String> threadOf(TicketId ticket) {
            return delegate.threadOf(ticket);
        }

        @Override
        public Optional<TicketId> ticketOf(String threadId) {
            return delegate.ticketOf(threadId);
        }

        @Override
        public boolean firstSight(String messageId, TicketId ticket, String author, String outcome, Instant at) {
            return delegate.firstSight(messageId, ticket, author, outcome, at);
        }

        @Override
        public boolean subscribe(TicketId ticket, String staffId, Instant at) {
            return delegate.subscribe(ticket, staffId, at);
        }

        @Override
        public boolean unsubscribe(TicketId ticket, String staffId) {
            return delegate.unsubscribe(ticket, staffId);
        }

        @Override
        public List<String> subscribers(TicketId ticket) {
            return delegate.subscribers(ticket);
        }
    }
}
