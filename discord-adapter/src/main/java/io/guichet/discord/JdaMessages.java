package io.guichet.discord;

import io.guichet.discord.console.Answer;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import java.util.EnumSet;
import java.util.List;

/** An {@link Answer} as a JDA message, always sent with no allowed mentions. */
final class JdaMessages {

    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private JdaMessages() {
    }

    static MessageCreateData create(Answer answer) {
        return new MessageCreateBuilder()
                .setContent(answer.content())
                .setEmbeds(embeds(answer))
                .setComponents(rows(answer))
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** Replaces the whole message: content, embeds and buttons (none: the old ones are removed). */
    static MessageEditData edit(Answer answer) {
        return new MessageEditBuilder()
                .setContent(answer.content())
                .setEmbeds(embeds(answer))
                .setComponents(rows(answer))
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** The buttons in rows of five; no rows for no buttons (JDA refuses to partition an empty list). */
    private static List<ActionRow> rows(Answer answer) {
        List<Button> buttons = buttons(answer);
        return buttons.isEmpty() ? List.of() : ActionRow.partitionOf(buttons);
    }

    private static List<MessageEmbed> embeds(Answer answer) {
        return answer.embeds().stream().map(e -> {
            EmbedBuilder builder = new EmbedBuilder().setTitle(e.title().isEmpty() ? null : e.title())
                    .setDescription(e.description().isEmpty() ? null : e.description())
                    .setColor(e.color());
            e.fields().forEach(f -> builder.addField(f.name(), f.value(), f.inline()));
            e.footer().ifPresent(builder::setFooter);
            return builder.build();
        }).toList();
    }

    private static List<Button> buttons(Answer answer) {
        return answer.buttons().stream().map(b -> Button.of(style(b.style()), b.id(), b.label()).withDisabled(b.disabled()))
                .toList();
    }

    private static ButtonStyle style(Answer.Button.Style style) {
        return switch (style) {
            case PRIMARY -> ButtonStyle.PRIMARY;
            case SECONDARY -> ButtonStyle.SECONDARY;
            case SUCCESS -> ButtonStyle.SUCCESS;
            case DANGER -> ButtonStyle.DANGER;
        };
    }
}
