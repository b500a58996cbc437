package io.guichet.db;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff outbox on PostgreSQL keeps a closed ticket's transcript only when there is a log channel to post it to. */
class JooqStaffOutboxTranscriptIT {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private TestDatabase database;
    private JooqTransactions tx;
    private Ticket ticket;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        tx = database.database().transactions();
        JooqContactDirectory contacts = new JooqContactDirectory(tx.autoCommit());
        JooqTicketStore tickets = new JooqTicketStore(tx.autoCommit());
        ticket = tx.inTransaction(t -> {
            Account account = contacts.addAccount("Acme", Optional.of(LocalDate.parse("2026-12-31")),
                    new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
            Contact alice = contacts.addContact(account.id(), "Alice", EmailAddress.parse("alice@acme.example")
                    .orElseThrow(), "", Language.FR, Optional.empty(), Optional.empty()).orElseThrow();
            TicketFields fields = new TicketFields("Agents offline", "All agents went offline.", Optional.of(Severity.S2),
                    Optional.of("https://vsa.acme.example"), Optional.of("Agent"), Optional.of("1. upgrade"),
                    Optional.of("SN123"), Optional.of("VSA 9.5"));
            Ticket created = tickets.create(new NewTicket(new Ticket.Requester(account.id(), alice.id(), Optional.empty()),
                    new Ticket.Request(fields, Optional.of(Severity.S2), Optional.empty()),
                    new Ticket.State(TicketStatus.OPEN, Optional.empty(), Optional.empty(), false), Ticket.Due.none(),
                    Ticket.Timeline.startingAt(T0)));
            tickets.append(List.of(TicketEvent.fact(created.id(), T0.plusSeconds(60), new Actor.Staff("discord:1", "tess"),
                    EventKind.NOTE, "customer runs the old agent")));
            return created;
        });
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    @DisplayName("R13: without a log channel a transcript is not kept; with one it is rendered when posted, from the "
            + "ticket's history in the database, and delivered so")
    void keptOnlyWithLogChannel() {
        JooqStaffOutbox plain = new JooqStaffOutbox(tx.autoCommit(), Clock.fixed(T0, ZoneOffset.UTC), true);
        tx.run(t -> plain.post(new StaffNotice.Transcript(ticket)));
        assertThat(plain.pending()).isZero();

        JooqStaffOutbox withLog = plain.withTranscripts();
        tx.run(t -> withLog.post(new StaffNotice.Transcript(ticket)));
        List<StaffOutbox.Queued> claimed = tx.inTransaction(t ->
                withLog.claimDue(T0.plusSeconds(120), 10, Duration.ofMinutes(1)));

        assertThat(claimed).singleElement().satisfies(q -> assertThat(q.notice())
                .isInstanceOfSatisfying(StaffNotice.Transcript.class, t -> {
                    StaffNotice.AsPosted posted = t.asPosted().orElseThrow();
                    assertThat(posted.content()).startsWith("Ticket " + ticket.number() + " closed: Agents offline")
                            .endsWith("1 note)");
                    assertThat(posted.files()).singleElement().satisfies(f -> {
                        assertThat(f.name()).isEqualTo("ticket-" + ticket.number().value() + "-transcript.txt");
                        assertThat(new String(f.data(), StandardCharsets.UTF_8)).contains(
                                "  server URL  https://vsa.acme.example",
                                "NOTE (internal, never sent to the customer) by staff:discord:1 tess: customer runs the old agent");
                    });
                }));
    }
}
