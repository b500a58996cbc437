package io.guichet.discord.console;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.guichet.core.triage.QueueKey;

import java.time.Instant;
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
        ButtonAction after = new ButtonAction.Page(41, new QueueView(QueueView.StatusFilter.AWAITING_INFO,
                Optional.empty()), Optional.of(new QueueKey(5, false, Optional.of(Instant.parse("2026-12-05T10:15:30.123456Z")),
                Instant.parse("2026-11-30T08:00:00Z"), 999_999_999_999L)));
        assertThat(after.id()).startsWith("queue:41:awaiting-info:any:5u.").hasSizeLessThanOrEqualTo(100);
        assertThat(ButtonAction.parse(after.id())).contains(after);
        assertThat(claim.updatesInPlace()).isFalse();
    }

    @Test
    @DisplayName("A filtered queue page's id carries mine, the account and a token of the search text (never the text), "
            + "under 100 characters, and parses back while the text is kept")
    void filteredRoundTrip() {
        io.guichet.core.testing.MutableClock clock = io.guichet.core.testing.MutableClock.at("2026-12-05T10:00:00Z");
        QueueSearches searches = new QueueSearches(clock);
        String text = "agents went offline after the upgrade of the monitoring server in the west wing, again and again";
        QueueView view = new QueueView(QueueView.StatusFilter.AWAITING_INFO, Optional.of(Severity.S1), true,
                Optional.of(new io.guichet.core.account.AccountId(1_000_000)), Optional.of(text));
        QueueKey key = new QueueKey(5, false, Optional.of(Instant.parse("2026-12-05T10:15:30.123456Z")),
                Instant.parse("2026-11-30T08:00:00Z"), 999_999_999_999L);
        ButtonAction.Page page = new ButtonAction.Page(41, view, Optional.of(key));
        String token = searches.remember(text);

        assertThat(page.id()).hasSizeLessThanOrEqualTo(100).doesNotContain("agents")
                .endsWith(":m.a" + Long.toString(1_000_000, 36) + ".t" + token);
        assertThat(ButtonAction.parse(page.id(), searches::text)).contains(page);
        ButtonAction.Page first = new ButtonAction.Page(1, new QueueView(QueueView.StatusFilter.OPEN, Optional.empty(),
                true, Optional.empty(), Optional.empty()));
        assertThat(first.id()).isEqualTo("queue:1:open:any:-:m");
        assertThat(ButtonAction.parse(first.id())).contains(first);
        assertThat(ButtonAction.pagesInPlace(page.id())).isTrue();

        assertThat(ButtonAction.parse(page.id())).as("the text is not in the id").isEmpty();
        clock.advance(QueueSearches.KEPT.plusMinutes(1));
        assertThat(ButtonAction.parse(page.id(), searches::text)).as("forgotten after %s", QueueSearches.KEPT).isEmpty();
        assertThat(ButtonAction.parse("queue:1:open:any:-:m.x")).isEmpty();
        assertThat(ButtonAction.parse("queue:1:open:any:-:m.m")).isEmpty();
        assertThat(ButtonAction.parse("queue:1:open:any:-:")).isEmpty();
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
        assertThat(ButtonAction.parse("queue:2:open:any:")).isEmpty();
        assertThat(ButtonAction.parse("queue:2:open:any:9c.1.1.1")).isEmpty();
        assertThat(ButtonAction.parse("queue:2:open:any:1c.1.1")).isEmpty();
    }
}
