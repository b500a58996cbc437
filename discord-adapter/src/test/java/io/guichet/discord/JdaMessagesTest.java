package io.guichet.discord;

import io.guichet.discord.console.Answer;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JdaMessagesTest {

    private static Answer queueLike() {
        List<Answer.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            buttons.add(new Answer.Button("claim:" + (1000 + i), "Claim #" + (1000 + i), Answer.Button.Style.PRIMARY,
                    i == 11));
        }
        Answer.Embed embed = new Answer.Embed("Queue", "@everyone look", List.of(new Answer.Field("a", "b", true)),
                Optional.of("footer"), 0x123456);
        return new Answer("Hello @here", List.of(embed), buttons, false);
    }

    @Test
    @DisplayName("Messages are sent with no allowed mentions at all, and with the answer's text, embeds and buttons")
    void createWithoutMentions() {
        MessageCreateData data = JdaMessages.create(queueLike());

        assertThat(data.getAllowedMentions()).isEmpty();
        assertThat(data.getMentionedUsers()).isEmpty();
        assertThat(data.getMentionedRoles()).isEmpty();
        assertThat(data.getContent()).isEqualTo("Hello @\u200Bhere");
        assertThat(data.getEmbeds()).singleElement().satisfies(e -> {
            assertThat(e.getTitle()).isEqualTo("Queue");
            assertThat(e.getDescription()).doesNotContain("@everyone");
            assertThat(e.getFields()).hasSize(1);
        });
        assertThat(data.getComponents()).as("12 buttons in rows of 5").hasSize(3);
    }

    @Test
    @DisplayName("Edits of a deferred answer also allow no mentions and replace the buttons")
    void editWithoutMentions() {
        MessageEditData data = JdaMessages.edit(queueLike());

        assertThat(data.getAllowedMentions()).isEmpty();
        assertThat(data.getComponents()).hasSize(3);
        assertThat(data.toData().toString()).contains("claim:1011");
    }

    @Test
    @DisplayName("An answer without buttons (most of them) is sent and edited with no rows, and an edit clears old buttons")
    void withoutButtons() {
        Answer plain = Answer.text("Ticket #1000 is now yours.");

        assertThat(JdaMessages.create(plain).getComponents()).isEmpty();
        MessageEditData edit = JdaMessages.edit(plain);
        assertThat(edit.getComponents()).isEmpty();
        assertThat(edit.toData().toString()).contains("\"components\":[]");
    }
}
