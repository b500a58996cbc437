package io.guichet.discord.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guichet.core.account.ContactId;
import io.guichet.core.port.TicketStore;
import io.guichet.core.testing.Stores;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFailureTest {

    /** A store whose database is down, with a message that must never reach a technician. */
    private static final class BrokenTicketStore implements TicketStore {
        private static RuntimeException down() {
            return new IllegalStateException("SQL [select * from tickets] connection refused: password=hunter2");
        }

        public Ticket create(io.guichet.core.ticket.NewTicket ticket) { throw down(); }
        public Optional<Ticket> find(TicketNumber number) { throw down(); }
        public Optional<Ticket> find(TicketId id) { throw down(); }
        public Optional<Ticket> update(Ticket changed) { throw down(); }
        public void append(List<TicketEvent> events) { throw down(); }
        public List<TicketEvent> events(TicketId id) { throw down(); }
        public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity,
                                  io.guichet.core.triage.QueueFilter filter, LocalDate today, int offset,
                                  int limit) { throw down(); }
        public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity,
                                       io.guichet.core.triage.QueueFilter filter, LocalDate today,
                                       io.guichet.core.triage.QueueKey after, int limit) { throw down(); }
        public int refreshSubmitterCertification(ContactId contact, Optional<LocalDate> until) { throw down(); }
    }

    @Test
    @DisplayName("An unexpected failure answers 'Something went wrong (ref X)' and logs X at ERROR, never the exception")
    void unexpectedFailure() {
        Stores memory = Stores.inMemory();
        ConsoleFixture f = new ConsoleFixture(new Stores(memory.transactions(), memory.outside(),
                io.guichet.core.port.PerTransaction.same(new BrokenTicketStore()), memory.contactsIn(), memory.versionsIn(),
                memory.deadlinesIn()));
        ListAppender<ILoggingEvent> log = ConsoleFixture.captureLogs(Console.class);

        Answer queue = f.tech("queue");
        Answer claim = f.click("alice", "claim:1000");

        for (Answer answer : List.of(queue, claim)) {
            assertThat(answer.ephemeral()).isTrue();
            assertThat(answer.content()).startsWith("Something went wrong (ref ")
                    .doesNotContain("SQL", "hunter2", "IllegalStateException", "at io.");
        }
        Matcher ref = Pattern.compile("\\(ref ([0-9A-F]{8})\\)").matcher(queue.content());
        assertThat(ref.find()).isTrue();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).first().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("/queue", "alice", ref.group(1));
            assertThat(e.getThrowableProxy()).isNotNull();
            assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", ref.group(1));
        });
        assertThat(f.console.complete(new AutocompleteInput("a", "alice", Set.of(ConsoleFixture.TECH), "ticket show",
                "ticket", "1"))).isEmpty();
    }
}
