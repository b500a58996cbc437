package io.guichet.discord.console;

import java.util.regex.Pattern;

/**
 * Discord's size limits, and text made safe to show there: cut to a limit with an ellipsis, and mentions defused so
 * that customer text relayed from mail never pings anyone, even if a message were sent with mentions allowed.
 */
public final class DiscordText {

    public static final int CONTENT = 2000;
    public static final int EMBED_TITLE = 256;
    public static final int EMBED_DESCRIPTION = 4096;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1024;
    public static final int FOOTER = 2048;
    public static final int FIELDS = 25;
    public static final int EMBEDS = 10;
    /** All text of all embeds of one message together. */
    public static final int EMBED_TOTAL = 6000;
    public static final int BUTTONS = 25;
    public static final int BUTTON_LABEL = 80;
    public static final int BUTTON_ID = 100;
    public static final int CHOICES = 25;
    public static final int CHOICE_NAME = 100;
    public static final int CHOICE_VALUE = 100;

    private static final String ZERO_WIDTH_SPACE = "\u200B";
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY_MENTION = Pattern.compile("<(@[!&]?|#)(\\d+)>");

    private DiscordText() {
    }

    /** {@code @everyone}, {@code @here}, {@code <@id>}, {@code <@&id>} and {@code <#id>} shown as text, never as pings. */
    public static String defuse(String text) {
        String mass = MASS_MENTION.matcher(text).replaceAll("@" + ZERO_WIDTH_SPACE + "$1");
        return ENTITY_MENTION.matcher(mass).replaceAll("<$1" + ZERO_WIDTH_SPACE + "$2>");
    }

    /** {@code text} if it fits in {@code limit} characters, else its start and an ellipsis, never splitting a surrogate pair. */
    public static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Defused and cut: for any text shown in Discord. */
    public static String safe(String text, int limit) {
        return cut(defuse(text), limit);
    }
}
