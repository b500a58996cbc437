package io.guichet.discord.console;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.guichet.discord.console.ConsoleFixture.number;
import static io.guichet.discord.console.ConsoleFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

class StaffChannelRendererTest {

    private final ConsoleFixture f = new ConsoleFixture();
    private final StaffChannelRenderer renderer = new StaffChannelRenderer();

    @Test
    @DisplayName("R14, R18: a new severity-1 ticket is posted to the channel with Claim and Show buttons, pinging no one")
    void newSeverityOne() {
        Ticket t = f.open("@everyone the server is down", "1");
        StaffNotice notice = f.staff.notices(StaffNotice.NewSeverityOne.class).get(0);

        Answer post = renderer.render(notice);

        assertThat(post.ephemeral()).isFalse();
        assertThat(post.embeds()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("New severity 1: " + t.number());
            assertThat(e.description()).contains("the server is down").doesNotContain("@everyone");
            assertThat(e.color()).isEqualTo(Cards.RED);
        });
        assertThat(post.buttons()).extracting(Answer.Button::id)
                .containsExactly("claim:" + number(t), "show:" + number(t));
    }

    @Test
    @DisplayName("R18, R6, R11, R17, R15: escalation, downgrade and breach posts name their reason")
    void otherNotices() {
        Ticket t = f.open("Agents offline", "2");

        String escalation = shown(renderer.render(new StaffNotice.Escalation(t, "the customer asked for escalation")));
        String downgrade = shown(renderer.render(new StaffNotice.Downgraded(t, Severity.S1, Severity.S2,
                "no contact available (R11)")));
        String breach = shown(renderer.render(new StaffNotice.TargetBreached(t, "first response (R15)")));

        assertThat(escalation).contains("Escalated: " + t.number(), "Why (R18)", "the customer asked for escalation");
        assertThat(downgrade).contains("Downgraded: " + t.number() + " S1 -> S2", "no contact available (R11)");
        assertThat(breach).contains("Target missed: " + t.number(), "first response (R15)");
    }

    @Test
    @DisplayName("A resolved ticket's post offers Show only")
    void resolvedHasNoClaim() {
        Ticket t = f.open("Agents offline", "2");
        f.tech("ticket resolve", "ticket", number(t), "reason", "b");

        Answer post = renderer.render(new StaffNotice.TargetBreached(f.ticket(t), "update"));

        assertThat(post.buttons()).extracting(Answer.Button::id).containsExactly("show:" + number(t));
    }
}
