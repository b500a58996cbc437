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

    public SlashInput {
        roleIds = Set.copyOf(roleIds);
        options = Map.copyOf(options);
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
