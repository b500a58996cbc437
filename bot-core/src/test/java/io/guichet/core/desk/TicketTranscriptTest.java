package io.guichet.core.desk;

import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TicketTranscriptTest {

    private static final Actor.Staff TOM = new Actor.Staff("tom", "Tom");

    private final DeskFixture f = new DeskFixture();

    @Test
    @DisplayName("R13: a transcript holds the ticket's fields, the mails both ways and the events in time order, internal "
            + "notes marked as never sent")
    void fieldsMailsEventsInOrder() {
        TicketNumber number = opened();
        Instant opened = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(10));
        f.staffDesk.handle(new StaffCommand.Claim(TOM, number, false));
        f.clock.advance(Duration.ofMinutes(10));
        f.staffDesk.handle(new StaffCommand.Note(TOM, number, "customer runs an old agent"));
        f.clock.advance(Duration.ofMinutes(10));
        f.staffDesk.handle(new StaffCommand.Resolve(TOM, number, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.1."));
        Ticket ticket = f.stores.tickets().find(number).orElseThrow();
        List<TicketEvent> events = f.stores.tickets().events(ticket.id());
        List<ThreadMessage> thread = List.of(
                mail(ThreadMessage.Direction.OUT, "alice@acme.example", "Fixed in 9.5.1", "Please install 9.5.1.",
                        opened.plus(Duration.ofMinutes(30))),
                mail(ThreadMessage.Direction.IN, "alice@acme.example", "Agents offline", "All agents went offline.\nSince 9:00.",
                        opened));

        String text = TicketTranscript.render(ticket, thread, events);

        assertThat(text).startsWith("Transcript of ticket " + number + ": " + ticket.fields().subject() + "\n");
        assertThat(text).contains("  status      RESOLVED", "  assignee    Tom", "  server URL  "
                + ticket.fields().serverUrl().orElseThrow(), "  module      " + ticket.fields().module().orElseThrow());
        assertThat(text).contains("NOTE (internal, never sent to the customer) by " + TOM.label()
                + ": customer runs an old agent");
        assertThat(text).contains("mail from alice@acme.example: Agents offline\n    All agents went offline.\n    Since 9:00.\n");
        assertThat(text.indexOf("mail from alice")).as("in time order, whatever order the thread came in")
                .isLessThan(text.indexOf("  CLAIMED"));
        assertThat(text.indexOf("  CLAIMED")).isLessThan(text.indexOf("NOTE (internal"));
        assertThat(text.indexOf("NOTE (internal")).isLessThan(text.indexOf("mail to alice@acme.example: Fixed in 9.5.1"));
        assertThat(text.indexOf("RESOLVED (")).as("the change before our mail answering it, at the same instant")
                .isLessThan(text.indexOf("mail to alice@acme.example"));
    }

    @Test
    @DisplayName("R13: the posted transcript is a text file named after the ticket, with a one-line summary")
    void postedAsFileWithSummary() {
        TicketNumber number = opened();
        f.staffDesk.handle(new StaffCommand.Claim(TOM, number, false));
        f.staffDesk.handle(new StaffCommand.Note(TOM, number, "looked at the logs"));
        Ticket open = f.stores.tickets().find(number).orElseThrow();
        assertThat(TicketTranscript.summary(open, List.of(), f.stores.tickets().events(open.id())))
                .as("not resolved: no resolution said").endsWith("; 0 mails in, 0 out, 1 note)");
        f.staffDesk.handle(new StaffCommand.Resolve(TOM, number, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.1."));
        Ticket ticket = f.stores.tickets().find(number).orElseThrow();
        List<TicketEvent> events = f.stores.tickets().events(ticket.id());
        List<ThreadMessage> thread = List.of(mail(ThreadMessage.Direction.IN, "alice@acme.example", "Agents offline",
                "Help: d\u00e9j\u00e0 vu.", f.clock.instant()));

        StaffNotice.AsPosted posted = TicketTranscript.posted(ticket, thread, events);

        assertThat(posted.content()).doesNotContain("\n")
                .isEqualTo("Ticket " + number + " closed: " + ticket.fields().subject() + " (S"
                        + ticket.severity().orElseThrow().level() + ", resolved "
                        + ResolutionReason.FIXED_BY_UPDATE.code() + " by Tom; 1 mail in, 0 out, 1 note)");
        assertThat(posted.pinged()).isEmpty();
        assertThat(posted.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("ticket-" + number.value() + "-transcript.txt");
            assertThat(new String(file.data(), StandardCharsets.UTF_8))
                    .isEqualTo(TicketTranscript.render(ticket, thread, events)).contains("d\u00e9j\u00e0 vu");
        });
    }

    @Test
    @DisplayName("R13: a transcript too large for Discord is cut, never inside a character, and says where the whole one is")
    void tooLargeIsCut() {
        Ticket ticket = f.stores.tickets().find(opened()).orElseThrow();
        String text = "\u00e9".repeat(600);   // two bytes each

        byte[] cut = TicketTranscript.fitted(text, ticket, 301);
        byte[] whole = TicketTranscript.fitted(text, ticket, 1200);

        assertThat(whole).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(cut.length).isLessThanOrEqualTo(301);
        String shown = new String(cut, StandardCharsets.UTF_8);
        assertThat(shown).doesNotContain("\uFFFD").startsWith("\u00e9\u00e9")
                .endsWith("[cut at 301 bytes: the whole history is shown by `guichet tickets transcript "
                        + ticket.number().value() + "`]\n");
        assertThat(TicketTranscript.MAX_FILE).isLessThanOrEqualTo(10 * 1024 * 1024);
    }

    private TicketNumber opened() {
        CustomerOutcome outcome = f.customers.handle(new CustomerCommand.OpenTicket(f.alice.email(), "Alice",
                Optional.empty(), DeskFixture.complete("3"), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    private static ThreadMessage mail(ThreadMessage.Direction direction, String sender, String subject, String body,
                                      Instant at) {
        return new ThreadMessage(Optional.empty(), direction, new MessageId(at.toEpochMilli() + "." + direction
                + "@guichet.test"), subject, sender, body, at, List.of());
    }
}
