package io.guichet.discord.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.guichet.discord.console.ConsoleFixture.MANAGER;
import static io.guichet.discord.console.ConsoleFixture.TECH;
import static io.guichet.discord.console.ConsoleFixture.number;
import static org.assertj.core.api.Assertions.assertThat;

class ConsolePermissionTest {

    private final ConsoleFixture f = new ConsoleFixture();
    private final ListAppender<ILoggingEvent> log = ConsoleFixture.captureLogs(Console.class);

    @Test
    @DisplayName("Only the technician role acts on tickets: others get an ephemeral refusal, audited at WARN")
    void technicianRoleRequired() {
        Ticket t = f.open("Server down", "2");

        Answer answer = f.as("mallory", Set.of("some-other-role"), "ticket claim", "ticket", number(t));

        assertThat(answer.ephemeral()).isTrue();
        assertThat(answer.content()).contains("Only members with the technician role may use /ticket claim");
        assertThat(f.ticket(t).assignee()).isEmpty();
        assertThat(f.events(t)).extracting(e -> e.kind()).containsExactly(EventKind.CREATED);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("refused /ticket claim", "mallory", "id-mallory", "technician");
    }

    @Test
    @DisplayName("A manager who is not a technician cannot act on tickets nor see the queue")
    void managerIsNotTechnician() {
        Ticket t = f.open("Server down", "2");

        Answer reply = f.manager("ticket reply", "ticket", number(t), "text", "hello");
        Answer queue = f.manager("queue");

        assertThat(reply.content()).contains("technician role");
        assertThat(queue.content()).contains("technician role");
        assertThat(queue.embeds()).isEmpty();
        assertThat(f.mail.told()).isEmpty();
    }

    @Test
    @DisplayName("R10, R1, R20: only the manager role changes contacts, coverage and versions")
    void managerRoleRequired() {
        Answer contact = f.tech("contact add", "account", "Acme", "name", "Eve", "email", "eve@acme.example", "phone", "1");
        Answer coverage = f.tech("account coverage", "account", "Acme", "until", "2030-01-01");
        Answer version = f.tech("version add", "product", "VSA", "version", "9.5", "released", "2024-05-01");

        assertThat(contact.content()).contains("Only members with the manager role may use /contact add");
        assertThat(coverage.content()).contains("manager role");
        assertThat(version.content()).contains("manager role");
        assertThat(f.desk.contacts().contactsOf(f.account.id())).hasSize(1);
        assertThat(f.desk.versions().all()).isEmpty();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(3);
    }

    @Test
    @DisplayName("Buttons check the technician role too: a click without it changes nothing")
    void buttonsNeedTheRole() {
        Ticket t = f.open("Server down", "1");

        Answer answer = f.console.handle(new ButtonInput("id-eve", "eve", Set.of(MANAGER), "claim:" + number(t)));

        assertThat(answer.content()).contains("technician role");
        assertThat(f.ticket(t).assignee()).isEmpty();
    }

    @Test
    @DisplayName("Autocomplete suggests nothing to members without the role (subjects never leak)")
    void autocompleteNeedsTheRole() {
        f.open("Secret project outage", "1");

        assertThat(f.console.complete(new AutocompleteInput("id-eve", "eve", Set.of(), "ticket show", "ticket", "")))
                .isEmpty();
        assertThat(f.console.complete(new AutocompleteInput("id-al", "alice", Set.of(TECH), "ticket show", "ticket", "")))
                .hasSize(1);
    }

    @Test
    @DisplayName("An unknown command path is answered and logged, never run")
    void unknownCommand() {
        Answer answer = f.tech("ticket delete", "ticket", "1000");

        assertThat(answer.content()).contains("There is no command /ticket delete", "/ticket claim");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
    }
}
