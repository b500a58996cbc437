package io.guichet.discord.console;

import java.util.Set;

/**
 * A technician typing into an option that has autocomplete.
 *
 * @param option the focused option's name, e.g. {@code "ticket"}
 * @param typed  what is typed so far
 */
public record AutocompleteInput(String userId, String userName, Set<String> roleIds, String commandPath,
                                String option, String typed) {

    public AutocompleteInput {
        roleIds = Set.copyOf(roleIds);
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
