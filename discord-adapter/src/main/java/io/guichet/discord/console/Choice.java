package io.guichet.discord.console;

/** One autocomplete suggestion: what the technician reads and the value filled in. */
public record Choice(String name, String value) {

    public Choice {
        name = DiscordText.cut(DiscordText.defuse(name), DiscordText.CHOICE_NAME);
        value = DiscordText.cut(value, DiscordText.CHOICE_VALUE);
    }
}
