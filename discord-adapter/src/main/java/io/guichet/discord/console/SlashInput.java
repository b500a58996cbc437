package io.guichet.discord.console;

import java.util.Map;
import java.util.Set;

/**
 * A slash command as the console sees it: who typed it, with which roles, and the options as text. No JDA type
 * crosses into the console.
 *
 * @param commandPath the full command name, e.g. {@code "ticket reply"} or {@code "queue"}
 * @param options     option name to its value as text (user options give the user id)
 * @param members     for each user option, the member it names as Discord resolved it (name and roles)
 */
public record SlashInput(String userId, String userName, Set<String> roleIds, String commandPath,
                         Map<String, String> options, Map<String, Member> members) {

    /** A member of the server named by a user option: the console checks their roles (e.g. a new holder's). */
    public record Member(String userId, String name, Set<String> roleIds) {
        public Member {
            roleIds = Set.copyOf(roleIds);
        }
    }

    /**
     * An option no registered command has, set when the text comes from a form (a multi-line field) rather than a
     * one-line option: taken as written.
     */
    public static final String FROM_FORM = "_form";

    public SlashInput {
        roleIds = Set.copyOf(roleIds);
        options = Map.copyOf(options);
        members = Map.copyOf(members);
    }

    /** A command without user options. */
    public SlashInput(String userId, String userName, Set<String> roleIds, String commandPath,
                      Map<String, String> options) {
        this(userId, userName, roleIds, commandPath, options, Map.of());
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
