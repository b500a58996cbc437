package io.guichet.discord.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerLimitsTest {

    @Test
    @DisplayName("Content is cut to Discord's 2000 characters, ending with an ellipsis")
    void contentCut() {
        Answer answer = Answer.text("x".repeat(5000));

        assertThat(answer.content()).hasSize(2000).endsWith("…");
    }

    @Test
    @DisplayName("Embed title 256, description 4096, field value 1024, at most 25 fields")
    void embedLimits() {
        List<Answer.Field> fields = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fields.add(new Answer.Field("f" + i, "v".repeat(3000), false));
        }
        Answer.Embed embed = new Answer.Embed("t".repeat(1000), "d".repeat(10_000), fields, Optional.empty(), 0);

        assertThat(embed.title()).hasSize(256);
        assertThat(embed.description()).hasSize(4096);
        assertThat(embed.fields()).hasSize(25);
        assertThat(embed.fields()).allSatisfy(f -> assertThat(f.value()).hasSize(1024));
    }

    @Test
    @DisplayName("All embeds of a message together stay within 6000 characters, the last ones shortened first")
    void embedTotal() {
        Answer.Embed big = new Answer.Embed("A", "a".repeat(4000), List.of(), Optional.empty(), 0);
        Answer.Embed other = new Answer.Embed("B", "b".repeat(4000), List.of(), Optional.empty(), 0);

        Answer answer = new Answer("", List.of(big, other), List.of(), true);

        int total = answer.embeds().stream().mapToInt(Answer.Embed::length).sum();
        assertThat(total).isLessThanOrEqualTo(6000);
        assertThat(answer.embeds().get(0).description()).hasSize(4000);
        assertThat(answer.embeds().get(1).description()).endsWith("…");
    }

    @Test
    @DisplayName("Mentions in relayed mail are defused: @everyone, @here, user, role and channel mentions never ping")
    void mentionsDefused() {
        String mail = "Hi @everyone and @HERE, ask <@1234> or <@!99> or <@&42> in <#7>";

        Answer answer = new Answer(mail, List.of(new Answer.Embed(mail, mail,
                List.of(new Answer.Field(mail, mail, false)), Optional.of(mail), 0)), List.of(), false);

        List<String> texts = List.of(answer.content(), answer.embeds().get(0).title(), answer.embeds().get(0).description(),
                answer.embeds().get(0).fields().get(0).name(), answer.embeds().get(0).fields().get(0).value(),
                answer.embeds().get(0).footer().orElseThrow());
        assertThat(texts).allSatisfy(t -> assertThat(t)
                .doesNotContain("@everyone", "@HERE", "<@1234>", "<@!99>", "<@&42>", "<#7>")
                .contains("@\u200Beveryone", "<@\u200B1234>"));
    }

    @Test
    @DisplayName("Cutting never splits an emoji (surrogate pair) and leaves short text alone")
    void cutKeepsSurrogates() {
        String text = "a".repeat(8) + "😀" + "b";

        assertThat(DiscordText.cut(text, 10)).isEqualTo("a".repeat(8) + "…");
        assertThat(DiscordText.cut("short", 10)).isEqualTo("short");
    }

    @Test
    @DisplayName("An answer is never empty (Discord refuses empty messages); at most 25 buttons")
    void neverEmpty() {
        List<Answer.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            buttons.add(new Answer.Button("claim:" + (1000 + i), "Claim", Answer.Button.Style.PRIMARY, false));
        }

        Answer answer = new Answer(" ", List.of(), buttons, true);

        assertThat(answer.content()).isEqualTo("Done.");
        assertThat(answer.buttons()).hasSize(25);
    }
}
