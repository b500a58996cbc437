package io.guichet.discord.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the console says back, as plain data the JDA layer turns into a message. Every text is defused (no mention
 * can ping) and cut to Discord's limits here, so no rendering path can exceed them; the JDA layer also sends with no
 * allowed mentions.
 *
 * @param ephemeral seen only by the technician who acted (every console answer); staff-channel posts are not
 */
public record Answer(String content, List<Embed> embeds, List<Button> buttons, boolean ephemeral) {

    public Answer {
        content = DiscordText.safe(content, DiscordText.CONTENT);
        embeds = fitEmbeds(embeds);
        buttons = List.copyOf(buttons.subList(0, Math.min(buttons.size(), DiscordText.BUTTONS)));
        if (content.isBlank() && embeds.isEmpty()) {
            content = "Done.";
        }
    }

    /** An ephemeral line of text. */
    public static Answer text(String content) {
        return new Answer(content, List.of(), List.of(), true);
    }

    /** An embed; {@code color} is an RGB value. */
    public record Embed(String title, String description, List<Field> fields, Optional<String> footer, int color) {

        public Embed {
            title = DiscordText.safe(title, DiscordText.EMBED_TITLE);
            description = DiscordText.safe(description, DiscordText.EMBED_DESCRIPTION);
            fields = List.copyOf(fields.subList(0, Math.min(fields.size(), DiscordText.FIELDS)));
            footer = footer.map(f -> DiscordText.safe(f, DiscordText.FOOTER));
        }

        int length() {
            return title.length() + description.length() + footer.map(String::length).orElse(0)
                    + fields.stream().mapToInt(f -> f.name().length() + f.value().length()).sum();
        }

        Embed withDescription(String newDescription) {
            return new Embed(title, newDescription, fields, footer, color);
        }
    }

    /** A field of an embed; blank values are shown as a dash (Discord refuses empty ones). */
    public record Field(String name, String value, boolean inline) {

        public Field {
            name = DiscordText.safe(name.isBlank() ? "-" : name, DiscordText.FIELD_NAME);
            value = DiscordText.safe(value.isBlank() ? "-" : value, DiscordText.FIELD_VALUE);
        }
    }

    /** A button; {@code id} is a {@link ButtonAction} id. */
    public record Button(String id, String label, Style style, boolean disabled) {

        public enum Style { PRIMARY, SECONDARY, SUCCESS, DANGER }

        public Button {
            if (id.length() > DiscordText.BUTTON_ID) {
                throw new IllegalArgumentException("button id longer than " + DiscordText.BUTTON_ID);
            }
            label = DiscordText.safe(label, DiscordText.BUTTON_LABEL);
        }
    }

    /** At most 10 embeds, and their descriptions shortened from the last one until all text fits in 6000 characters. */
    private static List<Embed> fitEmbeds(List<Embed> embeds) {
        List<Embed> kept = new ArrayList<>(embeds.subList(0, Math.min(embeds.size(), DiscordText.EMBEDS)));
        int total = kept.stream().mapToInt(Embed::length).sum();
        for (int i = kept.size() - 1; i >= 0 && total > DiscordText.EMBED_TOTAL; i--) {
            Embed e = kept.get(i);
            int excess = total - DiscordText.EMBED_TOTAL;
            int room = Math.max(0, e.description().length() - excess);
            Embed shorter = e.withDescription(room == 0 ? "" : DiscordText.cut(e.description(), room));
            total -= e.length() - shorter.length();
            kept.set(i, shorter);
        }
        while (total > DiscordText.EMBED_TOTAL && !kept.isEmpty()) {
            total -= kept.remove(kept.size() - 1).length();
        }
        return List.copyOf(kept);
    }
}
