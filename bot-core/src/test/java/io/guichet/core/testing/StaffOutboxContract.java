package io.guichet.core.testing;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Severity;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link StaffOutbox}, run against every backend. */
public abstract class StaffOutboxContract {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private StaffOutbox outbox;
    private Ticket ticket;

    /** Posts are stamped with this time. */
    protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** A fresh, empty backend for each test. */
    protected abstract Stores stores();

    /** The staff outbox of that backend, whose clock reads {@link #T0}. */
    protected abstract StaffOutbox outbox(Stores stores);

    @BeforeEach
    void setUpOutbox() {
        Stores stores = stores();
        outbox = outbox(stores);
        Account account = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
        Contact alice = stores.contacts().addContact(account.id(), "Alice", EmailAddress.parse("alice@acme.example")
                .orElseThrow(), "", Language.FR, Optional.empty(), Optional.empty()).orElseThrow();
        TicketFields fields = new TicketFields("Agents offline", "All agents went offline.", Optional.of(Severity.S1),
                Optional.of("https://vsa.acme.example"), Optional.of("Agent"), Optional.of("1. upgrade"),
                Optional.of("SN123"), Optional.of("VSA 9.5"));
        ticket = stores.tickets().create(new NewTicket(new Ticket.Requester(account.id(), alice.id(), Optional.empty()),
                new Ticket.Request(fields, Optional.of(Severity.S1), Optional.empty()),
                new Ticket.State(TicketStatus.OPEN, Optional.empty(), Optional.empty(), false), Ticket.Due.none(),
                Ticket.Timeline.startingAt(T0)));
    }

    private static Instant later() {
        return T0.plusSeconds(1);
    }

    @Test
    @DisplayName("R14, R18: every kind of staff notice comes back as it was posted, with its ticket, oldest first")
    void roundTrip() {
        List<StaffNotice> posted = List.of(new StaffNotice.NewSeverityOne(ticket),
                new StaffNotice.Escalation(ticket, "the customer asked for escalation"),
                new StaffNotice.TargetBreached(ticket, "first response"),
                new StaffNotice.Downgraded(ticket, Severity.S1, Severity.S2, "no contact available"),
                new StaffNotice.ThreadPost(ticket, EventKind.CUSTOMER_MESSAGE, "customer:alice@acme.example",
                        "Still offline.\n\nAll of them."),
                new StaffNotice.ThreadPost(ticket, EventKind.CLAIMED, "staff:discord:42 tess", ""));
        outbox.postAll(posted);

        List<StaffOutbox.Queued> claimed = outbox.claimDue(later(), 10, LEASE);
        assertThat(outbox.pending()).isEqualTo(6);
        outbox.markDelivered(claimed.get(4).id(), later());
        List<StaffOutbox.Queued> next = outbox.claimDue(later(), 10, LEASE);

        assertThat(claimed).extracting(StaffOutbox.Queued::notice).containsExactlyElementsOf(posted.subList(0, 5));
        assertThat(next).extracting(StaffOutbox.Queued::notice).containsExactly(posted.get(5));
        assertThat(claimed).extracting(StaffOutbox.Queued::attempts).containsOnly(0);
    }

    @Test
    @DisplayName("R13: a closed ticket's transcript comes back as it was rendered when posted: its summary line and its file, "
            + "byte for byte; it never waits for the ticket's thread posts")
    void transcriptRoundTrip() {
        byte[] file = "Transcript of ticket #1000: Agents offline\n  status      CLOSED\n\u00e9t\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StaffNotice.AsPosted rendered = new StaffNotice.AsPosted("Ticket #1000 closed: Agents offline", List.of(),
                List.of(new StaffNotice.PostedFile("ticket-1000-transcript.txt", file)));
        outbox.post(new StaffNotice.ThreadPost(ticket, EventKind.CLOSED, "system", ""));
        outbox.post(new StaffNotice.Transcript(ticket, Optional.of(rendered)));

        List<StaffOutbox.Queued> claimed = outbox.claimDue(later(), 10, LEASE);

        assertThat(claimed).hasSize(2);
        assertThat(claimed.get(1).notice()).isInstanceOfSatisfying(StaffNotice.Transcript.class, t -> {
            assertThat(t.ticket().id()).isEqualTo(ticket.id());
            StaffNotice.AsPosted back = t.asPosted().orElseThrow();
            assertThat(back.content()).isEqualTo("Ticket #1000 closed: Agents offline");
            assertThat(back.pinged()).isEmpty();
            assertThat(back.files()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("ticket-1000-transcript.txt");
                assertThat(f.data()).isEqualTo(file);
            });
        });
    }

    @Test
    @DisplayName("a ticket's thread posts go out in order: a later one waits while an earlier one is retried or held")
    void threadPostsInOrder() {
        StaffNotice.ThreadPost opened = new StaffNotice.ThreadPost(ticket, EventKind.CREATED, "customer:alice@acme.example",
                "Agents offline");
        StaffNotice.ThreadPost claimed = new StaffNotice.ThreadPost(ticket, EventKind.CLAIMED, "staff:discord:42 tess", "");
        outbox.postAll(List.of(opened, claimed));
        Instant now = later();

        StaffOutbox.Queued first = outbox.claimDue(now, 10, LEASE).getFirst();
        assertThat(first.notice()).isEqualTo(opened);
        assertThat(outbox.claimDue(now, 10, LEASE)).as("the later post while the first is held").isEmpty();

        outbox.markFailed(first.id(), "503", Optional.of(now.plusSeconds(20)), now);
        assertThat(outbox.claimDue(now.plusSeconds(10), 10, LEASE)).as("the later post while the first waits to be retried")
                .isEmpty();

        List<StaffOutbox.Queued> retried = outbox.claimDue(now.plusSeconds(20), 10, LEASE);
        assertThat(retried).extracting(StaffOutbox.Queued::notice).containsExactly(opened);
        outbox.markDelivered(retried.getFirst().id(), now.plusSeconds(20));
        assertThat(outbox.claimDue(now.plusSeconds(20), 10, LEASE)).extracting(StaffOutbox.Queued::notice)
                .containsExactly(claimed);
    }

    @Test
    @DisplayName("a thread post given up does not hold back the later ones; other notices never wait for thread posts")
    void givenUpThreadPostReleasesTheNext() {
        StaffNotice.ThreadPost opened = new StaffNotice.ThreadPost(ticket, EventKind.CREATED, "customer:alice@acme.example",
                "Agents offline");
        StaffNotice.ThreadPost claimed = new StaffNotice.ThreadPost(ticket, EventKind.CLAIMED, "staff:discord:42 tess", "");
        outbox.postAll(List.of(opened, claimed, new StaffNotice.Escalation(ticket, "asked for a manager")));
        Instant now = later();

        List<StaffOutbox.Queued> firstPass = outbox.claimDue(now, 10, LEASE);
        assertThat(firstPass).extracting(StaffOutbox.Queued::notice)
                .containsExactly(opened, new StaffNotice.Escalation(ticket, "asked for a manager"));
        outbox.markFailed(firstPass.getFirst().id(), "404 Unknown Channel", Optional.empty(), now);

        assertThat(outbox.claimDue(now, 10, LEASE)).extracting(StaffOutbox.Queued::notice).containsExactly(claimed);
    }

    @Test
    @DisplayName("a claimed notice is hidden for its lease, then comes back if it was not delivered")
    void leaseHidesThenReturns() {
        outbox.post(new StaffNotice.NewSeverityOne(ticket));
        Instant now = later();

        assertThat(outbox.claimDue(now, 10, LEASE)).hasSize(1);
        assertThat(outbox.claimDue(now.plusSeconds(30), 10, LEASE)).isEmpty();
        assertThat(outbox.claimDue(now.plus(LEASE), 10, LEASE)).hasSize(1);
    }

    @Test
    @DisplayName("a delivered notice is never claimed again; a failed one comes back at its retry time, counted")
    void deliveredAndFailed() {
        outbox.post(new StaffNotice.NewSeverityOne(ticket));
        outbox.post(new StaffNotice.Escalation(ticket, "raised to severity 1"));
        Instant now = later();
        List<StaffOutbox.Queued> claimed = outbox.claimDue(now, 10, LEASE);

        outbox.markDelivered(claimed.get(0).id(), now);
        outbox.markFailed(claimed.get(1).id(), "503", Optional.of(now.plusSeconds(5)), now);

        assertThat(outbox.claimDue(now.plusSeconds(4), 10, Duration.ZERO)).isEmpty();
        List<StaffOutbox.Queued> again = outbox.claimDue(now.plusSeconds(5), 10, LEASE);
        assertThat(again).singleElement().satisfies(q -> {
            assertThat(q.notice()).isInstanceOf(StaffNotice.Escalation.class);
            assertThat(q.attempts()).isEqualTo(1);
        });
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("a notice given up is neither claimed nor pending")
    void givenUp() {
        outbox.post(new StaffNotice.NewSeverityOne(ticket));
        Instant now = later();
        long id = outbox.claimDue(now, 10, LEASE).getFirst().id();

        outbox.markFailed(id, "channel not found", Optional.empty(), now);

        assertThat(outbox.claimDue(now.plus(Duration.ofDays(30)), 10, LEASE)).isEmpty();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    @DisplayName("claims take at most the limit")
    void limit() {
        for (int i = 0; i < 5; i++) {
            outbox.post(new StaffNotice.TargetBreached(ticket, "update " + i));
        }
        assertThat(outbox.claimDue(later(), 3, LEASE)).hasSize(3);
        assertThat(outbox.claimDue(later(), 3, LEASE)).hasSize(2);
    }

    @Test
    @DisplayName("claims given back are due again at once, no attempt counted; a delivered notice stays delivered")
    void release() {
        outbox.post(new StaffNotice.NewSeverityOne(ticket));
        outbox.post(new StaffNotice.Escalation(ticket, "raised to severity 1"));
        Instant now = later();
        List<StaffOutbox.Queued> claimed = outbox.claimDue(now, 10, LEASE);
        outbox.markDelivered(claimed.get(0).id(), now);

        outbox.release(claimed.stream().map(StaffOutbox.Queued::id).toList(), now);

        assertThat(outbox.claimDue(now, 10, LEASE)).singleElement().satisfies(q -> {
            assertThat(q.notice()).isInstanceOf(StaffNotice.Escalation.class);
            assertThat(q.attempts()).isZero();
        });
    }
}
