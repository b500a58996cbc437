package io.guichet.discord.console;

import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardsTest {

    @Test
    @DisplayName("a ticket changed meanwhile is told to the technician as such: nothing changed, try again")
    void concurrentChange() {
        Answer answer = Cards.outcome(new ConcurrentChange(new TicketNumber(1042)));

        assertThat(answer.content()).startsWith("Nothing changed").contains("1042").contains("changed meanwhile")
                .contains("try again");
        assertThat(answer.ephemeral()).isTrue();
    }
}
