package io.guichet.discord.console;

import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.guichet.discord.console.ConsoleFixture.MANAGER;
import static io.guichet.discord.console.ConsoleFixture.TECH;
import static io.guichet.discord.console.ConsoleFixture.number;
import static org.assertj.core.api.Assertions.assertThat;

class AutocompleteTest {

    private final ConsoleFixture f = new ConsoleFixture();

    private List<Choice> typed(String option, String text, String role) {
        return f.console.complete(new AutocompleteInput("id-alice", "alice", Set.of(role), "ticket show", option, text));
    }

    @Test
    @DisplayName("Ticket numbers: active tickets whose number starts with what is typed, newest first, at most 25")
    void ticketNumbers() {
        Ticket first = null;
        Ticket last = null;
        for (int i = 0; i < 30; i++) {
            f.clock.advance(Duration.ofMinutes(1));
            Ticket t = f.open("Problem " + i, "3");
            first = first == null ? t : first;
            last = t;
        }
        f.tech("ticket resolve", "ticket", number(last), "reason", "no-longer-needed");

        List<Choice> all = typed("ticket", "", TECH);
        List<Choice> prefixed = typed("ticket", "#100", TECH);

        assertThat(all).hasSize(25);
        assertThat(all).extracting(Choice::value).doesNotContain(number(last));
        assertThat(all.get(0).value()).isEqualTo(String.valueOf(last.number().value() - 1));
        assertThat(prefixed).extracting(Choice::value).allSatisfy(v -> assertThat(v).startsWith("100"))
                .contains(number(first));
        assertThat(prefixed.get(0).name()).contains("S3", "open", "Problem");
    }

    @Test
    @DisplayName("Account names for managers, matching any part of the name")
    void accounts() {
        assertThat(typed("account", "cm", MANAGER)).extracting(Choice::value).containsExactly("Acme");
        assertThat(typed("account", "zz", MANAGER)).isEmpty();
        assertThat(typed("account", "", TECH)).isEmpty();
    }
}
