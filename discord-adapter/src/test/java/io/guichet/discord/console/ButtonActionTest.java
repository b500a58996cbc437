package io.guichet.discord.console;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ButtonActionTest {

    @Test
    @DisplayName("Button ids encode action, ticket number and queue page, and parse back to the same action")
    void roundTrip() {
        ButtonAction claim = new ButtonAction.Claim(new TicketNumber(1042));
        ButtonAction show = new ButtonAction.Show(new TicketNumber(7));
        ButtonAction page = new ButtonAction.Page(2, new QueueView(QueueView.StatusFilter.OPEN, Optional.of(Severity.S2)));

        assertThat(claim.id()).isEqualTo("claim:1042");
        assertThat(page.id()).isEqualTo("queue:2:open:S2");
        assertThat(ButtonAction.parse(claim.id())).contains(claim);
        assertThat(ButtonAction.parse(show.id())).contains(show);
        assertThat(ButtonAction.parse(page.id())).contains(page);
        assertThat(page.updatesInPlace()).isTrue();
        assertThat(claim.updatesInPlace()).isFalse();
    }

    @Test
    @DisplayName("Forged or stale ids are not understood")
    void garbage() {
        assertThat(ButtonAction.parse("claim:")).isEmpty();
        assertThat(ButtonAction.parse("claim:0")).isEmpty();
        assertThat(ButtonAction.parse("claim:-3")).isEmpty();
        assertThat(ButtonAction.parse("queue:0:open:any")).isEmpty();
        assertThat(ButtonAction.parse("queue:1:closed:any")).isEmpty();
        assertThat(ButtonAction.parse("queue:1:open:S9")).isEmpty();
        assertThat(ButtonAction.parse("delete:1042")).isEmpty();
    }
}
