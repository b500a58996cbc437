package io.guichet.discord.console;

import java.util.Map;
import java.util.Set;

/**
 * A slash command as the console sees it: who typed it, with which roles, and the options as text. No JDA type
 * crosses into the console.
 *
 * @param commandPath the full command name, e.g. {@code "ticket reply"} or {@code "queue"}
 * @param options     option name to its value as text (user options give the user id)
 */
public record SlashInput(String userId, String userName, Set<String> roleIds, String commandPath,
                         Map<String, String> options) {

    /**
     * An option no registered command has, set when the text comes from a form (a multi-line field) rather than a
     * one-line option: taken as written.
     */
    public static final String FROM_FORM = "_form";

    public SlashInput {
        roleIds = Set.copyOf(roleIds);
        options = Map.copyOf(options);
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
